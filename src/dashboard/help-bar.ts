// The key bar: one line, the keys that work now in priority order, as many as fit, and
// `? more` when some were left out (the `?` screen lists them all).
import { cells, truncateLine, type StyledLine } from './cells.js';
import { KEYMAP, type KeyBinding } from './keymap.js';
import type { DashboardState } from './store.js';

export interface BarItem {
  keys: string;
  label: string;
  enabled: boolean;
}

/** The bindings for the bar, most important first: contextual ones only while they work. */
export function barItems(state: DashboardState, keymap: readonly KeyBinding[] = KEYMAP): BarItem[] {
  const seen = new Set<string>();
  return keymap
    .filter((b) => b.bar !== undefined)
    .filter((b) => !b.contextual || b.enabled(state) === true)
    .sort((a, b) => a.bar! - b.bar!)
    .filter((b) => {
      const label = b.barLabel ?? b.label;
      if (seen.has(label)) return false;
      seen.add(label);
      return true;
    })
    .map((b) => ({ keys: b.barKeys ?? b.keys, label: b.barLabel ?? b.label, enabled: b.enabled(state) === true }));
}

const MORE = '? more';

export function helpBarLine(items: readonly BarItem[], width: number, force: boolean): StyledLine {
  const line: StyledLine = [];
  let used = 0;
  if (force) {
    line.push({ text: ' FORCE ARMED ', color: 'white', background: 'red', bold: true }, { text: ' ' });
    used += 14;
  }
  const text = (i: BarItem) => `${i.keys} ${i.label}`;
  // Always room for the last two items the person needs most: help and quit.
  const help = items.find((i) => i.keys === '?');
  const quit = items.find((i) => i.label === 'quit');
  const rest = items.filter((i) => i !== help && i !== quit);
  const tail = (cut: boolean) => [cut ? MORE : help ? text(help) : '', quit ? text(quit) : ''].filter(Boolean).join('  ');
  let shown = 0;
  for (const item of rest) {
    const remaining = rest.length - shown - 1;
    const need = cells(text(item)) + 2 + cells(tail(remaining > 0));
    if (used + need > width) break;
    line.push({ text: item.keys, bold: true, dim: !item.enabled }, { text: ` ${item.label}  `, dim: !item.enabled });
    used += cells(text(item)) + 2;
    shown++;
  }
  const cut = shown < rest.length;
  const end = tail(cut);
  if (end) line.push({ text: end, bold: true });
  return truncateLine(line, width);
}
