// The check-to-keystroke window that remains in `send`: from the last look at the peer's
// input box (and title) to the Enter keystroke, over real Claude Code (offline, fake API).
// A human typing inside this window could still be submitted with our text; outside it,
// the box check stops us. Prints figures; asserts nothing.
import { join } from 'node:path';
import { openSession } from '../src/session/session.js';
import { sendMessage } from '../src/actions/verbs.js';
import { startRealPeers } from '../src/demo/real-peers.js';
import { pct } from './measure.js';

const SENDS = Number(process.env.BENCH_SENDS ?? 20);
const h = await startRealPeers();
try {
  const peer = await h.start('target');
  const env = { ...h.tmux.env, CLAUDE_DM_AUDIT_LOG: join(h.tmux.dir, 'audit.log'), XDG_RUNTIME_DIR: h.tmux.dir };
  const ctx = openSession({ socket: h.tmux.socketPath }, { env });
  const windows: number[] = [];
  for (let i = 0; i < SENDS; i++) {
    const r = await sendMessage(ctx, peer.paneId, `message ${i}`, { whenIdleMs: 30_000 });
    const w = (r.extra as { toctou_ms?: number } | undefined)?.toctou_ms;
    if (r.ok && typeof w === 'number') windows.push(w);
  }
  console.log(`send: last look at the box → Enter, over ${windows.length} sends to real Claude Code (${process.version})`);
  console.log(`p50 ${pct(windows, 50).toFixed(1)} ms   p95 ${pct(windows, 95).toFixed(1)} ms   max ${Math.max(...windows).toFixed(1)} ms`);
} finally {
  await h.close();
}
