// Puts Ink's frames on the terminal by addressing rows, instead of Ink's log-update.
//
// Why: at the full height of the terminal Ink clears the whole screen before every frame
// (its "fullscreen" path), and below it Ink moves the cursor up by the number of lines it
// thinks it drew last time. Either way the picture depends on every line being exactly as
// wide and as many as Ink counted: a line that wraps, or a frame one row taller than the
// terminal, scrolls the screen and every later frame lands one row off, leaving pieces of
// old text beside new (what 80x24 showed). Here each changed row is written at its own
// address (`CSI row;1H`), erased whole first, with autowrap off (DECAWM), so a row that is
// too wide is clipped by the terminal rather than wrapped, and nothing ever scrolls. Only
// rows that changed are written; a resize repaints everything. Frames are coalesced to at
// most one paint per `minIntervalMs`.
//
// Ink runs in its debug mode against the object returned here: it then hands over each
// whole frame as one string and writes no cursor movements of its own.
import { EventEmitter } from 'node:events';
import { trace } from '../util/trace.js';

export interface Terminal {
  columns: number;
  rows: number;
  write(data: string): unknown;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'resize', listener: () => void): unknown;
}

const CSI = '\x1b[';
/** Synchronized output (mode 2026): the terminal shows the paint at once, not half-drawn. */
const BEGIN_SYNC = `${CSI}?2026h`;
const END_SYNC = `${CSI}?2026l`;
export const ENTER = `${CSI}?1049h${CSI}?7l${CSI}?25l${CSI}2J`;
export const LEAVE = `${CSI}?7h${CSI}?25h${CSI}?1049l`;

/** The bytes that turn the `previous` rows into `next` (pure; rows are whole lines, styled). */
export function paintDiff(previous: readonly string[] | null, next: readonly string[], rows: number): string {
  let out = '';
  const count = Math.min(rows, Math.max(next.length, previous?.length ?? 0));
  for (let i = 0; i < count; i++) {
    const line = next[i] ?? '';
    if (previous && previous[i] === line && i < previous.length) continue;
    out += `${CSI}${i + 1};1H${CSI}0m${CSI}2K${line}`;
  }
  if (!previous) out = `${CSI}0m${CSI}2J${out}`;
  return out === '' ? '' : `${BEGIN_SYNC}${out}${CSI}0m${END_SYNC}`;
}

export interface Painter {
  /** Hand this to Ink's render() as stdout, with debug: true. */
  stdout: NodeJS.WriteStream;
  /** Paints the last frame now (before exit). */
  flush(): void;
  /** Rows written and bytes sent since start (for benchmarks and tests). */
  stats: { paints: number; rowsWritten: number; bytes: number };
  close(): void;
}

export function createPainter(terminal: Terminal, minIntervalMs = 50, schedule: typeof setTimeout = setTimeout): Painter {
  const events = new EventEmitter();
  let shown: string[] | null = null;
  let pending: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastPaint = 0;
  let closed = false;
  const stats = { paints: 0, rowsWritten: 0, bytes: 0 };

  const paint = () => {
    timer = null;
    if (closed || pending === null) return;
    const next = pending.replace(/\n$/, '').split('\n');
    pending = null;
    const bytes = paintDiff(shown, next, terminal.rows);
    shown = next;
    lastPaint = Date.now();
    if (!bytes) return;
    stats.paints++;
    stats.bytes += bytes.length;
    stats.rowsWritten += bytes.split(`${CSI}2K`).length - 1;
    terminal.write(bytes);
    trace('paint');
  };

  const onResize = () => {
    // Everything is repainted: the terminal may have reflowed or cut what it showed.
    shown = null;
    events.emit('resize');
  };
  terminal.on('resize', onResize);

  // Getters, not values: Ink and the components read the size again after each resize.
  const stdout = Object.defineProperties(events, {
    isTTY: { value: true },
    columns: { get: () => terminal.columns },
    rows: { get: () => terminal.rows },
    write: {
      value(frame: string) {
        if (closed || typeof frame !== 'string' || frame === '') return true;
        pending = frame;
        if (!timer) timer = schedule(paint, Math.max(0, lastPaint + minIntervalMs - Date.now()));
        return true;
      },
    },
  });

  return {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stats,
    flush() {
      if (timer) clearTimeout(timer);
      paint();
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      terminal.off('resize', onResize);
    },
  };
}
