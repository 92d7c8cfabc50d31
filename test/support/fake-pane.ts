// One Claude Code pane behind a fake tmux Runner, for the timing tests of settle and delivery:
// 2.1.197's idle screen with whatever the test puts in its input box, and a title that is idle
// or spinning. Changes happen when the test says (now, on a paste, on Enter, or `ms` later on
// the fake clock), and every capture, paste and key is noted with the time it happened.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Peer } from '../../src/peers/discover.js';
import type { RunOptions, RunResult, Runner } from '../../src/tmux/runner.js';
import { SCREENS_DIR } from './fixtures.js';

export const IDLE_TITLE = '✳ Claude Code';
/** 2.1.197 spins its title while it works. */
export const BUSY_TITLE = '⠂ Claude Code';
export const PANE_ID = '%1';
export const SOCKET = '/nonexistent/cdm-fake-pane.sock';

const IDLE_SCREEN = readFileSync(join(SCREENS_DIR, '2.1.197__idle__1.ansi.txt'), 'utf8').replace(/\n+$/, '').split('\n');
const PROMPT_LINE = IDLE_SCREEN.findIndex((l) => l.includes('❯\u00a0'));
if (PROMPT_LINE < 0) throw new Error('the idle capture has no input box');

/** The idle capture with `draft` in its input box ('' leaves it empty), as `capture-pane -p -e` prints it. */
export function screenWithDraft(draft: string): string {
  const lines = [...IDLE_SCREEN];
  if (draft !== '') lines[PROMPT_LINE] = `\x1b[39m❯\u00a0${draft}\x1b[7m \x1b[0m\x1b[39m\x1b[49m`;
  return `${lines.join('\n')}\n`;
}

export interface PaneLook {
  draft: string;
  title: string;
}

export class FakePane {
  look: PaneLook = { draft: '', title: IDLE_TITLE };
  /** When each screen was captured (ms on the clock). */
  readonly captures: number[] = [];
  readonly pastes: Array<{ at: number; text: string }> = [];
  /** When each Enter was sent. */
  readonly enters: number[] = [];
  /** What a paste of `text` does to the pane (nothing by default: it never shows). */
  onPaste: (text: string) => void = () => undefined;
  /** What Enter does (nothing by default: it is not taken). */
  onEnter: () => void = () => undefined;
  /** Called before each capture is answered, with how many came before it. */
  onCapture: (n: number) => void = () => undefined;
  private pending: Array<{ at: number; change: Partial<PaneLook> }> = [];
  private buffers = new Map<string, string>();

  /** The pane changes `ms` from now. */
  later(ms: number, change: Partial<PaneLook>): void {
    this.pending.push({ at: Date.now() + ms, change });
  }

  set(change: Partial<PaneLook>): void {
    this.look = { ...this.look, ...change };
  }

  /** A peer on this pane, as discovery would give it (no transcript anywhere). */
  peer(): Peer {
    return {
      pane: {
        paneId: PANE_ID,
        session: 'main',
        windowIndex: 1,
        paneIndex: 0,
        windowName: 'claude',
        pid: 4242,
        title: this.look.title,
        currentPath: '/nonexistent/work',
        currentCommand: 'claude',
        width: 160,
        height: 50,
        inMode: false,
        dead: false,
        address: 'main:1.0',
      },
      claude: { pid: 4243, startedAtMs: null, configDir: '/nonexistent/.claude', configFrom: 'HOME' },
      session: null,
      cwd: '/nonexistent/work',
      self: false,
    };
  }

  readonly runner: Runner = {
    run: async (file: string, argv: readonly string[], opts?: RunOptions): Promise<RunResult> => {
      const ok = (stdout = ''): RunResult => ({ stdout, stderr: '', exitCode: 0 });
      const prefix = ['-u', '-S', SOCKET];
      if (file !== 'tmux' || JSON.stringify(argv.slice(0, 3)) !== JSON.stringify(prefix))
        throw new Error(`unexpected call: ${file} ${argv.join(' ')}`);
      const args = argv.slice(3);
      this.apply();
      const same = (want: readonly string[]) => JSON.stringify(args) === JSON.stringify(want);
      const capture = ['capture-pane', '-p', '-e', '-t', PANE_ID];
      if (args[0] === 'load-buffer' && same(['load-buffer', '-b', args[2]!, '-'])) {
        this.buffers.set(args[2]!, String(opts?.input ?? ''));
        return ok();
      }
      if (args[0] === 'paste-buffer' && same(['paste-buffer', '-p', '-d', '-b', args[4]!, '-t', PANE_ID]) && this.buffers.has(args[4]!)) {
        const text = this.buffers.get(args[4]!)!;
        this.buffers.delete(args[4]!);
        this.pastes.push({ at: Date.now(), text });
        this.onPaste(text);
        return ok();
      }
      if (same(['send-keys', '-t', PANE_ID, 'Enter'])) {
        this.enters.push(Date.now());
        this.onEnter();
        return ok();
      }
      if (args[0] === 'capture-pane') {
        const screen = () => {
          this.onCapture(this.captures.length);
          this.captures.push(Date.now());
          return screenWithDraft(this.look.draft);
        };
        if (same(capture)) return ok(screen());
        // The last look before Enter: the screen and the title in one call.
        if (same([...capture, ';', 'display-message', '-p', '-t', PANE_ID, '#{pane_title}'])) return ok(`${screen()}${this.look.title}\n`);
        // captureMany: the screen, then its marker.
        if (same([...capture, ';', 'display-message', '-p', args[8]!]) && args[8]!.endsWith('0')) return ok(`${screen()}${args[8]}\n`);
      }
      throw new Error(`unexpected tmux call: ${args.join(' ')}`);
    },
  };

  private apply(): void {
    const now = Date.now();
    const due = this.pending.filter((p) => p.at <= now).sort((a, b) => a.at - b.at);
    this.pending = this.pending.filter((p) => p.at > now);
    for (const p of due) this.set(p.change);
  }
}
