// The check-to-keystroke window that remains in `send`: from the last look at the peer's
// input box (and title) to the Enter keystroke, over real Claude Code (offline, fake API).
// A human typing inside this window could still be submitted with our text; outside it,
// the box check stops us. Prints figures; asserts nothing.
import { join } from 'node:path';
import { openSession } from '../src/session/session.js';
import { sendMessage } from '../src/actions/write-verbs.js';
import { startRealPeers } from '../demo/real-peers.js';
import { endBench, fixed, pct } from './measure.js';

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
  const none = `none of ${SENDS} sends reported its window`;
  console.log(
    `p50 ${fixed(pct(windows, 50), 1, ' ms', none)}   p95 ${fixed(pct(windows, 95), 1, ' ms', none)}   max ${fixed(Math.max(...windows), 1, ' ms', none)}`,
  );
} finally {
  await h.close();
}
endBench('toctou-bench');
