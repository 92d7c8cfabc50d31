// A Claude Code 2.1.332 peer on a permission prompt, behind a fake tmux Runner and a fake /proc, with a
// real sessions record on disk: enough for the engine's whole `answer` path (discovery, lock, settle,
// gate, keys, confirmation) with no tmux and no Claude. Its keys behave as 2.1.332's do: within
// `guardMs` of the prompt being drawn a digit only moves the cursor and Enter does nothing (the input
// guard of scripts/measure-input-guard.mjs); after it, a digit or Enter picks the option and the prompt
// closes. Every key is noted with the time it arrived.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProcessInfo, ProcReader } from '../../src/peers/proc.js';
import { systemClock, type Clock, type Session } from '../../src/session/session.js';
import { TmuxClient } from '../../src/tmux/client.js';
import type { RunResult, Runner } from '../../src/tmux/runner.js';
import { SCREENS_DIR_332 } from './fixtures.js';

export const PANE_ID = '%1';
export const SOCKET = '/nonexistent/cdm-fake-prompt.sock';
const PANE_PID = 4242;
const CLAUDE_PID = 4243;
const SEP = '\x1f';

const lines = (name: string) =>
  readFileSync(join(SCREENS_DIR_332, `${name}.txt`), 'utf8')
    .replace(/\n+$/, '')
    .split('\n');
const OPTION = /^(\s*)(?:❯ | {2})(\d+)\.\s/u;

export interface FakePromptOptions {
  /** A numbered-prompt capture of the 2.1.332 catalogue; default the manual-mode Bash prompt (4. No). */
  capture?: string;
  /** Keys closer than this to the drawing of the prompt are refused, as 2.1.332 refuses them. */
  guardMs?: number;
  clock?: Clock;
}

/** Every pane made and not yet removed: a test that makes a second one still removes both. */
const made = new Set<FakePromptPane>();

/** Removes every fake pane's folder (for afterEach). */
export function removeFakePromptPanes(): void {
  for (const pane of made) pane.remove();
}

export class FakePromptPane {
  readonly dir = mkdtempSync(join(tmpdir(), 'cdm-fake-prompt-'));
  readonly configDir = join(this.dir, 'home', '.claude');
  /** Every key, with when it arrived and whether the prompt took it. */
  readonly keys: Array<{ at: number; key: string; taken: boolean }> = [];
  /** The option picked (its number), null while the prompt is open. */
  picked: string | null = null;
  /** When the prompt was drawn (the guard counts from here). */
  shownAt: number;
  /** What taking a key changes: the screen and the record (default), or only one of them (`record`: the redraw is late). */
  closes: 'both' | 'record' | 'screen' = 'both';
  private cursor = 1;
  private readonly prompt: string[];
  private readonly idle = lines('2.1.332__default__idle');
  private readonly guardMs: number;
  private readonly clock: Clock;
  private screenClosed = false;

  constructor(opts: FakePromptOptions = {}) {
    made.add(this);
    this.prompt = lines(opts.capture ?? '2.1.332__default__permission_bash2');
    this.guardMs = opts.guardMs ?? 150;
    this.clock = opts.clock ?? systemClock;
    this.shownAt = this.clock.now();
    mkdirSync(join(this.configDir, 'sessions'), { recursive: true });
    this.writeRecord('waiting', this.shownAt - 500);
  }

  /** A new prompt that looks the same (the next `touch` of a loop): a new waiting period, drawn now. */
  reopen(): void {
    this.picked = null;
    this.screenClosed = false;
    this.cursor = 1;
    this.shownAt = this.clock.now();
    this.writeRecord('waiting', this.shownAt - 500);
  }

