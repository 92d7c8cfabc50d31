// `claude-dm list` beside its floor (`node -e 0` plus one bare `tmux list-panes -a` on the
// same socket), interleaved: every round runs all three, so a noisy moment on the machine
// lands on the floor and on list alike. Medians of each.
import { execFileSync } from 'node:child_process';
import { median, timeOnce } from './measure.js';

export interface ListVsFloor {
  nodeMs: number;
  tmuxMs: number;
  floorMs: number;
  listMs: number;
  ratio: number;
  runs: number;
}

/** `args`: the verb measured, `list` unless told (`list --format tmux`). */
export function listVsFloor(
  bin: string,
  socketPath: string,
  env: NodeJS.ProcessEnv,
  runs: number,
  args: readonly string[] = ['list'],
): ListVsFloor {
  const node = () => execFileSync('node', ['-e', '0']);
  const tmux = () => execFileSync('tmux', ['-S', socketPath, 'list-panes', '-a'], { env });
  const list = () => execFileSync('node', [bin, ...args], { env });
  node();
  tmux();
  list(); // warm the file cache
  const n: number[] = [];
  const t: number[] = [];
  const l: number[] = [];
  for (let i = 0; i < runs; i++) {
    n.push(timeOnce(node));
    t.push(timeOnce(tmux));
    l.push(timeOnce(list));
  }
  // NaN only for runs = 0: printed as n/a by `fixed`.
  const [nodeMs, tmuxMs, listMs] = [n, t, l].map((xs) => median(xs) ?? NaN) as [number, number, number];
  const floorMs = nodeMs + tmuxMs;
  return { nodeMs, tmuxMs, floorMs, listMs, ratio: listMs / floorMs, runs };
}
