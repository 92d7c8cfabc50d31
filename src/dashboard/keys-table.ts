// The README's table of dashboard keys, generated from the keymap (test/tui/readme.test.ts
// checks the README holds exactly this).
import { KEYMAP, type KeyBinding } from './keymap.js';

export function keysTable(keymap: readonly KeyBinding[] = KEYMAP): string[] {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return ['| key | does |', '|---|---|', ...keymap.map((b) => `| \`${cell(b.keys)}\` | ${cell(b.description)} |`)];
}
