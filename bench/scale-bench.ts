// Scale and speed at 100 peers on this machine, against the targets of the project:
//   list ≤ 2× the floor (node -e 0 + one bare tmux list-panes -a), measured side by side;
//   dashboard: a new modal shown ≤ 250 ms after its sessions record changes (p95), CPU ≤ 2 %
//   of one core while nothing changes; tmux processes it spawns per second (printed);
//   peek on a 1 GiB transcript ≤ 50 ms with ≤ 20 MiB more memory; tail keeps up with a
//   transcript growing at 10 MB/s, with bounded memory, never reading a byte twice.
// Prints a table: figure, value, target, ratio, PASS/FAIL. Asserts nothing.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startDashboardProbe } from './dashboard-probe.js';
import { goalRow, infoRow, printGoalTable, type GoalRow } from './goal-table.js';
import { endBench, fixed, median, pct, sleep } from './measure.js';
import { listVsFloor } from './list-floor.js';
import { startPrivateTmux } from '../demo/private-tmux.js';
import { TranscriptFollower } from '../src/transcript/follow.js';
import { readTail } from '../src/transcript/read-tail.js';
import { REPO_ROOT } from '../test/support/repo-root.js';
import { CALM, flipModals, latenciesOf, startPeers } from './scene.js';

const PEERS = Number(process.env.BENCH_PANES ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 60);
const FLIPS = Number(process.env.BENCH_FLIPS ?? 20);
const GIB = Number(process.env.BENCH_TRANSCRIPT_MIB ?? 1024) * 1024 * 1024;

const rows: GoalRow[] = [];
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;
/** The memory goals: 20 MiB. */
const MIB20 = 20 * 1024 * 1024;