  remove(): void {
    made.delete(this);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private writeRecord(status: string, at: number): void {
    const record = {
      pid: CLAUDE_PID,
      sessionId: 'fake-session',
      cwd: '/nonexistent/work',
      version: '2.1.332',
      status,
      updatedAt: at,
      statusUpdatedAt: at,
      ...(status === 'waiting' ? { waitingFor: 'permission prompt' } : {}),
    };
    writeFileSync(join(this.configDir, 'sessions', `${CLAUDE_PID}.json`), JSON.stringify(record));
  }

  /** The screen now: the prompt with its cursor where it is, or the idle box once it closed. */
  screen(): string {
    if (this.screenClosed) return `${this.idle.join('\n')}\n`;
    const drawn = this.prompt.map((line) => {
      const m = OPTION.exec(line);
      if (!m) return line;
      const rest = line.slice(m[0].length - `${m[2]}. `.length);
      return `${m[1]}${Number(m[2]) === this.cursor ? '❯ ' : '  '}${rest}`;
    });
    return `${drawn.join('\n')}\n`;
  }

  private optionCount(): number {
    return this.prompt.filter((l) => OPTION.test(l)).length;
  }

  private press(key: string): void {
    const at = this.clock.now();
    const guarded = at - this.shownAt < this.guardMs;
    const digit = /^\d$/u.test(key) && Number(key) >= 1 && Number(key) <= this.optionCount() ? Number(key) : null;
    let taken = false;
    if (this.picked === null && !this.screenClosed) {
      if (digit !== null) this.cursor = digit;
      if (!guarded && (digit !== null || key === 'Enter')) taken = true;
    }
    this.keys.push({ at, key, taken });
    if (!taken) return;
    this.picked = String(this.cursor);
    if (this.closes !== 'record') this.screenClosed = true;
    if (this.closes !== 'screen') this.writeRecord('busy', at);
  }

  readonly proc: ProcReader = {
    snapshot: () => new Map([PANE_PID, CLAUDE_PID].map((pid) => [pid, this.procInfo(pid)!])),
    environ: (pid) => (pid === CLAUDE_PID ? { HOME: join(this.dir, 'home') } : null),
    info: (pid) => this.procInfo(pid),
    children: (pid) => (pid === PANE_PID ? [CLAUDE_PID] : []),
  };

  private procInfo(pid: number): ProcessInfo | null {
    if (pid === PANE_PID) return { pid, ppid: 1, argv: ['sh'], startedAtMs: 1, startTicks: '100' };
    if (pid === CLAUDE_PID) return { pid, ppid: PANE_PID, argv: ['claude'], startedAtMs: 2, startTicks: '200' };
    return null;
  }

  readonly runner: Runner = {
    run: async (file: string, argv: readonly string[]): Promise<RunResult> => {
      const ok = (stdout = ''): RunResult => ({ stdout, stderr: '', exitCode: 0 });
      if (file !== 'tmux' || argv[0] !== '-u' || argv[1] !== '-S' || argv[2] !== SOCKET)
        throw new Error(`unexpected call: ${file} ${argv.join(' ')}`);
      const args = argv.slice(3);
      if (args[0] === 'list-panes') {
        const fields = [
          PANE_ID,
          'main',
          '1',
          '0',
          'claude',
          String(PANE_PID),
          '✳ Claude Code',
          '/nonexistent/work',
          'claude',
          '160',
          '45',
          '0',
          '0',
        ];
        return ok(`${fields.join(SEP)}\n`);
      }
      if (args[0] === 'send-keys' && args[1] === '-t' && args[2] === PANE_ID) {
        for (const key of args.slice(3)) this.press(key);
        return ok();
      }
      if (args[0] === 'capture-pane' && args[4] === PANE_ID) {
        // captureMany: the screen, then its marker.
        if (args[5] === ';' && args[6] === 'display-message') return ok(`${this.screen()}${args[8]}\n`);
        return ok(this.screen());
      }
      throw new Error(`unexpected tmux call: ${args.join(' ')}`);
    },
  };

  /** An engine session on this pane, its audit log and locks in the pane's own folder. */
  session(): Session {
    return {
      tmux: new TmuxClient(SOCKET, this.runner),
      socket: { path: SOCKET, source: '--socket' },
      proc: this.proc,
      home: join(this.dir, 'caller'),
      callerPane: null,
      env: { CLAUDE_DM_AUDIT_LOG: join(this.dir, 'audit.log'), XDG_RUNTIME_DIR: this.dir, HOME: join(this.dir, 'caller') },
      signal: new AbortController().signal,
      clock: this.clock,
    };
  }

  audit(): Array<Record<string, unknown>> {
    try {
      return readFileSync(join(this.dir, 'audit.log'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    } catch {
      return [];
    }
  }
}
