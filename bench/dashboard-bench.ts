// claude-dm-tui with 50 Claude panes (synthetic peers drawing real captured screens):
// how long from a peer's state change (its sessions record written) to the dashboard
// drawing it, p50/p95 over several flips; and the dashboard's CPU while nothing changes.
// Prints figures; asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateTmux } from '../src/demo/private-tmux.js';
import { captureNames } from '../test/support/fixtures.js';
import { rec, startSyntheticPeer, writeJsonl, type SyntheticPeer } from '../test/support/synthetic-peers.js';
import { startDashboardProbe } from './dashboard-probe.js';
import { pct, sessionsWrittenAt, sleep } from './measure.js';

const PANES = Number(process.env.BENCH_PANES ?? 50);
const FLIPS = Number(process.env.BENCH_FLIPS ?? 20);
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 30);

const work = mkdtempSync(join(tmpdir(), 'cdm-dash-'));
const tmux = startPrivateTmux({ cols: 200, rows: 60 });
try {
  const calm = captureNames().filter((n) => /__(idle|busy)__/.test(n));
  const peers: SyntheticPeer[] = [];
  for (let i = 0; i < PANES; i++) peers.push(await startSyntheticPeer(tmux, `p${i}`, { capture: calm[i % calm.length]! }));
  // Real peers have transcripts, and the LAST column shows how long ago each was written.
  if (process.env.BENCH_TRANSCRIPTS !== '0')
    for (const p of peers) writeJsonl(p.transcriptPath(), [rec.user('hello'), rec.assistant('hi')]);
  await sleep(1500);
  const dash = await startDashboardProbe(tmux, work);
  await sleep(2000);

  // Latency: flip one peer into a permission modal and back, watching the header count.
  const latencies: number[] = [];
  for (let i = 0; i < FLIPS; i++) {
    const peer = peers[(i * 7) % PANES]!;
    peer.set({ capture: '2.1.197__permission_bash__1' });
    const shownAt = await dash.shownAt('🔴 1 modal', 5000);
    if (shownAt) latencies.push(shownAt - sessionsWrittenAt(peer.configDir));
    peer.set({ capture: calm[0]! });
    await dash.shownAt('🔴 0 modal', 5000);
    await sleep(300);
  }

  // Nothing changing: busy peers' titles flip every second, so every peer goes idle first.
  for (const p of peers) p.set({ capture: '2.1.197__idle__2' });
  await sleep(3000);
  const idle = await dash.measure(IDLE_S);
  const row = (k: string, v: string) => console.log(`${k.padEnd(48)}${v}`);
  console.log(`claude-dm-tui with ${PANES} Claude panes (${process.version}, ${process.platform})`);
  row(`state change → shown, p50 (${latencies.length} flips)`, `${pct(latencies, 50).toFixed(0)} ms`);
  row('state change → shown, p95', `${pct(latencies, 95).toFixed(0)} ms`);
  row(`dashboard CPU while nothing changes (${IDLE_S} s)`, `${idle.cpuPercent.toFixed(2)} % of one core`);
  row('tmux processes started per second, idle', idle.tmuxPerSecond.toFixed(2));
  await dash.quit();
} finally {
  tmux.kill();
  rmSync(work, { recursive: true, force: true });
}
