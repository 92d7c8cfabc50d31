// Terminal cells a string takes, and fitting text into a number of cells. Every line the
// dashboard draws is fitted here first: a line one cell too wide wraps in the terminal and
// pushes every row under it down (what broke the 80x24 dashboard). Counting errs wide: a
// character counted two that the terminal draws in one leaves a blank cell; the other way
// round would overflow the row.

const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\u{fe00}-\u{fe0f}\u{e0100}-\u{e01ef}]/u;
const CONTROL = /[\p{Cc}]/gu;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;

/** East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth W/F, by block). */
function isEastAsianWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x231a && cp <= 0x231b) ||
    (cp >= 0x2329 && cp <= 0x232a) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe19) ||
    (cp >= 0xfe30 && cp <= 0xfe6f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f000 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Cells of one character (a code point): 0, 1 or 2. */
export function charCells(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x7f) return cp < 0x20 ? 0 : 1;
  if (ZERO_WIDTH.test(ch)) return 0;
  if (isEastAsianWide(cp)) return 2;
  // Pictographs in the BMP (⚫ ❓ ⏳ ✅): wide when drawn as emoji, which is how
  // terminals draw the ones with emoji presentation. Others (✳ ❯ ▶ ☐) stay narrow.
  if (cp >= 0x2300 && EMOJI_PRESENTATION.test(ch)) return 2;
  return 1;
}

/** Control characters would move the cursor: a title or a transcript line must never carry one. */
export function printable(text: string): string {
  return text.replace(/\t/g, '  ').replace(CONTROL, ' ');
}

export function cells(text: string): number {
  let w = 0;
  for (const ch of text) w += charCells(ch);
  return w;
}

/** At most `width` cells: cut with `…` when too long (never padded). */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  const clean = printable(text);
  if (cells(clean) <= width) return clean;
  let out = '';
  let used = 0;
  for (const ch of clean) {
    const w = charCells(ch);
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
  const chars = [...clean];
  let out = '';
  let used = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const w = charCells(chars[i]!);
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
  for (const ch of printable(text)) {
    const c = charCells(ch);
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
  if (lineCells(line) <= width) return line.map((s) => ({ ...s, text: printable(s.text) }));
  const out: StyledLine = [];
  let left = width;
  for (const s of line) {
    const w = cells(printable(s.text));
    if (w < left) {
      out.push({ ...s, text: printable(s.text) });
      left -= w;
      continue;
    }
    out.push({ ...s, text: truncate(s.text, left) });
    break;
  }
  return out;
}
