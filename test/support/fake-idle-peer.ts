// A Claude Code 2.1.332 peer idle at an empty input box, behind a fake tmux Runner and a fake /proc,
// with a real sessions record on disk: every write verb's gate lets it through, so a test sees what
// the engine would type. Every tmux command is noted. A paste never shows in its box, so a delivery
// that gets as far as typing stops at the box check with nothing pressed after the paste.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProcessInfo, ProcReader } from '../../src/peers/proc.js';
import type { Session } from '../../src/session/session.js';
import { TmuxClient } from '../../src/tmux/client.js';
import { encodeProjectDir } from '../../src/transcript/locate.js';
import type { RunOptions, RunResult, Runner } from '../../src/tmux/runner.js';
import { virtualClock } from './manual-clock.js';
import { SCREENS_DIR_332 } from './fixtures.js';

export const PANE_ID = '%1';
export const SOCKET = '/nonexistent/cdm-fake-idle.sock';
const PANE_PID = 4242;
const TITLE = '✳ Claude Code';
const CWD = '/nonexistent/work';
const SCREEN = readFileSync(join(SCREENS_DIR_332, '2.1.332__default__idle.txt'), 'utf8');

/** The tmux commands that put something into the pane. */
const TYPING = new Set(['load-buffer', 'paste-buffer', 'send-keys', 'send']);

export class FakeIdlePeer {
  readonly dir = mkdtempSync(join(tmpdir(), 'cdm-fake-idle-'));
  readonly configDir = join(this.dir, 'home', '.claude');
  /** Every tmux command after the socket options, in order, with its stdin. */
  readonly calls: Array<{ args: string[]; input: string }> = [];
  private readonly claudePid: number;

  /**
   * `claudePid`: the pid Claude Code runs as, in the fake /proc. An inbox (test/support/fake-inbox.ts)
   * needs a live one (this process): its key is tied to the pid's real start time.
   */
  constructor(opts: { claudePid?: number } = {}) {
    this.claudePid = opts.claudePid ?? 4243;
    mkdirSync(join(this.configDir, 'sessions'), { recursive: true });
    const at = Date.now();
    const record = { pid: this.claudePid, sessionId: 'fake-session', cwd: CWD, version: '2.1.332', status: 'idle' };
    writeFileSync(
      join(this.configDir, 'sessions', `${this.claudePid}.json`),
      JSON.stringify({ ...record, updatedAt: at, statusUpdatedAt: at }),
    );
  }

  /** Where Claude Code keeps this session's transcript (its folder made). */
  transcriptPath(): string {
    const dir = join(this.configDir, 'projects', encodeProjectDir(CWD));
    mkdirSync(dir, { recursive: true });
    return join(dir, 'fake-session.jsonl');
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The commands that typed, pasted or pressed anything. */
  typed(): Array<{ args: string[]; input: string }> {
    return this.calls.filter((c) => TYPING.has(c.args[0]!));
  }

  readonly proc: ProcReader = {
    snapshot: () => new Map([PANE_PID, this.claudePid].map((pid) => [pid, this.procInfo(pid)!])),
    environ: (pid) => (pid === this.claudePid ? { HOME: join(this.dir, 'home') } : null),
    info: (pid) => this.procInfo(pid),
    children: (pid) => (pid === PANE_PID ? [this.claudePid] : []),
  };

  private procInfo(pid: number): ProcessInfo | null {
    if (pid === PANE_PID) return { pid, ppid: 1, argv: ['sh'], startedAtMs: 1, startTicks: '100' };
    if (pid === this.claudePid) return { pid, ppid: PANE_PID, argv: ['claude'], startedAtMs: 2, startTicks: '200' };
    return null;
  }

  readonly runner: Runner = {
    run: async (file: string, argv: readonly string[], opts?: RunOptions): Promise<RunResult> => {
      const ok = (stdout = ''): RunResult => ({ stdout, stderr: '', exitCode: 0 });
      if (file !== 'tmux' || argv[0] !== '-u' || argv[1] !== '-S' || argv[2] !== SOCKET)
        throw new Error(`unexpected call: ${file} ${argv.join(' ')}`);
      const args = argv.slice(3);
      this.calls.push({ args, input: String(opts?.input ?? '') });
      if (args[0] === 'list-panes') {
        const fields = [PANE_ID, 'main', '1', '0', 'claude', String(PANE_PID), TITLE, CWD, 'claude', '160', '45', '0', '0'];
        return ok(`${fields.join('\x1f')}\n`);
      }
      if (TYPING.has(args[0]!)) return ok();
      if (args[0] === 'capture-pane' && args[4] === PANE_ID) {
        if (args[5] !== ';') return ok(SCREEN);
        // The last look before Enter (the title), or captureMany (its marker).
        return ok(`${SCREEN}${args.at(-1) === '#{pane_title}' ? TITLE : args[8]}\n`);
      }
      throw new Error(`unexpected tmux call: ${args.join(' ')}`);
    },
  };

  /** An engine session on this pane, its audit log and locks in the peer's own folder, on a clock that never waits. */
  session(): Session {
    return {
      tmux: new TmuxClient(SOCKET, this.runner),
      socket: { path: SOCKET, source: '--socket' },
      proc: this.proc,
      home: join(this.dir, 'caller'),
      callerPane: null,
      env: { CLAUDE_DM_AUDIT_LOG: join(this.dir, 'audit.log'), XDG_RUNTIME_DIR: this.dir, HOME: join(this.dir, 'caller') },
      signal: new AbortController().signal,
      clock: virtualClock(),
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
