// What `claude-dm list --format tmux` costs tmux's status line, which runs it every
// status-interval seconds (per attached client): its CPU per call, user + system, of node and
// the tmux processes it starts (our waited-for children), and of the tmux server answering
// them, beside plain `list`, `claude-dm --version` (the bundle loaded) and `node -e 0`, at 10
// and 100 synthetic peers (a mix of idle, busy, modal and drafting screens). It first checks
// that the count agrees with `list --json`. Prints figures; asserts nothing.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CLK_TCK, cpuTicks, median, sleep } from './measure.js';
import { startPeers } from './scene.js';
import type { PeerState } from '../src/classify/classify.js';
import { tmuxStatusLine } from '../src/cli/tmux-status.js';
import { startPrivateTmux } from '../demo/private-tmux.js';
import { REPO_ROOT } from '../test/support/repo-root.js';

const SIZES = (process.env.BENCH_STATUS_PEERS ?? '10,100').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 31);
const cli = join(REPO_ROOT, 'dist', 'claude-dm.cjs');
/** One screen in ten on a prompt, one drafting, the rest needing nobody. */
const MIX = [
  '2.1.197__idle__2',
  '2.1.197__busy__1',
  '2.1.197__permission_bash__1',
  '2.1.197__idle__1',
  '2.1.197__busy_tool__1',
  '2.1.197__drafting__1',
  '2.1.197__idle__2',
  '2.1.197__after_clear__1',
  '2.1.197__question__1',
  '2.1.197__idle__1',
];

interface Cost {
  wallMs: number;
  /** node and the tmux clients it waited for, per call. */
  clientMs: number;
  /** The tmux server, per call. */
  serverMs: number;
}

/** Ticks of the children we have waited for (each execFileSync's process, with what it waited for). */
const childTicks = () => cpuTicks('self', true) - cpuTicks('self');
const ms = (ticks: number) => (ticks * 1000) / CLK_TCK;

async function measureAt(peers: number): Promise<void> {
  const tmux = startPrivateTmux({ cols: 200, rows: 60 });
  try {
    await startPeers(tmux, peers, { screens: MIX });
    const env = { ...tmux.env, CLAUDE_DM_SOCKET: tmux.socketPath };
    const run = (args: string[]) => execFileSync('node', args, { env, encoding: 'utf8' });
    // Every peer drawn and its sessions record written: list sees them all, in the mix's states.
    const states = async () => {
      for (const deadline = Date.now() + 60_000; ; await sleep(250)) {
        const seen = (JSON.parse(run([cli, 'list', '--json'])) as { peers: Array<{ state: string }> }).peers.map((p) => p.state);
        const want = Math.round((peers * 2) / MIX.length);
        if (seen.length === peers && seen.filter((s) => s === 'modal').length === want) return seen;
        if (Date.now() > deadline) throw new Error(`list saw ${seen.length} peers (${seen.join(' ')}), not ${peers}`);
      }
    };
    const seen = await states();
    const count = (s: string) => seen.filter((x) => x === s).length;
    const line = run([cli, 'list', '--format', 'tmux']).trim();
    const agrees = line === tmuxStatusLine(seen as PeerState[]);

    const kinds: Record<string, string[]> = {
      'node -e 0': ['-e', '0'],
      // node and the claude-dm bundle loaded, no tmux.
      'claude-dm --version': [cli, '--version'],
      'claude-dm list': [cli, 'list'],
      'claude-dm list --format tmux': [cli, 'list', '--format', 'tmux'],
    };
    const samples: Record<string, { wall: number[]; client: number; server: number }> = {};
    for (const k of Object.keys(kinds)) samples[k] = { wall: [], client: 0, server: 0 };
    for (const args of Object.values(kinds)) run(args); // warm the file cache
    // Interleaved: a noisy moment on the machine lands on each kind alike.
    for (let i = 0; i < RUNS; i++) {
      for (const [k, args] of Object.entries(kinds)) {
        const s = samples[k]!;
        const c0 = childTicks();
        const s0 = cpuTicks(tmux.serverPid);
        const t0 = performance.now();
        run(args);
        s.wall.push(performance.now() - t0);
        s.client += childTicks() - c0;
        s.server += cpuTicks(tmux.serverPid) - s0;
      }
    }
    const costs: Record<string, Cost> = {};
    for (const [k, s] of Object.entries(samples))
      costs[k] = { wallMs: median(s.wall) ?? NaN, clientMs: ms(s.client) / RUNS, serverMs: ms(s.server) / RUNS };

    console.log(
      `claude-dm list --format tmux, ${peers} synthetic peers (${count('modal')} modal, ${count('drafting')} drafting), ${RUNS} interleaved rounds (${process.version}, ${process.platform})`,
    );
    console.log(`  its line: ${line || '(nothing)'}; agrees with list --json: ${agrees ? 'yes' : 'NO'}`);
    console.log(
      `  ${'per call'.padEnd(30)}${'wall (median)'.padStart(14)}${'CPU node+tmux'.padStart(15)}${'tmux server'.padStart(13)}${'CPU total'.padStart(11)}`,
    );
    for (const [k, c] of Object.entries(costs)) {
      const total = c.clientMs + c.serverMs;
      console.log(
        `  ${k.padEnd(30)}${`${c.wallMs.toFixed(1)} ms`.padStart(14)}${`${c.clientMs.toFixed(1)} ms`.padStart(15)}${`${c.serverMs.toFixed(1)} ms`.padStart(13)}${`${total.toFixed(1)} ms`.padStart(11)}`,
      );
    }
    const status = costs['claude-dm list --format tmux']!;
    const total = status.clientMs + status.serverMs;
    console.log(`  at status-interval 1, one client: ${(total / 10).toFixed(1)} % of one core; at 5: ${(total / 50).toFixed(1)} %`);
  } finally {
    tmux.kill();
  }
}

for (const n of SIZES) await measureAt(n);
