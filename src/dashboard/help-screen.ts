// The `?` screen's lines, generated from the keymap: keys, what they do, and why a key is off
// now. A long description continues on the next line, under itself.
import { cells, fit, truncateLine, type StyledLine } from './cells.js';
import { KEYMAP, type KeyBinding } from './keymap.js';
import type { DashboardState } from './store.js';

/** Words into lines of at most `width` cells (a word longer than that is cut). */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && cells(line) + 1 + cells(word) > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function helpLines(state: DashboardState, width: number, keymap: readonly KeyBinding[] = KEYMAP): StyledLine[] {
  const keyWidth = Math.max(...keymap.map((b) => cells(b.keys)));
  const textWidth = Math.max(10, width - keyWidth - 2);
  return keymap.flatMap((b) => {
    const enabled = b.enabled(state);
    const text = enabled === true ? b.description : `${b.description} — now off: ${enabled}`;
    return wrapWords(text, textWidth).map((part, i) =>
      truncateLine([{ text: `${fit(i === 0 ? b.keys : '', keyWidth)}  `, bold: true, dim: enabled !== true }, { text: part, dim: enabled !== true }], width),
    );
  });
}
