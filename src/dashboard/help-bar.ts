// The key bar: one line, the keys of the scope open now (the roster, or the overlay on top) in
// priority order, as many as fit, and `? more` when some were left out (the `?` screen lists them all).
import { cells, truncateLine, type StyledLine } from './cells.js';
import { bindingsOf, isEnabled, KEYMAP, scopeOf, type KeyBinding } from './keymap/index.js';
import { keysLabel } from './keys.js';
import type { DashboardState } from './store.js';

export interface BarItem {
  keys: string;
  label: string;
  enabled: boolean;
}

const isDigitKey = (b: KeyBinding) => b.keys.every((s) => 'key' in s && /^\d$/.test(s.key));

/** A group's keys as the bar shows them: each binding's first key (a digit range whole); arrows side by side. */
function barKeys(group: readonly KeyBinding[]): string {
  const labels = group.map((b) => keysLabel(isDigitKey(b) ? b.keys : b.keys.slice(0, 1)));
  return labels.every((l) => /^[←↑→↓]$/.test(l)) ? labels.join('') : labels.join('/');
}

/** The bar's items for the scope open now, most important first: contextual ones only while they work. */
export function barItems(state: DashboardState, keymap: readonly KeyBinding[] = KEYMAP): BarItem[] {
  const groups = new Map<string, KeyBinding[]>();
  const shown = bindingsOf(scopeOf(state), keymap)
    .filter((b) => b.bar !== undefined && (!b.contextual || isEnabled(b, state) === true))
    .sort((a, b) => a.bar! - b.bar!);
  for (const b of shown) {
    const label = b.barLabel ?? b.label;
    groups.set(label, [...(groups.get(label) ?? []), b]);
  }
  return [...groups].map(([label, group]) => ({ keys: barKeys(group), label, enabled: group.some((b) => isEnabled(b, state) === true) }));
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
  const tail = (cut: boolean) => [cut && help ? MORE : help ? text(help) : '', quit ? text(quit) : ''].filter(Boolean).join('  ');
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
