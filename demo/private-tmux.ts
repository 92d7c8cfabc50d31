// A tmux server of the test's own, on a socket in a fresh temp dir. TMUX and TMUX_PANE
// are removed from every environment it hands out, so nothing a test does can reach the
// user's live sessions. kill() stops only this server.
import { execFileSync, execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface PrivateTmux {
  /** Folder holding the socket; also used as TMUX_TMPDIR. */
  dir: string;
  socketPath: string;
  /** process.env minus TMUX/TMUX_PANE, plus TMUX_TMPDIR pointing into dir. */
  env: NodeJS.ProcessEnv;
  /** Runs `tmux -S socket ...args` and returns stdout. */
  tmux(...args: string[]): Promise<string>;
  /** Runs `new-window -d` with `args` (options, then the command) and returns the new pane's id. */
  newWindow(...args: string[]): Promise<string>;
  tmuxSync(...args: string[]): string;
  /** The server's PID, read when it started: kill() falls back to it when the socket is gone. */
  serverPid: number;
  kill(): void;
}

export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.TMUX;
  delete env.TMUX_PANE;
  return env;
}

export function startPrivateTmux(opts: { cols?: number; rows?: number; command?: string; dir?: string; name?: string } = {}): PrivateTmux {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'cdm-tmux-'));
  // With a name, the socket sits where `tmux -L NAME` looks for it under TMUX_TMPDIR=dir.
  const socketPath = opts.name ? join(dir, `tmux-${process.getuid?.() ?? 0}`, opts.name) : join(dir, 'sock');
  if (opts.name) mkdirSync(dirname(socketPath), { recursive: true, mode: 0o700 });
  const env = cleanEnv({ TMUX_TMPDIR: dir });
  const base = ['-S', socketPath, '-f', '/dev/null'];
  execFileSync(
    'tmux',
    [
      ...base,
      'new-session',
      '-d',
      '-s',
      'main',
      '-x',
      String(opts.cols ?? 160),
      '-y',
      String(opts.rows ?? 45),
      ...(opts.command ? [opts.command] : []),
    ],
    { env },
  );
  const serverPid = Number(execFileSync('tmux', [...base, 'display-message', '-p', '#{pid}'], { env, encoding: 'utf8' }).trim());
  return {
    dir,
    socketPath,
    env,
    serverPid,
    async tmux(...args) {
      const { stdout } = await execFileAsync('tmux', [...base, ...args], { env });
      return stdout;
    },
    async newWindow(...args) {
      const { stdout } = await execFileAsync('tmux', [...base, 'new-window', '-d', '-P', '-F', '#{pane_id}', ...args], { env });
      return stdout.trim();
    },
    tmuxSync(...args) {
      return execFileSync('tmux', [...base, ...args], { env, encoding: 'utf8' });
    },
    kill() {
      try {
        execFileSync('tmux', [...base, 'kill-server'], { env, stdio: 'ignore' });
      } catch {
        // gone already, or its socket was removed: the PID we started is the fallback
      }
      try {
        process.kill(serverPid, 'SIGTERM');
      } catch {
        // already exited
      }
      // Processes that were in its panes (Claude Code, synthetic peers) can still be writing for a
      // moment after the server is gone: up to 5 s on a loaded machine, as real-peers.ts allows.
      if (!opts.dir) rmSync(dir, { recursive: true, force: true, maxRetries: 25, retryDelay: 200 });
    },
  };
}
