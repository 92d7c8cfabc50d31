// Where the idle dashboard spends its CPU: 100 synthetic peers (with transcripts), the dashboard
// under `node --cpu-prof` for BENCH_IDLE_S seconds with nothing changing, then the functions
// with the most self time. Prints figures; asserts nothing.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDashboardProbe } from './dashboard-probe.js';
import { sleep } from './measure.js';
import { CALM, flipModals, startPeers, type Flip } from './scene.js';
import { startPrivateTmux } from '../demo/private-tmux.js';

const PEERS = Number(process.env.BENCH_PANES ?? 100);
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 30);

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  startTime: number;
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const work = mkdtempSync(join(tmpdir(), 'cdm-prof-'));
const profDir = join(work, 'prof');
// BENCH_NO_PROFILE=1: the frame counts and CPU alone, without the profiler's own cost.
if (!process.env.BENCH_NO_PROFILE) process.env.BENCH_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${profDir}`;
const statsFile = join(work, 'tui-stats.json');
process.env.CLAUDE_DM_TUI_STATS = statsFile;
const traceFile = join(work, 'trace.log');
process.env.CLAUDE_DM_TUI_TRACE = traceFile;
const FLIPS = Number(process.env.BENCH_FLIPS ?? 10);
const tmux = startPrivateTmux({ cols: 200, rows: 60 });
try {
  const peers = await startPeers(tmux, PEERS);
  await sleep(2000);
  const dash = await startDashboardProbe(tmux, work);
  await sleep(3000);
  const m = await dash.measure(IDLE_S);
  const screen = await dash.screen();
  // Then modals, one at a time, each step timed from the sessions record's write.
  const flips = await flipModals(dash, peers, { flips: FLIPS, stride: 13, calm: CALM[0]!, showMs: 10_000, clearMs: 5000, pauseMs: 400 });
  await dash.quit();
  // The profile is written as the process exits.
  const alive = () => {
    try {
      process.kill(dash.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 150 && alive(); i++) await sleep(200);
  const file = (existsSync(profDir) ? readdirSync(profDir) : []).find((f) => f.endsWith('.cpuprofile'));
  if (existsSync(statsFile)) console.log(`the whole run (start, idle, quit): ${readFileSync(statsFile, 'utf8')}`);
  console.log(`idle dashboard, ${PEERS} peers, ${IDLE_S} s: ${m.cpuPercent.toFixed(2)} % of a core (with its tmux clients)`);
  if (existsSync(traceFile)) flipSteps(readFileSync(traceFile, 'utf8'), flips);
  if (file) report(JSON.parse(readFileSync(join(profDir, file), 'utf8')) as Profile, screen);
} finally {
  tmux.kill();
  rmSync(work, { recursive: true, force: true });
}

function report(prof: Profile, screen: string): void {
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Only the idle window: the last IDLE_S seconds before quitting (which takes well under a second).
  const from = prof.endTime - (IDLE_S + 1) * 1e6;
  const to = prof.endTime - 1e6;
  let at = prof.startTime;
  prof.samples.forEach((id, i) => {
    at += prof.timeDeltas[i] ?? 0;
    if (at < from || at > to) return;
    // Inclusive time of the project's own functions (who asked for the work).
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const cf = byId.get(n)!.callFrame;
      if (!/\/dist\/(components|hooks|src)\//.test(cf.url)) continue;
      const own = `${cf.functionName || '(anonymous)'} ${cf.url.replace(/^.*\/dist\//, '')}:${cf.lineNumber + 1}`;
      if (seen.has(own)) continue;
      seen.add(own);
      inclusive.set(own, (inclusive.get(own) ?? 0) + (prof.timeDeltas[i] ?? 0));
    }
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (prof.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`profile of the idle window: ${(total / 1000).toFixed(0)} ms sampled; self time, top 25 (idle and GC included):`);
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${((us / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
  if (process.env.BENCH_SHOW_SCREEN) console.log(screen);
  console.log("inclusive time of the project's functions, top 20:");
  for (const [k, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${((us / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
}

/** For each modal: ms from the sessions record's write to the watcher event, the tick, its rows, the frame, the paint, and the screen. */
function flipSteps(log: string, flips: readonly Flip[]): void {
  const events = log
    .trim()
    .split('\n')
    .map((l) => {
      const [t, ...rest] = l.split(' ');
      return { t: Number(t), what: rest.join(' ') };
    });
  console.log('modal shown, step by step (ms after the sessions record was written): watch tick rows frame paint screen');
  for (const f of flips) {
    const after = (what: string, from: number) => events.find((e) => e.t >= from && e.what.startsWith(what))?.t;
    const watch = after('watch', f.written);
    const tick = after('tick', watch ?? f.written);
    const rows = after('rows', tick ?? f.written);
    const frame = after('frame', rows ?? f.written);
    const paint = after('paint', frame ?? f.written);
    const ms = (t: number | undefined) => (t === undefined ? '-' : (t - f.written).toFixed(0)).padStart(6);
    console.log([watch, tick, rows, frame, paint, f.shown || undefined].map(ms).join(' '));
  }
}
