// The confirmation's keys (a red or yellow command, an answer that widens permissions):
// it opens on No, and only y, or Enter once Yes is highlighted, goes ahead.
import { cancelOverlay, chooseConfirm, confirmOverlay, toggleConfirm } from '../intents.js';
import type { KeyBinding } from './binding.js';
import { k } from './shorthand.js';

export const CONFIRM: readonly KeyBinding[] = [
  {
    id: 'confirm-yes',
    scope: 'confirm',
    keys: [k('y')],
    label: 'yes',
    bar: 1,
    description: 'yes: run the command, or give the answer',
    run: ({ store, controller }) => confirmOverlay(store, controller),
  },
  {
    id: 'confirm-no',
    scope: 'confirm',
    keys: [k('n'), k('escape')],
    label: 'no',
    bar: 2,
    description: 'no: nothing is run or answered',
    run: ({ store }) => cancelOverlay(store),
  },
  {
    id: 'confirm-left',
    scope: 'confirm',
    keys: [k('left')],
    label: 'move',
    bar: 3,
    description: 'move between No and Yes',
    run: ({ store }) => toggleConfirm(store),
  },
  {
    id: 'confirm-right',
    scope: 'confirm',
    keys: [k('right'), k('tab')],
    label: 'move',
    bar: 3,
    description: 'move between No and Yes',
    run: ({ store }) => toggleConfirm(store),
  },
  {
    id: 'confirm-choose',
    scope: 'confirm',
    keys: [k('return')],
    label: 'choose',
    bar: 4,
    description: 'take what is highlighted (No until you move to Yes)',
    run: ({ store, controller }) => chooseConfirm(store, controller),
  },
];
