// claude-dm-tui in a real terminal: a pane of a private tmux server, read back with
// capture-pane, driven with send-keys and resize-window. In-memory renderers do not show
// wrapping, wide glyphs or cells left over from an earlier frame; this does.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PrivateTmux } from '../support/private-tmux.js';
import { REPO_ROOT } from '../support/repo-root.js';

export const DASH_BIN = join(REPO_ROOT, 'dist/components/main.js');
let sessions = 0;

export interface TerminalDashboard {
  target: string;
  size: { cols: number; rows: number };
  /** The screen, one string per row (exactly `rows` of them). */
  screen(): Promise<string[]>;
  keys(...keys: string[]): Promise<void>;
  resize(cols: number, rows: number): Promise<void>;
  /** Polls the screen until `pred` holds; on timeout throws with the last screen. */
  shows(pred: (lines: string[]) => boolean, what: string, ms?: number): Promise<string[]>;
}

/** `args` replaces the default `--socket <the private server>` (pass [] to let the dashboard find its socket). */
export async function startTerminalDashboard(tmux: PrivateTmux, cols: number, rows: number, env: Record<string, string>, args: string[] = ['--socket', tmux.socketPath]): Promise<TerminalDashboard> {
  if (!existsSync(DASH_BIN)) throw new Error('run `npm run build` first (npm test does)');
  const vars = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  // A session of its own: its window can be resized without touching the peers' windows.
  const session = `dash${sessions++}`;
  await tmux.tmux('new-session', '-d', '-s', session, '-x', String(cols), '-y', String(rows), ...vars,
    'node', DASH_BIN, '--interval', '0.5', ...args);
  const target = `${session}:0.0`;
  const size = { cols, rows };
  const screen = async () => {
    const text = await tmux.tmux('capture-pane', '-p', '-t', target);
    return text.replace(/\n$/, '').split('\n');
  };
  const shows = async (pred: (lines: string[]) => boolean, what: string, ms = 30_000) => {
    const deadline = Date.now() + ms;
    let last: string[] = [];
    for (;;) {
      last = await screen();
      if (pred(last)) return last;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} at ${size.cols}x${size.rows}; the dashboard showed:\n${numbered(last)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return {
    target,
    size,
    screen,
    shows,
    async keys(...keys) {
      await tmux.tmux('send-keys', '-t', target, ...keys);
    },
    async resize(c, r) {
      await tmux.tmux('resize-window', '-t', `${session}:0`, '-x', String(c), '-y', String(r));
      size.cols = c;
      size.rows = r;
    },
  };
}

export function numbered(lines: string[]): string {
  return lines.map((l, i) => `${String(i).padStart(2)}|${l}`).join('\n');
}
