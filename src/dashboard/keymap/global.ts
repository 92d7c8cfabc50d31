// Keys that work everywhere, whatever is open: checked before the scope's own.
import type { KeyBinding } from './binding.js';
import { k } from './shorthand.js';

export const GLOBAL: readonly KeyBinding[] = [
  {
    id: 'interrupt',
    scope: 'global',
    keys: [k('c', { ctrl: true })],
    label: 'quit',
    description: 'quit and restore the terminal, from anywhere (an open box is dropped, nothing is sent)',
    run: ({ quit }) => quit(),
  },
];
