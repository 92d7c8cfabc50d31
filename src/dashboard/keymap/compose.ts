// The compose box's keys (send, ask): typing, a new line, sending, leaving with nothing sent.
import { cancelOverlay, editCompose, submitCompose } from '../intents.js';
import type { KeyBinding } from './binding.js';
import { k, TEXT, typed } from './shorthand.js';

export const COMPOSE: readonly KeyBinding[] = [
  {
    id: 'compose-send',
    scope: 'compose',
    keys: [k('return')],
    label: 'send',
    bar: 1,
    description: 'send the message (ask: and wait for the reply)',
    run: ({ store, controller }) => submitCompose(store, controller),
  },
  {
    id: 'compose-newline',
    scope: 'compose',
    keys: [k('return', { meta: true }), k('linefeed')],
    label: 'new line',
    bar: 3,
    description: 'start a new line',
    run: ({ store }) => editCompose(store, (t) => `${t}\n`),
  },
  {
    id: 'compose-delete',
    scope: 'compose',
    keys: [k('backspace'), k('delete')],
    label: 'delete',
    description: 'delete the last character',
    run: ({ store }) => editCompose(store, (t) => t.slice(0, -1)),
  },
  {
    id: 'compose-cancel',
    scope: 'compose',
    keys: [k('escape')],
    label: 'cancel',
    bar: 2,
    description: 'close the box; nothing is sent',
    run: ({ store }) => cancelOverlay(store),
  },
  {
    id: 'compose-type',
    scope: 'compose',
    keys: [TEXT],
    label: 'type',
    description: 'the message (a paste arrives whole, its lines kept)',
    run: ({ store }, input) => editCompose(store, (t) => t + typed(input)),
  },
];
