// Live events and many peers at once, measured on this machine (issue 20's figures):
//   watch at 100 synthetic peers: a screen change → its event line (from the peer's sessions record write
//   to the line reaching our end of the pipe), p50 and p95; watch's CPU (itself and its tmux control
//   client) while nothing changes;
//   ask to 5 real Claude Code 2.1.332 peers (offline) at once, wall time, against the same asks one after
//   another.
// Prints figures. Asserts nothing.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuTicks, CLK_TCK, endBench, fixed, pct, sessionsWrittenAt, sleep } from './measure.js';
import { closePrompt, openPrompt, startPeers } from './scene.js';
import { startPrivateTmux } from '../demo/private-tmux.js';
import { startRealPeers } from '../demo/real-peers.js';
import { runCli } from '../src/cli/run.js';
import { REPO_ROOT } from '../test/support/repo-root.js';
import { VERBS } from '../src/cli/verbs/index.js';

const PEERS = Number(process.env.BENCH_PANES ?? 100);
const FLIPS = Number(process.env.BENCH_FLIPS ?? 20);
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 30);
const REAL = Number(process.env.BENCH_REAL_PEERS ?? 5);
const CLI = join(REPO_ROOT, 'dist', 'claude-dm.cjs');

const out = (figure: string, value: string) => process.stdout.write(`${figure.padEnd(64)} ${value}\n`);

/** The CPU ticks of a process and of the children it still runs (watch's tmux control-mode client). */
function treeTicks(pid: number): number {
  let kids: number[] = [];
  try {
    kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/u).filter(Boolean).map(Number);
  } catch {
    // gone
  }
  return (
    cpuTicks(pid, true) +
    kids.reduce(
      (n, k) =>
        n +
        (() => {
          try {
            return cpuTicks(k);
          } catch {
            return 0;
          }
        })(),
      0,
    )
  );
}

async function watchFigures(): Promise<void> {
  const tmux = startPrivateTmux({ cols: 200, rows: 60 });
  try {
    const peers = await startPeers(tmux, PEERS);
    await sleep(2000);
    const child = spawn('node', [CLI, '--socket', tmux.socketPath, 'watch', '--json'], { env: { ...tmux.env, XDG_RUNTIME_DIR: tmux.dir } });
    const arrivals: Array<{ at: number; e: Record<string, unknown> }> = [];
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      const at = Date.now();
      buf += d.toString('utf8');
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) arrivals.push({ at, e: JSON.parse(l) as Record<string, unknown> });
    });
    const until = async (pred: (e: Record<string, unknown>) => boolean, from: number, ms: number) => {
      const end = Date.now() + ms;
      for (;;) {
        const hit = arrivals.slice(from).find((a) => pred(a.e));
        if (hit) return hit.at;
        if (Date.now() > end) return 0;
        await sleep(5);
      }
    };
    await until((e) => e.event === 'snapshot', 0, 30_000);
    await sleep(3000);

    const latencies: number[] = [];
    for (let i = 0; i < FLIPS; i++) {
      const peer = peers[(i * 13) % peers.length]!;
      const from = arrivals.length;
      const call = openPrompt(peer, '2.1.197__permission_bash__1', `toolu_watch_${i}`);
      const shown = await until((e) => e.event === 'state' && e.pane_id === peer.paneId && e.to === 'modal', from, 10_000);
      if (shown) latencies.push(shown - sessionsWrittenAt(peer.configDir));
      const back = arrivals.length;
      closePrompt(peer, '2.1.197__idle__1', call);
      await until((e) => e.event === 'state' && e.pane_id === peer.paneId && e.to !== 'modal', back, 10_000);
      await sleep(400);
    }
    const none = `no state event for ${FLIPS} flips`;
    out(
      `watch: screen change → event line, p50 (${latencies.length} of ${FLIPS}, ${PEERS} peers)`,
      fixed(pct(latencies, 50), 0, ' ms', none),
    );
    out('watch: screen change → event line, p95', fixed(pct(latencies, 95), 0, ' ms', none));

    await sleep(2000);
    const t0 = performance.now();
    const ticks0 = treeTicks(child.pid!);
    await sleep(IDLE_S * 1000);
    const ticks = treeTicks(child.pid!) - ticks0;
    const seconds = (performance.now() - t0) / 1000;
    out(`watch: CPU while nothing changes (${PEERS} peers, ${IDLE_S} s)`, `${((ticks / CLK_TCK / seconds) * 100).toFixed(2)} % of a core`);
    child.kill('SIGINT');
  } finally {
    tmux.kill();
  }
}

async function fanOutFigures(): Promise<void> {
  const rp = await startRealPeers({ version: '2.1.332', permissionMode: 'default' });
  try {
    const peers = [];
    for (let i = 0; i < REAL; i++) peers.push(await rp.start(`real${i}`));
    const env = {
      ...rp.tmux.env,
      CLAUDE_DM_SOCKET: rp.tmux.socketPath,
      XDG_RUNTIME_DIR: rp.tmux.dir,
      CLAUDE_DM_AUDIT_LOG: join(rp.tmux.dir, 'audit.log'),
    };
    const ask = async (args: string[]) => {
      const lines: string[] = [];
      const code = await runCli(['ask', ...args], { verbs: VERBS, env, io: { out: (l) => lines.push(l), err: () => undefined } });
      if (code !== 0) throw new Error(`ask ${args.join(' ')} exited ${code}`);
      return lines;
    };
    const message = 'slow2 reply: done';
    await ask([peers[0]!.paneId, '--', message]); // warm: the first turn of a peer is slower
    let t = performance.now();
    for (const p of peers) await ask([p.paneId, '--', message]);
    const oneByOne = performance.now() - t;
    t = performance.now();
    const lines = await ask(['--json', ...peers.map((p) => p.paneId), '--', message]);
    const fanned = performance.now() - t;
    out(`ask to ${REAL} real 2.1.332 peers, one after another (wall)`, `${(oneByOne / 1000).toFixed(1)} s`);
    out(
      `ask to ${REAL} real 2.1.332 peers at once (wall, ${lines.length} replies)`,
      `${(fanned / 1000).toFixed(1)} s (${(oneByOne / fanned).toFixed(1)}× faster)`,
    );
  } finally {
    await rp.close();
  }
}

await watchFigures();
await fanOutFigures();
endBench('watch-bench');
