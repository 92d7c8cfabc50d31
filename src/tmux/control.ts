// A persistent `tmux -C` client for the dashboard's polling. Each tick's list-panes and
// captures go down one long-lived process instead of starting tmux every time:
// bench/control-mode-bench.ts measured ~3× less CPU per list-panes and ~4× per capture
// batch here. Only read-only commands whose every word is known safe go through it
// (list-panes, capture-pane, display-message, with no quote or newline anywhere): writes,
// and anything carrying user text, still start tmux with an argv array. Whenever control
// mode is unavailable or misbehaves, calls fall back to starting tmux.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { RunOptions, RunResult, Runner } from './runner.js';

const READ_ONLY = new Set(['list-panes', 'capture-pane', 'display-message']);
/** One call that takes longer than this is given up on, and control mode with it. */
export const CONTROL_TIMEOUT_MS = 5000;
/** Control mode is given up for good after this many clients failed in a row (an old tmux, say). */
const MAX_FAILURES = 3;

/**
 * The tmux command line for these argv words (after `-u -S socket`), or null when they may
 * not go through control mode. Words are single-quoted (tmux expands nothing inside), so
 * a word holding a quote or a line break is refused rather than escaped.
 */
export function controlCommandLine(args: readonly string[]): string | null {
  const words: string[] = [];
  let commandNext = true;
  for (const arg of args) {
    if (arg === ';') {
      if (commandNext) return null;
      words.push(';');
      commandNext = true;
    } else if (commandNext) {
      if (!READ_ONLY.has(arg)) return null;
      words.push(arg);
      commandNext = false;
    } else {
      if (/['\n\r]/u.test(arg)) return null;
      words.push(`'${arg}'`);
    }
  }
  return commandNext ? null : words.join(' ');
}

interface Block {
  /** `%begin`'s time, number and flags: only the `%end`/`%error` with the same three ends it. */
  id: string;
  lines: string[];
}

/**
 * One `tmux -C attach` client: read-only, ignoring size (it never resizes a window) and
 * without pane output notifications. It shows as an attached client while the dashboard runs.
 */
export interface ControlResult {
  /** The output of the commands that ran. */
  output: string;
  /** The message of the command that failed (tmux runs no more of the line after it), or null. */
  error: string | null;
}

interface Pending {
  /** Blocks still to come: tmux answers each command of a line in a block of its own. */
  blocks: number;
  output: string;
  done(r: ControlResult | null): void;
}

export class ControlClient {
  private pending: Pending[] = [];
  private block: Block | null = null;
  private partial = '';
  private dead = false;

  private constructor(private readonly child: ChildProcessByStdio<Writable, Readable, null>) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (data: string) => this.onData(data));
    child.on('close', () => this.die());
    child.on('error', () => this.die());
    child.stdin.on('error', () => this.die());
  }

  static start(socketPath: string, session: string, env: NodeJS.ProcessEnv | undefined): ControlClient {
    // -E: the session's environment is left alone (update-environment would copy ours in).
    const child = spawn('tmux', ['-u', '-S', socketPath, '-C', 'attach', '-E', '-t', session, '-f', 'read-only,ignore-size,no-output'], {
      env: env ?? process.env,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    return new ControlClient(child);
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** The output of one line of `commands` commands, or null when the client is gone or too slow. */
  run(line: string, commands: number): Promise<ControlResult | null> {
    if (this.dead) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.close();
        resolve(null);
      }, CONTROL_TIMEOUT_MS);
      this.pending.push({
        blocks: commands,
        output: '',
        done: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
      this.child.stdin.write(`${line}\n`);
    });
  }

  close(): void {
    this.child.kill();
    this.die();
  }

  private die(): void {
    if (this.dead) return;
    this.dead = true;
    for (const p of this.pending.splice(0)) p.done(null);
  }

  private onData(data: string): void {
    const lines = (this.partial + data).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.onLine(line);
  }

  private onLine(line: string): void {
    if (this.block) {
      const end = /^%(end|error) (\S+ \S+ \S+)$/u.exec(line);
      if (!end || end[2] !== this.block.id) {
        this.block.lines.push(line);
        return;
      }
      const { id, lines } = this.block;
      this.block = null;
      // Flags 1: a command of ours. The block tmux prints for the attach itself is not.
      const p = id.endsWith(' 1') ? this.pending[0] : undefined;
      if (!p) return;
      const text = lines.length ? `${lines.join('\n')}\n` : '';
      if (end[1] === 'error') {
        this.pending.shift();
        p.done({ output: p.output, error: text.trim() || 'tmux command failed' });
      } else if (--p.blocks === 0) {
        this.pending.shift();
        p.done({ output: p.output + text, error: null });
      } else p.output += text;
      return;
    }
    const begin = /^%begin (\S+ \S+ \S+)$/u.exec(line);
    if (begin) this.block = { id: begin[1]!, lines: [] };
    else if (line.startsWith('%exit')) this.die();
  }
}

/**
 * A Runner that sends what it can down a control-mode client and starts tmux for the
 * rest. The client is started on first use, attached to the server's first session, and
 * started again after it ends (that session closed); if it cannot start, every call
 * falls back.
 */
export class ControlModeRunner implements Runner {
  private client: ControlClient | null = null;
  private starting: Promise<ControlClient | null> | null = null;
  /** Clients that failed in a row (a death fails every call waiting on it: it counts once); after a few, no more. */
  private failures = 0;
  private lastFailed: ControlClient | null = null;
  /**
   * Closed: no client is started again (one started after close would keep the process alive, its `tmux -C`
   * attached for as long as the session lasts); calls still coming (a tick in flight) start tmux instead.
   */
  private closed = false;
  /** Calls served by control mode, and by starting tmux; control clients started (for tests and benchmarks). */
  readonly stats = { control: 0, spawned: 0, clients: 0 };

  constructor(
    private readonly fallback: Runner,
    private readonly socketPath: string,
    private readonly env?: NodeJS.ProcessEnv,
  ) {}

  async run(file: string, args: readonly string[], opts?: RunOptions): Promise<RunResult> {
    const line =
      file === 'tmux' && opts?.input === undefined && args[0] === '-u' && args[1] === '-S' && args[2] === this.socketPath
        ? controlCommandLine(args.slice(3))
        : null;
    const client = line && !this.closed && this.failures < MAX_FAILURES ? await this.connected() : null;
    const r = client && line ? await client.run(line, args.filter((a) => a === ';').length + 1) : null;
    if (client && r) this.failures = 0;
    else if (client && client !== this.lastFailed) {
      this.lastFailed = client;
      this.failures++;
    }
    if (!r) {
      this.stats.spawned++;
      return this.fallback.run(file, args, opts);
    }
    this.stats.control++;
    return r.error === null ? { stdout: r.output, stderr: '', exitCode: 0 } : { stdout: r.output, stderr: r.error, exitCode: 1 };
  }

  close(): void {
    this.closed = true;
    this.client?.close();
  }

  private async connected(): Promise<ControlClient | null> {
    if (this.client?.alive) return this.client;
    this.starting ??= (async () => {
      const sessions = await this.fallback.run(
        'tmux',
        ['-u', '-S', this.socketPath, 'list-sessions', '-F', '#{session_id}'],
        this.env ? { env: this.env } : {},
      );
      const first = sessions.exitCode === 0 ? sessions.stdout.split('\n')[0] : undefined;
      // Closed while it was asking: nothing is started.
      this.client = first && !this.closed ? ControlClient.start(this.socketPath, first, this.env) : null;
      if (this.client) this.stats.clients++;
      return this.client;
    })().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }
}