const work = mkdtempSync(join(tmpdir(), 'cdm-scale-'));
const tmux = startPrivateTmux({ cols: 200, rows: 60 });
try {
  // ---- 100 synthetic peers: idle ones and, later, ten busy ones.
  const peers = await startPeers(tmux, PEERS);
  await sleep(2000);
  const env = { ...tmux.env, CLAUDE_DM_SOCKET: tmux.socketPath };
  // The installed bin: the single-file CommonJS bundle.
  const cli = join(REPO_ROOT, 'dist', 'claude-dm.cjs');

  // ---- list against the floor, side by side.
  const m = listVsFloor(cli, tmux.socketPath, env, Math.max(RUNS, 21));
  rows.push(
    goalRow(
      `claude-dm list, ${PEERS} Claude panes (median)`,
      `${m.listMs.toFixed(0)} ms`,
      m.ratio,
      2,
      `≤ 2× floor (${m.floorMs.toFixed(0)} ms)`,
    ),
  );

  // ---- the dashboard, with a tmux shim that counts the processes it starts.
  const dash = await startDashboardProbe(tmux, work);
  await sleep(3000);

  const latencies = latenciesOf(
    await flipModals(dash, peers, { flips: FLIPS, stride: 13, calm: CALM[0]!, showMs: 10_000, clearMs: 5000, pauseMs: 400 }),
  );
  const p95 = pct(latencies, 95);
  const none = `no modal reached the dashboard in ${FLIPS} flips`;
  rows.push(infoRow(`dashboard: new modal shown, p50 (${latencies.length} of ${FLIPS} flips)`, fixed(pct(latencies, 50), 0, ' ms', none)));
  rows.push(goalRow('dashboard: new modal shown, p95', fixed(p95, 0, ' ms', none), (p95 ?? NaN) / 250, 1, '≤ 250 ms'));

  await sleep(2000);
  const idle = await dash.measure(IDLE_S);
  rows.push(
    goalRow(`dashboard CPU, nothing changing (${IDLE_S} s)`, `${idle.cpuPercent.toFixed(2)} % of a core`, idle.cpuPercent / 2, 1, '≤ 2 %'),
  );
  rows.push(infoRow('tmux processes started per second, idle', idle.tmuxPerSecond.toFixed(2)));
  for (const p of peers.slice(0, 10)) p.set({ capture: '2.1.197__busy__1' });
  await sleep(3000);
  const busy = await dash.measure(20);
  rows.push(infoRow('tmux processes started per second, 10 busy', busy.tmuxPerSecond.toFixed(2)));
  for (const p of peers.slice(0, 10)) p.set({ capture: CALM[0]! });
  await dash.quit();

  // ---- peek on a 1 GiB transcript.
  const big = join(work, 'big.jsonl');
  const line = (i: number) =>
    `${JSON.stringify({ type: i % 2 ? 'assistant' : 'user', timestamp: new Date(1_700_000_000_000 + i).toISOString(), message: i % 2 ? { content: [{ type: 'text', text: `answer ${i} ${'x'.repeat(900)}` }], stop_reason: 'end_turn' } : { content: `question ${i} ${'y'.repeat(900)}` } })}\n`;
  const fd = openSync(big, 'w');
  let written = 0;
  let n = 0;
  while (written < GIB) {
    let chunk = '';
    for (let k = 0; k < 1000; k++) chunk += line(n++);
    writeSync(fd, chunk);
    written += Buffer.byteLength(chunk);
  }
  closeSync(fd);
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  const peekMs = await (async () => {
    const out: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const tail = await readTail(big, 10);
      out.push(performance.now() - t);
      if (tail.blocks.length !== 10) throw new Error('peek read the wrong thing');
    }
    return median(out) ?? NaN; // RUNS ≥ 1 reads
  })();
  const peekGrowth = process.memoryUsage().rss - rss0;
  rows.push(goalRow(`peek (last 10 blocks) of a ${mib(written)} transcript`, `${peekMs.toFixed(1)} ms`, peekMs / 50, 1, '≤ 50 ms'));
  rows.push(goalRow('peek: memory growth', mib(Math.max(0, peekGrowth)), Math.max(0, peekGrowth) / MIB20, 1, '≤ 20 MiB'));
  rmSync(big);

  // ---- tail on a transcript growing at 10 MB/s for 10 s, written by another process.
  const growing = join(work, 'growing.jsonl');
  writeFileSync(growing, '');
  const follower = new TranscriptFollower(growing, 0);
  const writer = spawn(process.execPath, [
    '-e',
    `
    const fs = require('fs'); const line = ${JSON.stringify(line(1))};
    const perTick = Math.round(10e6 / 10 / line.length); let ticks = 0;
    const t = setInterval(() => { fs.appendFileSync(${JSON.stringify(growing)}, line.repeat(perTick)); if (++ticks === 100) { clearInterval(t); } }, 100);`,
  ]);
  const rssT0 = process.memoryUsage().rss;
  let records = 0;
  let maxLag = 0;
  let peakGrowth = 0;
  const writerDone = new Promise((r) => writer.on('exit', r));
  let done = false;
  void writerDone.then(() => (done = true));
  while (!done) {
    records += (await follower.poll()).length;
    const size = statSync(growing).size;
    maxLag = Math.max(maxLag, size - follower.offsetRead);
    peakGrowth = Math.max(peakGrowth, process.memoryUsage().rss - rssT0);
    await sleep(200);
  }
  records += (await follower.poll()).length;
  const finalSize = statSync(growing).size;
  const expected = readFileSync(growing, 'utf8').split('\n').length - 1;
  rows.push({
    figure: `tail: ${mib(finalSize)} at 10 MB/s, records read`,
    value: `${records} of ${expected}`,
    goal: 'all, once',
    ratio: '',
    pass: records === expected && follower.bytesRead === finalSize,
  });
  rows.push({
    figure: 'tail: bytes read / file size',
    value: `${follower.bytesRead} / ${finalSize}`,
    goal: 'equal (nothing re-read)',
    ratio: `${(follower.bytesRead / finalSize).toFixed(3)}×`,
    pass: follower.bytesRead === finalSize,
  });
  rows.push(infoRow('tail: most behind at a poll', mib(maxLag)));
  rows.push(goalRow('tail: memory growth (peak)', mib(Math.max(0, peakGrowth)), Math.max(0, peakGrowth) / MIB20, 1, '≤ 20 MiB'));
} finally {
  tmux.kill();
  rmSync(work, { recursive: true, force: true });
}

const cpus = execFileSync('nproc', { encoding: 'utf8' }).trim();
printGoalTable(`claude-dm at scale: ${PEERS} peers, ${cpus} cores, ${process.version}, ${process.platform}`, rows);
endBench('scale-bench');
