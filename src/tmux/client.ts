// tmux, spoken through argv arrays only (never a shell string), always on one socket.
import { DmError } from '../errors.js';
import type { Runner } from './runner.js';

const SEP = '\x1f'; // tmux strips control characters from titles, so this cannot occur in a field

const PANE_FIELDS = [
  'pane_id',
  'session_name',
  'window_index',
  'pane_index',
  'window_name',
  'pane_pid',
  'pane_title',
  'pane_current_path',
  'pane_current_command',
  'pane_width',
  'pane_height',
  'pane_in_mode',
  'pane_dead',
  // Last: a list without it (a fake's, in tests) still reads.
  'window_activity',
] as const;

/** list-panes' -F for PaneInfo (parsePaneList reads it), as one argv word. */
export const PANE_LIST_FORMAT = PANE_FIELDS.map((f) => `#{${f}}`).join(SEP);

export interface PaneInfo {
  paneId: string;
  session: string;
  windowIndex: number;
  paneIndex: number;
  windowName: string;
  pid: number;
  title: string;
  currentPath: string;
  currentCommand: string;
  width: number;
  height: number;
  inMode: boolean;
  dead: boolean;
  /**
   * When tmux last read output from any pane of this window, in whole seconds since the epoch; absent when
   * not given. A pane whose window has had none since it was captured shows the same screen.
   */
  windowActivity?: number;
  /** `session:window.pane` */
  address: string;
}

/**
 * The window printed nothing since `capturedAtMs` (taken before the capture ran): its last output fell in a second
 * that ended by then. Activity is whole seconds, so output in the capture's own second counts as new. The dashboard's
 * draft sweep and `list`'s kept screens both ask this.
 */
export function quietSince(windowActivity: number | undefined, capturedAtMs: number): boolean {
  return windowActivity !== undefined && (windowActivity + 1) * 1000 <= capturedAtMs;
}

/**
 * The pane runs what it ran: the same process and foreground command in the same session, and neither look saw
 * it dead. What `list` takes a pane's last walk, or its being no peer, on (discovery, list-and-capture).
 */
export function runsAsBefore(then: PaneInfo, now: PaneInfo): boolean {
  return then.pid === now.pid && then.currentCommand === now.currentCommand && then.session === now.session && !then.dead && !now.dead;
}

export function parsePaneList(stdout: string): PaneInfo[] {
  const panes: PaneInfo[] = [];
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const f = line.split(SEP);
    if (f.length !== PANE_FIELDS.length && f.length !== PANE_FIELDS.length - 1) continue;
    const [paneId, session, win, index, windowName, pid, title, path, command, width, height, inMode, dead, activity] = f as string[] as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string | undefined,
    ];
    const pane: PaneInfo = {
      paneId,
      session,
      windowIndex: Number(win),
      paneIndex: Number(index),
      windowName,
      pid: Number(pid),
      title,
      currentPath: path,
      currentCommand: command,
      width: Number(width),
      height: Number(height),
      inMode: inMode === '1',
      dead: dead === '1',
      address: `${session}:${win}.${index}`,
    };
    if (activity !== undefined && /^\d+$/u.test(activity)) pane.windowActivity = Number(activity);
    panes.push(pane);
  }
  return panes;
}

/** Nothing answers on the socket: never started, killed, or its socket file removed. */
export class NoServer extends DmError {
  constructor(message: string) {
    super(message, 'no-server');
    this.name = 'NoServer';
  }
}

/** The pane (or its window or session) is not on the server any more. */
export class PaneGone extends DmError {
  constructor(message: string) {
    super(message, 'pane-gone');
    this.name = 'PaneGone';
  }
}

export class TmuxClient {
  constructor(
    readonly socketPath: string,
    readonly runner: Runner,
    readonly env?: NodeJS.ProcessEnv,
  ) {}

  async tmux(args: readonly string[], input?: string | Buffer): Promise<string> {
    // -u: without a UTF-8 locale (cron, LANG=C, a bare ssh session) tmux writes `_` for
    // our field separator and for Claude Code's ✳ and spinner glyphs.
    const r = await this.runner.run('tmux', ['-u', '-S', this.socketPath, ...args], {
      ...(input !== undefined ? { input } : {}),
      ...(this.env ? { env: this.env } : {}),
    });
    if (r.exitCode === 0) return r.stdout;
    throw this.failure(r.stderr, r.exitCode);
  }

  /**
   * Runs tmux commands given as a script (one a line) in one tmux process, `source-file -`: whatever it
   * printed, whatever its status (a command that failed does not stop the ones after it). `first`: commands
   * (argv, `;` between them) run before tmux reads the script: it parses a script whole before running any
   * of it (500 lines: ~40 ms). An empty script is no `source-file -` at all: `first` alone, with no input to
   * hand over (`list` with every pane's screen kept: no temporary file to write, open and unlink); with
   * nothing in `first` either, nothing runs (tmux with no command would start a session).
   */
  async runScript(script: string, onStdout?: (chunk: Buffer) => void, first: readonly string[] = []): Promise<string> {
    if (script === '' && first.length === 0) return '';
    const source = script === '' ? [] : [...(first.length > 0 ? [';'] : []), 'source-file', '-'];
    const r = await this.runner.run('tmux', ['-u', '-S', this.socketPath, ...first, ...source], {
      ...(script === '' ? {} : { input: script, inputFromFile: true }),
      discardStderr: true,
      ...(onStdout ? { onStdout } : {}),
      ...(this.env ? { env: this.env } : {}),
    });
    return r.stdout;
  }

  /** Every pane on the server, in one call. */
  async listPanes(): Promise<PaneInfo[]> {
    return parsePaneList(await this.listPaneText());
  }

  /** list-panes' own text for every pane, as parsePaneList reads it. */
  async listPaneText(): Promise<string> {
    return this.tmux(['list-panes', '-a', '-F', PANE_LIST_FORMAT]);
  }

  /** The visible screen with colours (-e): one capture gives both views. */
  async capturePane(paneId: string): Promise<string> {
    return this.tmux(['capture-pane', '-p', '-e', '-t', paneId]);
  }

  private failure(stderr: string, exitCode: number): DmError {
    const msg = stderr.trim().split('\n')[0] ?? '';
    if (exitCode === 127) return new DmError('tmux is not installed: install it (apt-get install tmux) and retry', 'not-found');
    // `server exited unexpectedly` / `lost server`: the server died while this client talked to it.
    if (
      /no server running|error connecting|No such file or directory|Connection refused|server exited unexpectedly|lost server/i.test(msg)
    ) {
      return new NoServer(`no tmux server on socket ${this.socketPath}: start tmux there, or pick another with --socket PATH / -L NAME`);
    }
    if (/can't find (pane|window|session)/i.test(msg)) return new PaneGone(`tmux: ${msg} (the pane may have closed)`);
    return new DmError(`tmux failed: ${msg || `exit ${exitCode}`}`, 'failed');
  }
}
