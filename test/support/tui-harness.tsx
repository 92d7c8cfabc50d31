// Renders the dashboard with ink-testing-library around a real store and a recording
// fake of the actions. Waits instead of sleeping: `ready()` before the first key (a key
// written before useInput subscribes is lost), `waitForFrame(predicate)` after each.
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import type { ReactElement } from 'react';
import { App } from '../../components/App.js';
import { DashboardContext } from '../../hooks/dashboard-context.js';
import { stripAnsi } from '../../src/classify/ansi.js';
import type { DashboardActions } from '../../src/dashboard/dashboard-actions.js';
import type { AnswerAim } from '../../src/dashboard/rows.js';
import type { PeerRow } from '../../src/watch/peer-row.js';
import { createDashboardStore, setRows, update, type DashboardState, type DashboardStore } from '../../src/dashboard/store.js';
import { findModal } from '../../src/classify/screen.js';
import { loadCapture } from './fixtures.js';
import { row } from './peer-rows.js';
import { installFrameRows, type RowMismatch } from '../../components/frame-rows.js';

export { row };

/**
 * Every frame drawn here is made both by the dashboard's row cache and by Ink alone (components/frame-rows.ts),
 * and a row that differs fails the test when it next reads a frame or unmounts: each TUI test checks the cache
 * against Ink.
 */
export const rowMismatches: RowMismatch[] = [];
if (!(await installFrameRows({ onMismatch: (m) => rowMismatches.push(m) })))
  throw new Error("Ink's Output is not the one components/frame-rows.ts was written against: check the row cache against this Ink");

function throwOnMismatch(): void {
  const m = rowMismatches.splice(0)[0];
  if (m) throw new Error(`row ${m.row} of a frame differs from Ink's: ${JSON.stringify(m.ours)} against ${JSON.stringify(m.ink)}`);
}

export const KEYS = {
  up: '\x1b[A',
  down: '\x1b[B',
  left: '\x1b[D',
  right: '\x1b[C',
  enter: '\r',
  altEnter: '\x1b\r',
  escape: '\x1b',
  tab: '\t',
  backspace: '\x7f',
  ctrlC: '\x03',
} as const;

export class RecordingActions implements DashboardActions {
  readonly calls: Array<[string, ...unknown[]]> = [];
  /** The peer and prompt each answer was aimed at, in the order of the answer calls. */
  readonly aims: Array<AnswerAim | undefined> = [];
  async answer(key: string, confirmed = false, aim?: AnswerAim, message?: string) {
    this.calls.push([...(confirmed ? ['answer', key, 'confirmed'] : ['answer', key]), ...(message !== undefined ? [message] : [])] as [
      string,
    ]);
    this.aims.push(aim);
  }
  /** The peer each send, ask and command was aimed at (the compose box's or picker's), in the order called. */
  readonly targets: Array<string | null | undefined> = [];
  async send(text: string, target?: string | null) {
    this.calls.push(['send', text]);
    this.targets.push(target);
  }
  async ask(text: string, target?: string | null) {
    this.calls.push(['ask', text]);
    this.targets.push(target);
  }
  async esc() {
    this.calls.push(['esc']);
  }
  async command(command: string, confirmed: boolean, target?: string | null) {
    this.calls.push(['command', command, confirmed]);
    this.targets.push(target);
  }
  async jump() {
    this.calls.push(['jump']);
  }
  async spawn() {
    this.calls.push(['spawn']);
  }
  refreshFeed() {
    this.calls.push(['refreshFeed']);
  }
}

/** A permission modal row built from the real Bash capture. */
export function bashModalRow(partial: Partial<PeerRow> = {}): PeerRow {
  const modal = findModal(loadCapture('2.1.197__permission_bash__1').screen)!;
  return row({ state: 'modal', subtype: 'permission', prompt: 'bash', modal, ...partial });
}

export interface Harness {
  store: DashboardStore;
  actions: RecordingActions;
  quits: number;
  frame(): string;
  rawFrame(): string;
  /** Frames Ink has written so far (in debug mode, one a render). */
  frames(): number;
  ready(): Promise<void>;
  press(...keys: string[]): Promise<void>;
  waitForFrame(predicate: (frame: string) => boolean, what?: string, timeoutMs?: number): Promise<string>;
  /** The terminal changes size, as a resize would. */
  resize(columns: number, rows: number): void;
  unmount(): void;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

/** A terminal of a fixed size that keeps the last frame Ink wrote (Ink runs in debug mode: whole frames). */
class FakeStdout extends EventEmitter {
  isTTY = true;
  last = '';
  writes = 0;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.last = frame;
    this.writes++;
    return true;
  };
  resize(columns: number, rows: number) {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

export interface Size {
  columns: number;
  rows: number;
}

/** `controller`: the dashboard's actions on its store (a real Controller on a fake session); the recording fake by default. */
export function renderDashboard(
  rows: PeerRow[],
  state: Partial<DashboardState> = {},
  tree?: ReactElement,
  size: Size = { columns: 100, rows: 30 },
  controller?: (store: DashboardStore) => DashboardActions,
): Harness {
  const store = createDashboardStore('/tmp/test.sock');
  setRows(store, rows);
  update(store, state);
  const actions = new RecordingActions();
  const h = { quits: 0 } as Harness;
  const stdout = new FakeStdout(size.columns, size.rows);
  const stdin = new FakeStdin();
  const app = render(
    <DashboardContext.Provider
      value={{
        store,
        controller: controller ? controller(store) : actions,
        quit: () => {
          h.quits++;
        },
      }}
    >
      {tree ?? <App />}
    </DashboardContext.Provider>,
    {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      stderr: stdout as unknown as NodeJS.WriteStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  const inst = {
    lastFrame: () => {
      throwOnMismatch();
      return stdout.last;
    },
    stdin,
    unmount: () => app.unmount(),
  };
  const frame = () => stripAnsi(inst.lastFrame() ?? '');
  return Object.assign(h, {
    store,
    actions,
    frame,
    rawFrame: () => inst.lastFrame() ?? '',
    frames: () => stdout.writes,
    async ready() {
      await h.waitForFrame((f) => f.trim() !== '', 'a first frame');
      for (let i = 0; i < 5; i++) await tick(); // let useInput subscribe
    },
    async press(...keys: string[]) {
      for (const k of keys) {
        inst.stdin.write(k);
        for (let i = 0; i < 3; i++) await tick();
      }
    },
    async waitForFrame(predicate: (f: string) => boolean, what = 'frame', timeoutMs = 3000) {
      const start = Date.now();
      for (;;) {
        const f = frame();
        if (predicate(f)) return f;
        if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; last frame:\n${f}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    resize: (columns: number, rows: number) => stdout.resize(columns, rows),
    unmount: () => {
      inst.unmount();
      throwOnMismatch();
    },
  });
}
