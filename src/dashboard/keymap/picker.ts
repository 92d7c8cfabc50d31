// The command picker's keys: typing a slash command, completing a known one, running it
// (yellow and red ones ask first), leaving with nothing run.
import { cancelOverlay, completePick, editPicker, movePick, runPickedCommand } from '../intents.js';
import type { KeyBinding } from './binding.js';
import { k, oneLine, TEXT } from './shorthand.js';

export const PICKER: readonly KeyBinding[] = [
  {
    id: 'picker-run',
    scope: 'picker',
    keys: [k('return')],
    label: 'run',
    bar: 1,
    description: 'run the command shown (green at once; yellow and red ask first)',
    run: ({ store, controller }) => runPickedCommand(store, controller),
  },
  {
    id: 'picker-complete',
    scope: 'picker',
    keys: [k('tab')],
    label: 'complete',
    bar: 3,
    description: 'complete to the chosen (else the first) known command',
    run: ({ store }) => completePick(store),
  },
  {
    id: 'picker-up',
    scope: 'picker',
    keys: [k('up')],
    label: 'choose',
    bar: 4,
    description: 'choose the previous completion',
    run: ({ store }) => movePick(store, -1),
  },
  {
    id: 'picker-down',
    scope: 'picker',
    keys: [k('down')],
    label: 'choose',
    bar: 4,
    description: 'choose the next completion',
    run: ({ store }) => movePick(store, 1),
  },
  {
    id: 'picker-delete',
    scope: 'picker',
    keys: [k('backspace'), k('delete')],
    label: 'delete',
    description: 'delete the last character (the / stays)',
    run: ({ store }) => editPicker(store, (t) => (t.length > 1 ? t.slice(0, -1) : t)),
  },
  {
    id: 'picker-cancel',
    scope: 'picker',
    keys: [k('escape')],
    label: 'cancel',
    bar: 2,
    description: 'close the picker; nothing runs',
    run: ({ store }) => cancelOverlay(store),
  },
  {
    id: 'picker-type',
    scope: 'picker',
    keys: [TEXT],
    label: 'type',
    description: 'any command, a skill or a custom one included; its tier shows as you type',
    run: ({ store }, input) => editPicker(store, (t) => oneLine(t === '/' && input.startsWith('/') ? input : t + input)),
  },
];
