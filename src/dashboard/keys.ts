// Keys as data: a binding names its keys (`{ key: 'q' }`, `{ key: 'c', ctrl: true }`), and the
// matching, the label a person reads and the conflict check all come from that one value, so
// what the help says a key is and what the key does cannot drift apart.

/** The parts of Ink's key object we look at (kept structural: src/ does not import Ink). */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  return?: boolean;
  tab?: boolean;
  escape?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  meta?: boolean;
}

const NAMED = {
  up: { flag: 'upArrow', label: '↑' },
  down: { flag: 'downArrow', label: '↓' },
  left: { flag: 'leftArrow', label: '←' },
  right: { flag: 'rightArrow', label: '→' },
  return: { flag: 'return', label: 'enter' },
  escape: { flag: 'escape', label: 'esc' },
  tab: { flag: 'tab', label: 'tab' },
  backspace: { flag: 'backspace', label: 'backspace' },
  delete: { flag: 'delete', label: 'delete' },
} as const satisfies Record<string, { flag: keyof KeyInfo; label: string }>;

export type NamedKey = keyof typeof NAMED;

/**
 * One key: a character (`'q'`, `'G'`, `'/'`) or a named key, with modifiers; `linefeed` is
 * Ctrl-J (the terminal sends a bare `\n`); `text` is any typed text (a paste arrives whole);
 * `any` is every key.
 */
export type KeySpec = { key: string | NamedKey | 'linefeed'; ctrl?: boolean; meta?: boolean } | { text: true } | { any: true };

/** Control characters that are not text (tab, LF and CR are: a paste keeps them). */
export const CONTROL_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

const isNamed = (k: string): k is NamedKey => k.length > 1 && k in NAMED;
const anyNamed = (key: KeyInfo): boolean => Object.values(NAMED).some((n) => key[n.flag] === true);

export function keyMatches(spec: KeySpec, input: string, key: KeyInfo): boolean {
  if ('any' in spec) return true;
  if ('text' in spec) return input !== '' && key.ctrl !== true && key.meta !== true && !anyNamed(key) && !CONTROL_CHARS.test(input);
  if (spec.key === 'linefeed') return input === '\n';
  if (isNamed(spec.key)) {
    if (key[NAMED[spec.key].flag] !== true || (key.ctrl === true) !== (spec.ctrl === true)) return false;
    // Ink reports Escape itself with meta set.
    return spec.key === 'escape' || (key.meta === true) === (spec.meta === true);
  }
  return input === spec.key && (key.ctrl === true) === (spec.ctrl === true) && (key.meta === true) === (spec.meta === true);
}

export function keyLabel(spec: KeySpec): string {
  if ('any' in spec) return 'any other key';
  if ('text' in spec) return 'typing';
  if (spec.key === 'linefeed') return 'Ctrl-J';
  const base = isNamed(spec.key) ? NAMED[spec.key].label : spec.key === ' ' ? 'space' : spec.key;
  return `${spec.ctrl ? 'Ctrl-' : ''}${spec.meta ? 'Alt-' : ''}${spec.ctrl && base.length === 1 ? base.toUpperCase() : base}`;
}

/** `↓/j`, `enter/m`, `q`; single digits in a row read as a range (`1-9`). */
export function keysLabel(specs: readonly KeySpec[]): string {
  const labels = specs.map(keyLabel);
  const out: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    let j = i;
    while (j + 1 < labels.length && /^\d$/.test(labels[j]!) && Number(labels[j + 1]) === Number(labels[j]) + 1) j++;
    out.push(j - i >= 2 ? `${labels[i]}-${labels[j]}` : labels.slice(i, j + 1).join('/'));
    i = j;
  }
  return out.join('/');
}

/** A value equal for two specs that claim the same key press. */
export function specId(spec: KeySpec): string {
  if ('any' in spec) return 'any';
  if ('text' in spec) return 'text';
  return `${spec.ctrl ? 'C-' : ''}${spec.meta ? 'M-' : ''}${spec.key}`;
}
