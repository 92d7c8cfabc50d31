// Terminal cells text takes: one count for the CLI's tables and the dashboard's rows, so a
// glyph (⏳ ✅ ❓ 🔴) lines up the same in both. The count is string-width's, the library and
// version Ink lays the dashboard out with (a direct dependency at Ink's version): our fitting
// and Ink's wrapping can never disagree by a cell, which would wrap a row and push every
// row under it down.
import stringWidth from 'string-width';

const segmenter = new Intl.Segmenter();

/**
 * Cells `text` takes. Escape sequences are counted as the characters they are, not stripped:
 * neither front end prints one on purpose (the dashboard turns control characters into spaces
 * first), so counting one as zero would undercount what reaches the terminal.
 */
export function cells(text: string): number {
  return stringWidth(text, { countAnsiEscapeCodes: true });
}

/**
 * What a terminal draws as one character (`e` + combining accent, a flag, a ZWJ emoji), in order:
 * text is cut between these, never inside one, so a cut never leaves half a glyph.
 */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}
