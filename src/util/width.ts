// Terminal cells text takes: one count for the CLI's tables and the dashboard's rows, so a
// glyph (⏳ ✅ ❓ 🔴) lines up the same in both. The count is string-width's, the library and
// version Ink lays the dashboard out with (a direct dependency at Ink's version): our fitting
// and Ink's wrapping can never disagree by a cell, which would wrap a row and push every
// row under it down.
import { eastAsianWidth } from 'get-east-asian-width';
import stringWidth from 'string-width';

// Made on first use: building one costs ~8 ms (ICU's break rules), a CLI verb that prints
// only ASCII never needs it.
let segmenter: Intl.Segmenter | undefined;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const isPrintableAscii = (code: number) => code >= 0x20 && code <= 0x7e;
// string-width's own test for a character that draws nothing. This and joining() are made on first use: V8 builds
// a pattern's Unicode property sets when the RegExp is made, ~1.5 ms for the two, paid at the start of every
// CLI call (even --version) while most print only ASCII.
let invisibleRe: RegExp | undefined;
const invisible = () =>
  (invisibleRe ??= /^[\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Nonspacing_Mark}\p{Enclosing_Mark}\p{Surrogate}]$/u);

// A code point that can join a grapheme with its neighbour (UAX #29): anything that is not a base character
// (marks, ZWJ, variation selectors, controls, CR), spacing marks, flags' regional indicators, skin tones,
// Hangul jamo, and the few base letters that prepend. Text without one is a grapheme per code point: cut
// so, `🟢 idle` costs no Segmenter call (~18 µs each, 40 ms of a 500-peer `list` table).
let joiningRe: RegExp | undefined;
const joining = () =>
  (joiningRe ??=
    /[^\p{Grapheme_Base}]|\p{Mc}|\p{Regional_Indicator}|\p{Emoji_Modifier}|[\u1100-\u11ff\ua960-\ua97f\uac00-\ud7ff]|[\u0d4e\u{111c2}\u{111c3}\u{1193f}\u{11941}\u{11a3a}\u{11a84}-\u{11a89}\u{11d46}\u{11f02}]/u);

/**
 * What a terminal draws as one character (`e` + combining accent, a flag, a ZWJ emoji), in order:
 * text is cut between these, never inside one, so a cut never leaves half a glyph.
 */
export function graphemes(text: string): string[] {
  // Intl.Segmenter costs ~1 µs a character, and the dashboard wraps whole transcripts with
  // this. Two printable ASCII characters side by side always have a boundary between them
  // (no Unicode rule joins them, none looks back across one), so the text is cut there and
  // only the pieces holding anything else are segmented: a transcript line is mostly ASCII.
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i < text.length && !(isPrintableAscii(text.charCodeAt(i - 1)) && isPrintableAscii(text.charCodeAt(i)))) continue;
    const piece = text.slice(start, i);
    if (piece.length === 1) out.push(piece);
    else if (!joining().test(piece)) for (const c of piece) out.push(c);
    else for (const s of (segmenter ??= new Intl.Segmenter()).segment(piece)) out.push(s.segment);
    start = i;
  }
  return out;
}

// A cluster of several code points (a ZWJ emoji, a flag, a letter and its accents) is
// string-width's to measure, and it segments again on every call (8 µs for one cluster): the
// few the front ends draw are measured once. Emptied when full: cheap, and bounded.
const CLUSTER_MEMO_LIMIT = 4096;
const clusterWidths = new Map<string, number>();

function graphemeCells(grapheme: string): number {
  const cp = grapheme.codePointAt(0)!;
  if (grapheme.length === (cp > 0xffff ? 2 : 1)) {
    // One code point: what string-width answers for every one of them (a unit test checks
    // each), without its \p{RGI_Emoji} pattern, whose first use compiles for ~15 ms: a quarter
    // of what a `claude-dm list` spends above its floor (README, bench).
    return invisible().test(grapheme) ? 0 : eastAsianWidth(cp, { ambiguousAsWide: false });
  }
  let w = clusterWidths.get(grapheme);
  if (w !== undefined) return w;
  w = stringWidth(grapheme, { countAnsiEscapeCodes: true });
  if (clusterWidths.size >= CLUSTER_MEMO_LIMIT) clusterWidths.clear();
  clusterWidths.set(grapheme, w);
  return w;
}

/**
 * Cells `text` takes: string-width's count, grapheme by grapheme as it counts. An escape
 * sequence counts as its characters (ESC none, `[31m` four), not stripped as string-width does
 * by default: neither front end prints one on purpose (the dashboard turns control characters
 * into spaces), so counting one as zero would undercount what reaches the terminal.
 */
export function cells(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let w = 0;
  for (const g of graphemes(text)) w += g.length === 1 && isPrintableAscii(g.charCodeAt(0)) ? 1 : graphemeCells(g);
  return w;
}
