// claude-dm-tui with 50 Claude panes (synthetic peers drawing real captured screens):
// how long from a peer's state change (its sessions record written) to the dashboard
// drawing it, p50/p95 over several flips; and the dashboard's CPU while nothing changes.
// Prints figures; asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateTmux } from '../demo/private-tmux.js';
import { captureNames } from '../test/support/fixtures.js';
import { startDashboardProbe } from './dashboard-probe.js';
import { endBench, fixed, pct, sleep } from './measure.js';
import { flipModals, latenciesOf, startPeers } from './scene.js';

const PANES = Number(process.env.BENCH_PANES ?? 50);
const FLIPS = Number(process.env.BENCH_FLIPS ?? 20);
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 30);

const work = mkdtempSync(join(tmpdir(), 'cdm-dash-'));
const tmux = startPrivateTmux({ cols: 200, rows: 60 });
try {
  const calm = captureNames().filter((n) => /__(idle|busy)__/.test(n));
  const peers = await startPeers(tmux, PANES, { screens: calm, transcripts: process.env.BENCH_TRANSCRIPTS !== '0' });
  await sleep(1500);
  const dash = await startDashboardProbe(tmux, work);
  await sleep(2000);

  // Latency: flip one peer into a permission modal and back, watching the header count.
  const latencies = latenciesOf(
    await flipModals(dash, peers, { flips: FLIPS, stride: 7, calm: calm[0]!, showMs: 5000, clearMs: 5000, pauseMs: 300 }),
  );

  // Nothing changing: busy peers' titles flip every second, so every peer goes idle first.
  for (const p of peers) p.set({ capture: '2.1.197__idle__2' });
  await sleep(3000);
  const idle = await dash.measure(IDLE_S);
  const row = (k: string, v: string) => console.log(`${k.padEnd(48)}${v}`);
  console.log(`claude-dm-tui with ${PANES} Claude panes (${process.version}, ${process.platform})`);
  const none = `no modal reached the dashboard in ${FLIPS} flips`;
  row(`state change → shown, p50 (${latencies.length} of ${FLIPS} flips)`, fixed(pct(latencies, 50), 0, ' ms', none));
  row('state change → shown, p95', fixed(pct(latencies, 95), 0, ' ms', none));
  row(`dashboard CPU while nothing changes (${IDLE_S} s)`, `${idle.cpuPercent.toFixed(2)} % of one core`);
  row('tmux processes started per second, idle', idle.tmuxPerSecond.toFixed(2));
  await dash.quit();
} finally {
  tmux.kill();
  rmSync(work, { recursive: true, force: true });
}
endBench('dashboard-bench');
