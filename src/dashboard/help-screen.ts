// The `?` screen's lines, generated from the keymap: a section per scope (the roster, each
// overlay, everywhere), each key with what it does and why it is off now. A long description
// continues on the next line, under itself. The keymap is passed in: its keys scroll this
// screen (through an intent), so this file must not import it.
import { cells, fit, truncateLine, type StyledLine } from './cells.js';
import { bindingsOf, isEnabled, SCOPE_NAMES, type KeyBinding, type Scope } from './keymap/binding.js';
import { keysLabel } from './keys.js';
import { FIXED_ROWS, type TerminalSize } from './layout.js';
import type { DashboardState } from './store.js';

const ORDER: readonly Scope[] = ['roster', 'compose', 'picker', 'picker-list', 'confirm', 'reason', 'filter', 'help', 'global'];

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

function sectionLines(bindings: readonly KeyBinding[], state: DashboardState, width: number): StyledLine[] {
  const keyWidth = Math.max(...bindings.map((b) => cells(keysLabel(b.keys))));
  const textWidth = Math.max(10, width - keyWidth - 2);
  return bindings.flatMap((b) => {
    const enabled = isEnabled(b, state);
    const text = enabled === true ? b.description : `${b.description} — now off: ${enabled}`;
    return wrapWords(text, textWidth).map((part, i) =>
      truncateLine(
        [
          { text: `${fit(i === 0 ? keysLabel(b.keys) : '', keyWidth)}  `, bold: true, dim: enabled !== true },
          { text: part, dim: enabled !== true },
        ],
        width,
      ),
    );
  });
}

export function helpLines(state: DashboardState, width: number, keymap: readonly KeyBinding[]): StyledLine[] {
  return ORDER.flatMap((scope, i) => {
    const bindings = bindingsOf(scope, keymap);
    if (bindings.length === 0) return [];
    const title: StyledLine = truncateLine([{ text: SCOPE_NAMES[scope], bold: true }], width);
    return [...(i > 0 ? [[] as StyledLine] : []), title, ...sectionLines(bindings, state, width)];
  });
}

/** The last line the screen can scroll to (its top line), for the terminal's size: below the fixed rows it has a title line. */
export function helpScrollMax(
  state: DashboardState,
  keymap: readonly KeyBinding[],
  { columns, rows }: TerminalSize = { columns: 100, rows: 30 },
): number {
  return Math.max(0, helpLines(state, columns, keymap).length - (rows - FIXED_ROWS - 1));
}
