// Ink makes each frame on a grid of styled cells as wide and tall as the terminal, then turns every row of the
// grid back into a string, whatever changed: at 200x60 that is 12,000 cells and ~20 of the ~27 ms a dashboard
// frame costs (bench/frame-bench.tsx), and the frame is most of the time from a peer's new prompt to the screen.
// Almost every row of the dashboard is one text written whole from the first column (components/Lines.tsx), and
// from one frame to the next almost every row is the same text. Here such a row is the string Ink made for that
// text before, made by Ink itself on a grid of one row: the same bytes, for a lookup. Any other row (the command
// picker's mark and item side by side) is made by Ink on a one-row grid of its own, and a frame with a clipping
// box goes to Ink whole. Ink's Output class is not in its package's exports: it is reached by its file, and left
// alone when it does not look as it does in the Ink this was written against (6.8).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type Transformer = (line: string, index: number) => string;
type Operation =
  { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] } | { type: 'clip'; clip: unknown } | { type: 'unclip' };
export interface InkOutput {
  width: number;
  height: number;
  operations: Operation[];
  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}
export type InkOutputClass = new (size: { width: number; height: number }) => InkOutput;

/** A frame whose rows differ from Ink's own (verify mode): the first such row. */
export interface RowMismatch {
  row: number;
  ours: string;
  ink: string;
}

/** Strings of rows made so far, by the text written; dropped whole past this many (a frame has tens of rows). */
const CACHE_LIMIT = 4000;

/** One row's writes, each line already through its text's transformers. */
type RowWrites = Array<{ x: number; line: string }>;

/**
 * The rows of a frame from Ink's operations, null when Ink must make it whole: a clip among them, or a
 * transformer that puts a line break in a line (Ink keeps it in the row; a one-row grid would not). A line of
 * a write goes where Ink's get() puts it: the write's row plus the lines placed before it, and a line past
 * the grid is dropped without moving the next (as Ink does).
 */
function rowWrites(operations: readonly Operation[], height: number): RowWrites[] | null {
  const rows: RowWrites[] = Array.from({ length: height }, () => []);
  for (const op of operations) {
    if (op.type !== 'write') return null;
    if (!op.text) continue;
    let placed = 0;
    const lines = op.text.split('\n');
    for (const [index, raw] of lines.entries()) {
      const row = rows[op.y + placed];
      if (!row) continue;
      let line = raw;
      for (const transform of op.transformers) line = transform(line, index);
      if (line.includes('\n')) return null;
      row.push({ x: op.x, line });
      placed++;
    }
  }
  return rows;
}

/**
 * Ink's own get(), kept on its class: a second install in the same process (each test file of a worker loads
 * this module again, while Ink stays loaded) wraps Ink's, never the first install's.
 */
const INK_GET = Symbol.for('claude-dm.ink-output-get');
/** Rows made from the cache and rows Ink made, since install (for tests and benchmarks). */
export const frameRowStats = { cached: 0, made: 0, wholeFrames: 0 };
/** Off: every frame is Ink's own, as without the cache (bench/frame-bench.tsx shows both). */
export const frameRows = { on: true };
/** Ink's Output and its own get(), once installed. */
let ink: { Output: InkOutputClass; get: InkOutput['get'] } | null = null;
const cache = new Map<string, string>();

/** The string Ink's get() makes for `writes` alone, on a grid of one row `width` wide. */
function inkRow(width: number, writes: RowWrites): string {
  const one = new ink!.Output({ width, height: 1 });
  for (const w of writes) one.write(w.x, 0, w.line, { transformers: [] });
  return ink!.get.call(one).output;
}

function madeRow(width: number, writes: RowWrites): string {
  if (writes.length === 0) return '';
  if (writes.length !== 1 || writes[0]!.x !== 0) {
    frameRowStats.made++;
    return inkRow(width, writes);
  }
  const line = writes[0]!.line;
  const hit = cache.get(line);
  if (hit !== undefined) {
    frameRowStats.cached++;
    return hit;
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const row = inkRow(width, writes);
  cache.set(line, row);
  frameRowStats.made++;
  return row;
}

/** The frame `output` holds, made row by row through the cache; null when Ink must make it whole (a clip), before install, or with the cache off. */
export function cachedFrame(output: InkOutput): string | null {
  if (!ink || !frameRows.on) return null;
  const rows = rowWrites(output.operations, output.height);
  return rows && rows.map((writes) => madeRow(output.width, writes)).join('\n');
}

function looksLikeInkOutput(value: unknown): value is InkOutputClass {
  if (typeof value !== 'function' || typeof (value as { prototype?: { get?: unknown } }).prototype?.get !== 'function') return false;
  try {
    const probe = new (value as InkOutputClass)({ width: 3, height: 1 });
    probe.write(0, 0, 'ab', { transformers: [] });
    const op = probe.operations?.[0];
    return (
      probe.width === 3 &&
      probe.height === 1 &&
      op?.type === 'write' &&
      op.x === 0 &&
      op.y === 0 &&
      op.text === 'ab' &&
      Array.isArray(op.transformers)
    );
  } catch {
    return false;
  }
}

/**
 * Ink's Output class, the very one its renderer uses: `file` beside Ink's entry. Null when there is no such file
 * or it does not look as this knows it (an Ink that moved it: the dashboard then runs on Ink as it is).
 */
export async function inkOutputClass(file = 'output.js'): Promise<InkOutputClass | null> {
  try {
    const inkEntry = createRequire(import.meta.url).resolve('ink');
    const mod = (await import(pathToFileURL(join(dirname(inkEntry), file)).href)) as { default?: unknown };
    return looksLikeInkOutput(mod.default) ? mod.default : null;
  } catch {
    return null;
  }
}

/** Ink's own get() of an Output, whether or not the row cache is in. */
export function inkOwnGet(output: InkOutput): { output: string; height: number } {
  const proto = Object.getPrototypeOf(output) as { [INK_GET]?: InkOutput['get'] };
  return (proto[INK_GET] ?? output.get).call(output);
}

/**
 * Puts the row cache in Ink's output (once; later calls change nothing). `onMismatch`: every frame is made
 * both ways and compared, Ink's own string is the one used, and a difference is reported (the TUI tests).
 * Returns whether Ink's output is the one this knows.
 */
export async function installFrameRows(opts: { onMismatch?: (m: RowMismatch) => void } = {}): Promise<boolean> {
  const Output = await inkOutputClass();
  if (!Output) return false;
  const proto = Output.prototype as InkOutput & { [INK_GET]?: InkOutput['get'] };
  const inkGet = (proto[INK_GET] ??= proto.get);
  if (ink) return true;
  ink = { Output, get: inkGet };
  proto.get = function get(this: InkOutput) {
    const output = cachedFrame(this);
    if (output === null) {
      frameRowStats.wholeFrames++;
      return inkGet.call(this);
    }
    if (opts.onMismatch) {
      const own = inkGet.call(this);
      if (own.output !== output) {
        const theirs = own.output.split('\n');
        const ours = output.split('\n');
        const row = theirs.findIndex((line, i) => line !== ours[i]);
        opts.onMismatch({ row, ours: ours[row] ?? '', ink: theirs[row] ?? '' });
        return own;
      }
    }
    return { output, height: this.height };
  };
  return true;
}
