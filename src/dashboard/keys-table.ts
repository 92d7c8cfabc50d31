// The README's table of dashboard keys, generated from the keymap (test/tui/readme.test.ts
// checks the README holds exactly this).
import { KEYMAP, SCOPE_NAMES, type KeyBinding } from './keymap/index.js';
import { keysLabel } from './keys.js';

export function keysTable(keymap: readonly KeyBinding[] = KEYMAP): string[] {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| in | key | does |',
    '|---|---|---|',
    ...keymap.map((b) => `| ${cell(SCOPE_NAMES[b.scope])} | \`${cell(keysLabel(b.keys))}\` | ${cell(b.description)} |`),
  ];
}
