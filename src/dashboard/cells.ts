// Fitting text into a number of terminal cells. Every line the dashboard draws is fitted here
// first: a line one cell too wide wraps in the terminal and pushes every row under it down
// (what broke the 80x24 dashboard). The count is src/util/width.ts's, the same as the CLI's
// and Ink's; text is cut between graphemes, never inside one.
import { visibleText } from '../util/visible.js';
import { cells, graphemes } from '../util/width.js';

export { cells };

/**
 * A title or a transcript line as the CLI shows it (src/util/visible.ts: `^[`, `\x9b`, `<U+202E>`,
 * tabs expanded, a newline `^J`): a control character would move the cursor, and an escape
 * sequence reach the person's terminal. Every fitting below measures this visible form.
 */
export function printable(text: string): string {
  return visibleText(text, { newlines: 'show' });
}

/** At most `width` cells: cut with `…` when too long (never padded). */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  const clean = printable(text);
  if (cells(clean) <= width) return clean;
  let out = '';
  let used = 0;
  for (const ch of graphemes(clean)) {
    const w = cells(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

/** Exactly `width` cells: cut with `…`, or padded with spaces. */
export function fit(text: string, width: number): string {
  const t = truncate(text, width);
  return t + ' '.repeat(Math.max(0, width - cells(t)));
}

/** Exactly `width` cells, keeping the end (paths): `…/work/app`. */
export function fitStart(text: string, width: number): string {
  const clean = printable(text);
  if (cells(clean) <= width) return fit(clean, width);
  if (width <= 0) return '';
  const chars = graphemes(clean);
  let out = '';
  let used = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const w = cells(chars[i]!);
    if (used + w > width - 1) break;
    out = chars[i]! + out;
    used += w;
  }
  return fit(`…${out}`, width);
}

/** Splits text into lines of at most `width` cells (hard wrap, for transcript text). */
export function wrapCells(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const ch of graphemes(printable(text))) {
    const c = cells(ch);
    if (used + c > w) {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += ch;
    used += c;
  }
  lines.push(line);
  return lines;
}

/** A piece of a line with its style; a line is a list of them. */
export interface Segment {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  background?: string;
}
export type StyledLine = Segment[];

export function lineCells(line: StyledLine): number {
  return line.reduce((w, s) => w + cells(s.text), 0);
}

/** Cuts a styled line to at most `width` cells (the last kept segment ends in `…`). */
export function truncateLine(line: StyledLine, width: number): StyledLine {
  // Measured as drawn: printable turns a control character (no cells) into its visible form (`^[`: two).
  const clean = line.map((s) => ({ ...s, text: printable(s.text) }));
  if (lineCells(clean) <= width) return clean;
  const out: StyledLine = [];
  let left = width;
  for (const s of clean) {
    const w = cells(s.text);
    if (w < left) {
      out.push(s);
      left -= w;
      continue;
    }
    out.push({ ...s, text: truncate(s.text, left) });
    break;
  }
  return out;
}
