// claude-dm-tui with 50 Claude panes (synthetic peers drawing real captured screens):
// how long from a peer's state change (its sessions record written) to the dashboard
// drawing it, p50/p95 over several flips; and the dashboard's CPU while nothing changes.
// Prints figures; asserts nothing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startPrivateTmux } from '../src/demo/private-tmux.js';
import { captureNames } from '../test/support/fixtures.js';
import { REPO_ROOT } from '../test/support/repo-root.js';
import { startSyntheticPeer, type SyntheticPeer } from '../test/support/synthetic-peers.js';

const PANES = Number(process.env.BENCH_PANES ?? 50);
const FLIPS = Number(process.env.BENCH_FLIPS ?? 20);
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 30);
const CLK_TCK = 100;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime
}

/** When the synthetic peer last wrote its sessions record: the moment its state changed. */
function recordWrittenAt(peer: SyntheticPeer): number {
  const dir = join(peer.configDir, 'sessions');
  return Math.max(0, ...readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs));
}

const tmux = startPrivateTmux({ cols: 200, rows: 60 });
try {
  const calm = captureNames().filter((n) => /__(idle|busy)__/.test(n));
  const peers: SyntheticPeer[] = [];
  for (let i = 0; i < PANES; i++) peers.push(await startSyntheticPeer(tmux, `p${i}`, { capture: calm[i % calm.length]! }));
  await sleep(1500);
  const bin = join(REPO_ROOT, 'dist', 'components', 'main.js');
  const [dash, pid] = (await tmux.tmux('new-window', '-d', '-P', '-F', '#{pane_id} #{pane_pid}', '-n', 'dash', 'node', bin, '--socket', tmux.socketPath))
    .trim()
    .split(' ');
  const dashPid = Number(pid);
  const screen = () => tmux.tmux('capture-pane', '-p', '-t', dash!);
  for (let i = 0; i < 150 && !(await screen()).includes('🔴 0 modal'); i++) await sleep(200);
  await sleep(2000);

  // Latency: flip one peer into a permission modal and back, watching the header count.
  const latencies: number[] = [];
  for (let i = 0; i < FLIPS; i++) {
    const peer = peers[(i * 7) % PANES]!;
    peer.set({ capture: '2.1.197__permission_bash__1' });
    let shownAt = 0;
    for (let n = 0; n < 1000 && !shownAt; n++) {
      if ((await screen()).includes('🔴 1 modal')) shownAt = Date.now();
      else await sleep(5);
    }
    if (shownAt) latencies.push(shownAt - recordWrittenAt(peer));
    peer.set({ capture: calm[0]! });
    for (let n = 0; n < 500 && !(await screen()).includes('🔴 0 modal'); n++) await sleep(10);
    await sleep(300);
  }

  // CPU while nothing changes.
  await sleep(2000);
  const c0 = cpuTicks(dashPid);
  const w0 = Date.now();
  await sleep(IDLE_S * 1000);
  const cpuPct = ((cpuTicks(dashPid) - c0) / CLK_TCK / ((Date.now() - w0) / 1000)) * 100;

  const row = (k: string, v: string) => console.log(`${k.padEnd(48)}${v}`);
  console.log(`claude-dm-tui with ${PANES} Claude panes (${process.version}, ${process.platform})`);
  row(`state change → shown, p50 (${latencies.length} flips)`, `${pct(latencies, 50).toFixed(0)} ms`);
  row('state change → shown, p95', `${pct(latencies, 95).toFixed(0)} ms`);
  row(`dashboard CPU while nothing changes (${IDLE_S} s)`, `${cpuPct.toFixed(2)} % of one core`);
} finally {
  tmux.kill();
}
