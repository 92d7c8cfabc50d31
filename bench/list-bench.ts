// `claude-dm list` over 50 Claude panes (synthetic peers drawing real captured screens)
// on a private tmux socket, beside the floor: `node -e 0` plus one bare
// `tmux list-panes -a` on the same socket. Prints figures; asserts nothing.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startPrivateTmux } from '../src/demo/private-tmux.js';
import { captureNames } from '../test/support/fixtures.js';
import { REPO_ROOT } from '../test/support/repo-root.js';
import { startSyntheticPeer } from '../test/support/synthetic-peers.js';

const PANES = Number(process.env.BENCH_PANES ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void): number[] {
  fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

const tmux = startPrivateTmux();
try {
  const captures = captureNames();
  for (let i = 0; i < PANES; i++) await startSyntheticPeer(tmux, `p${i}`, { capture: captures[i % captures.length]! });
  // Let every peer draw and write its sessions record.
  await new Promise((r) => setTimeout(r, 1500));
  const env = { ...tmux.env, CLAUDE_DM_SOCKET: tmux.socketPath };
  // The installed bin is the single-file bundle (one file to load: ~70 ms faster to start).
  const bin = join(REPO_ROOT, 'dist', 'claude-dm-portable.mjs');
  const listed = JSON.parse(execFileSync('node', [bin, 'list', '--json'], { env, encoding: 'utf8' })) as { peers: unknown[] };
  if (listed.peers.length !== PANES) throw new Error(`expected ${PANES} peers, list found ${listed.peers.length}`);

  const nodeBare = median(time(() => execFileSync('node', ['-e', '0'])));
  const tmuxBare = median(time(() => execFileSync('tmux', ['-S', tmux.socketPath, 'list-panes', '-a'], { env })));
  const list = median(time(() => execFileSync('node', [bin, 'list'], { env })));
  const floor = nodeBare + tmuxBare;
  const row = (k: string, v: string) => console.log(`${k.padEnd(34)}${v}`);
  console.log(`claude-dm list over ${PANES} Claude panes, median of ${RUNS} runs (${process.version}, ${process.platform})`);
  row('node -e 0', `${nodeBare.toFixed(1)} ms`);
  row('tmux list-panes -a', `${tmuxBare.toFixed(1)} ms`);
  row('floor (sum)', `${floor.toFixed(1)} ms`);
  row('claude-dm list', `${list.toFixed(1)} ms`);
  row('ratio list / floor', `${(list / floor).toFixed(2)}x`);
} finally {
  tmux.kill();
}
