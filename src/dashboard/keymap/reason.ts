// The reason box: `n` on a prompt held by claude-dm's hook asks for one optional line that Claude is told with
// the No (answer n --message). Enter answers (with or without it); Esc answers nothing.
import { cancelOverlay, editReason, submitReason } from '../intents.js';
import type { KeyBinding } from './binding.js';
import { k, oneLine, TEXT } from './shorthand.js';

export const REASON: readonly KeyBinding[] = [
  {
    id: 'reason-send',
    scope: 'reason',
    keys: [k('return')],
    label: 'No',
    bar: 1,
    description: 'answer No through the hook, telling Claude the reason typed (none: a plain No)',
    run: ({ store, controller }) => submitReason(store, controller),
  },
  {
    id: 'reason-cancel',
    scope: 'reason',
    keys: [k('escape')],
    label: 'cancel',
    bar: 2,
    description: 'close the box; the prompt is not answered',
    run: ({ store }) => cancelOverlay(store),
  },
  {
    id: 'reason-delete',
    scope: 'reason',
    keys: [k('backspace'), k('delete')],
    label: 'delete',
    description: 'delete the last character',
    run: ({ store }) => editReason(store, (t) => t.slice(0, -1)),
  },
  {
    id: 'reason-type',
    scope: 'reason',
    keys: [TEXT],
    label: 'type',
    description: 'why not, or what to do instead: one line, for Claude',
    run: ({ store }, input) => editReason(store, (t) => oneLine(t + input)),
  },
];
