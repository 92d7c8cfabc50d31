// Issue 27's speed goals, each against its floor measured in the same run, as one table:
//   claude-dm --version                 ≤ 1.15× node -e 0
//   claude-dm list, 100 panes           ≤ 1.5× the floor (node -e 0 + one bare tmux list-panes -a)
//   claude-dm list --format tmux, 100   ≤ 1.3× the floor
//   claude-dm list, 500 panes           ≤ 2× the floor
//   dashboard, a new modal shown (p95)  ≤ 100 ms at 100 peers, ≤ 250 ms at 500
//   dashboard CPU, nothing changing     ≤ 1 % of a core at 100 peers
// The scene: BENCH_LIVE synthetic peers (node processes that can open a modal) and, up to the size, peers
// that only draw a captured screen and sit (a shell each: 500 node peers would not fit in memory).
// Each figure waits for a machine at rest first (bench/measure.ts settle): the wait is a row. Prints figures;
// asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDashboardProbe } from './dashboard-probe.js';
import { goalRow, infoRow, printGoalTable, type GoalRow } from './goal-table.js';
import { listVsFloor } from './list-floor.js';
import { endBench, fixed, median, pct, settle, timeOnce } from './measure.js';
import { CALM, flipModals, latenciesOf, startPeers, startStillPeer } from './scene.js';
import { startPrivateTmux } from '../demo/private-tmux.js';
import { REPO_ROOT } from '../test/support/repo-root.js';
import type { SyntheticPeer } from '../test/support/synthetic-peers.js';

const SIZES = (process.env.BENCH_SIZES ?? '100,500').split(',').map(Number);
const LIVE = Number(process.env.BENCH_LIVE ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const FLIPS = Number(process.env.BENCH_FLIPS ?? 40);
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 30);
const cli = join(REPO_ROOT, 'dist', 'claude-dm.cjs');
const rows: GoalRow[] = [];
const ms = (x: number) => fixed(x, 0, ' ms');
/**
 * Each figure is measured on a machine at rest: after what came before it (the scene's peers starting, a
 * dashboard's flips) has settled, or another program's work has passed. The wait is a row of the table.
 */
async function quiet(what: string, minMs: number): Promise<void> {
  const s = await settle(minMs);
  rows.push(
    infoRow(
      `quiet before ${what}`,
      s.quiet ? `after ${(s.waitedMs / 1000).toFixed(1)} s` : `not within ${(s.waitedMs / 1000).toFixed(0)} s`,
    ),
  );
}

// ---- start-up: --version against node -e 0, interleaved rounds, medians.
await quiet('the start-up figures', 0);
{
  const floor: number[] = [];
  const version: number[] = [];
  for (let i = 0; i < RUNS * 2; i++) {
    floor.push(timeOnce(() => execFileSync('node', ['-e', '0'])));
    version.push(timeOnce(() => execFileSync('node', [cli, '--version'])));
  }
  const [f, v] = [median(floor) ?? NaN, median(version) ?? NaN];
  rows.push(infoRow('node -e 0 (median)', ms(f)));
  rows.push(goalRow('claude-dm --version (median)', ms(v), v / f, 1.15, '≤ 1.15× node -e 0'));
}

const work = mkdtempSync(join(tmpdir(), 'cdm-speed-'));
const tmux = startPrivateTmux({ cols: 200, rows: 60 });
try {
  const live: SyntheticPeer[] = await startPeers(tmux, LIVE);
  let panes = LIVE;
  const env = { ...tmux.env, CLAUDE_DM_SOCKET: tmux.socketPath };
  for (const size of SIZES) {
    for (; panes < size; panes++) await startStillPeer(tmux, panes);
    await quiet(`the figures at ${size} panes`, 1500);
    const listed = JSON.parse(execFileSync('node', [cli, 'list', '--json'], { env, encoding: 'utf8', maxBuffer: 64 << 20 })) as {
      peers: unknown[];
    };
    if (listed.peers.length !== size) throw new Error(`expected ${size} peers, list found ${listed.peers.length}`);

    const list = listVsFloor(cli, tmux.socketPath, env, RUNS);
    rows.push(infoRow(`floor at ${size} panes (node -e 0 + tmux list-panes -a)`, ms(list.floorMs)));
    const listGoal = size <= 100 ? 1.5 : 2;
    rows.push(goalRow(`claude-dm list, ${size} panes (median)`, ms(list.listMs), list.ratio, listGoal, `≤ ${listGoal}× floor`));
    if (size <= 100) {
      const status = listVsFloor(cli, tmux.socketPath, env, RUNS, ['list', '--format', 'tmux']);
      rows.push(goalRow(`claude-dm list --format tmux, ${size} panes`, ms(status.listMs), status.ratio, 1.3, '≤ 1.3× floor'));
    }

    const dash = await startDashboardProbe(tmux, join(work, `dash-${size}`));
    await quiet(`the dashboard's figures at ${size} peers`, 3000);
    const latencies = latenciesOf(
      await flipModals(dash, live, { flips: FLIPS, stride: 7, calm: CALM[0]!, showMs: 10_000, clearMs: 5000, pauseMs: 400 }),
    );
    const p95 = pct(latencies, 95) ?? NaN;
    const modalGoal = size <= 100 ? 100 : 250;
    rows.push(infoRow(`dashboard, ${size} peers: new modal shown, p50 (${latencies.length} of ${FLIPS})`, ms(pct(latencies, 50) ?? NaN)));
    rows.push(goalRow(`dashboard, ${size} peers: new modal shown, p95`, ms(p95), p95 / modalGoal, 1, `≤ ${modalGoal} ms`));
    if (size <= 100) {
      await quiet(`the dashboard's idle CPU at ${size} peers`, 2000);
      const idle = await dash.measure(IDLE_S);
      rows.push(
        goalRow(
          `dashboard, ${size} peers: CPU, nothing changing (${IDLE_S} s)`,
          `${idle.cpuPercent.toFixed(2)} %`,
          idle.cpuPercent,
          1,
          '≤ 1 % of a core',
        ),
      );
    }
    await dash.quit();
  }
} finally {
  tmux.kill();
  rmSync(work, { recursive: true, force: true });
}

const cpus = execFileSync('nproc', { encoding: 'utf8' }).trim();
printGoalTable(
  `claude-dm speed against its goals (${LIVE} live peers, the rest still; ${cpus} cores, ${process.version}, ${process.platform})`,
  rows,
);
endBench('speed-bench');
