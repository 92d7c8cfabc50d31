// The `?` screen's keys: scrolling it, and any other key closes it.
import { cancelOverlay, scrollHelp } from '../intents.js';
import type { KeyBinding } from './binding.js';
import { k } from './shorthand.js';

export const HELP: readonly KeyBinding[] = [
  {
    id: 'help-up',
    scope: 'help',
    keys: [k('up'), k('k')],
    label: 'scroll',
    bar: 1,
    description: 'scroll up',
    run: ({ store, size }, _input, keymap) => scrollHelp(store, -1, keymap, size),
  },
  {
    id: 'help-down',
    scope: 'help',
    keys: [k('down'), k('j')],
    label: 'scroll',
    bar: 1,
    description: 'scroll down',
    run: ({ store, size }, _input, keymap) => scrollHelp(store, 1, keymap, size),
  },
  {
    id: 'help-close',
    scope: 'help',
    keys: [{ any: true }],
    label: 'closes this',
    bar: 2,
    description: 'close this screen',
    run: ({ store }) => cancelOverlay(store),
  },
];
