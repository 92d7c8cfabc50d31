// Text a peer, a transcript or a far host wrote, made safe to show. A transcript holds what the
// model read (a web page, `ls --color` output, a hostile file): printed as it is, `ESC ] 52 ;`
// writes the reader's clipboard, `ESC ] 0 ;` their window title, `ESC [ 2J` clears their screen,
// and U+202E turns the words after it around. So every such character is shown as text instead,
// one notation for the CLI and the dashboard alike:
//
//   ESC and the other C0 controls   ^[  ^G  ^M  … (caret notation, as `cat -v`); DEL is ^?
//   C1 controls U+0080–U+009F       \x9b  \x90  …
//   bidi marks, overrides, isolates <U+202E>  <U+2066>  … (and the line/paragraph separators)
//   tab                             spaces to the next column of 8
//   newline                         kept where a block has lines, else ^J; CR LF is a newline
//
// An escape sequence is its characters, each shown: `ESC ] 0 ; x BEL` prints as `^[]0;x^G`, the
// words around it untouched. Nothing is parsed, so nothing can slip through a parser's gap, and
// colours are not kept (a transcript's SGR shows as `^[[31m`). Applying it twice changes nothing
// more: its output holds none of the characters it replaces.
import { cells } from './width.js';

/** Every character replaced, but tab and newline (handled on their own). */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
/** The same set with tab and newline: what --json escapes as \uXXXX. */
const JSON_UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const ALL_SAFE = /^[^\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]*$/u;
export const TAB_STOP = 8;

function shown(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  if (code <= 0x9f) return `\\x${code.toString(16)}`;
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

function expandTabs(line: string): string {
  const parts = line.split('\t');
  let out = parts[0]!;
  let column = cells(out);
  for (const part of parts.slice(1)) {
    const pad = TAB_STOP - (column % TAB_STOP);
    out += ' '.repeat(pad) + part;
    column += pad + cells(part);
  }
  return out;
}

export interface VisibleOptions {
  /** 'keep': a block of several lines (a transcript's text); 'show': one line, where a newline would forge a row (`^J`). */
  newlines?: 'keep' | 'show';
}

/** Any untrusted text as characters that only draw: no control, no escape sequence, no bidi override reaches the terminal. */
export function visibleText(text: string, options: VisibleOptions = {}): string {
  if (ALL_SAFE.test(text)) return text;
  const keep = (options.newlines ?? 'keep') === 'keep';
  const lines = keep ? text.replace(/\r\n/g, '\n').split('\n') : [text.replace(/\n/g, '^J')];
  return lines.map((line) => expandTabs(line.replace(UNSAFE, shown))).join('\n');
}

/**
 * A JSON text with every control, C1 and bidi character written as `\uXXXX`: still the same JSON
 * (they can only stand inside strings, where the escape means the same character), so `--json`
 * stays lossless, yet a terminal or a log viewer showing the line sees none of them.
 * JSON.stringify escapes C0 already; C1, DEL, bidi and U+2028/2029 it leaves raw.
 */
export function jsonSafe(json: string): string {
  return ALL_SAFE.test(json) ? json : json.replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
