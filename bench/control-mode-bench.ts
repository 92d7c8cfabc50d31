// Is a persistent `tmux -C` control client cheaper than one tmux process per call, for what
// the dashboard does each tick (one list-panes -a, and a batch of captures)? Measured here
// side by side on one private server with synthetic peers: wall time per call, and CPU per
// call of everything involved (this process, the spawned tmux clients, the control client,
// the tmux server). Prints figures; asserts nothing.
import { performance } from 'node:perf_hooks';
import { startPrivateTmux } from '../demo/private-tmux.js';
import { captureMany } from '../src/tmux/capture-many.js';
import { TmuxClient } from '../src/tmux/client.js';
import { ControlModeRunner } from '../src/tmux/control.js';
import { processRunner } from '../src/tmux/runner.js';
import { captureNames } from '../test/support/fixtures.js';
import { startSyntheticPeer } from '../test/support/synthetic-peers.js';
import { cpuTicks, sleep } from './measure.js';

const PANES = Number(process.env.BENCH_PANES ?? 100);
const CALLS = Number(process.env.BENCH_CALLS ?? 100);
const CAPTURED = 10; // panes captured per tick when a few changed

// This process's own CPU counts the tmux clients it waited for too.
const ticksOf = (pid: number | 'self') => cpuTicks(pid, pid === 'self');

const tmux = startPrivateTmux({ cols: 200, rows: 60 });
try {
  const captures = captureNames().filter((n) => /__(idle|drafting|permission)/.test(n));
  for (let i = 0; i < PANES; i++) await startSyntheticPeer(tmux, `p${i}`, { capture: captures[i % captures.length]! });
  await sleep(2000);
  const client = new TmuxClient(tmux.socketPath, processRunner, tmux.env);
  const ids = (await client.listPanes()).map((p) => p.paneId).slice(1, 1 + CAPTURED);
  const serverPid = tmux.serverPid;

  const measure = async (label: string, extraPid: number | null, op: () => Promise<unknown>) => {
    await op();
    const self0 = ticksOf('self');
    const server0 = ticksOf(serverPid);
    const extra0 = extraPid ? ticksOf(extraPid) : 0;
    const t0 = performance.now();
    for (let i = 0; i < CALLS; i++) await op();
    const wall = (performance.now() - t0) / CALLS;
    const cpu = ((ticksOf('self') - self0 + ticksOf(serverPid) - server0 + (extraPid ? ticksOf(extraPid) - extra0 : 0)) * 10) / CALLS;
    console.log(`${label.padEnd(44)}${wall.toFixed(2).padStart(8)} ms wall  ${cpu.toFixed(2).padStart(6)} ms CPU`);
  };

  console.log(`tmux per call vs a control-mode client, ${PANES} panes, ${CALLS} calls each (${process.version}, ${process.platform})`);
  await measure('list-panes -a, a tmux process per call', null, () => client.listPanes());
  await measure(`capture ${CAPTURED} panes, one tmux process`, null, () => captureMany(client, ids));
  // The dashboard's own: src/tmux/control.ts behind the same TmuxClient.
  const runner = new ControlModeRunner(processRunner, tmux.socketPath, tmux.env);
  const control = new TmuxClient(tmux.socketPath, runner, tmux.env);
  await control.listPanes();
  const controlPid = Number((await client.tmux(['list-clients', '-F', '#{client_pid}'])).trim());
  await measure('list-panes -a, control client', controlPid, () => control.listPanes());
  await measure(`capture ${CAPTURED} panes, control client`, controlPid, () => captureMany(control, ids));
  console.log(`(${runner.stats.control} calls through control mode, ${runner.stats.spawned} fell back)`);
  runner.close();
} finally {
  tmux.kill();
}
