// The filter line's keys: narrowing the roster as you type, keeping the filter or clearing it.
import { cancelOverlay, closeOverlay, editFilter } from '../intents.js';
import type { KeyBinding } from './binding.js';
import { k, oneLine, TEXT } from './shorthand.js';

export const FILTER: readonly KeyBinding[] = [
  {
    id: 'filter-keep',
    scope: 'filter',
    keys: [k('return')],
    label: 'keep',
    bar: 1,
    description: 'close the filter line and keep the filter',
    run: ({ store }) => closeOverlay(store),
  },
  {
    id: 'filter-clear',
    scope: 'filter',
    keys: [k('escape')],
    label: 'clear',
    bar: 2,
    description: 'close the filter line and show every peer again',
    run: ({ store }) => cancelOverlay(store),
  },
  {
    id: 'filter-delete',
    scope: 'filter',
    keys: [k('backspace'), k('delete')],
    label: 'delete',
    description: 'delete the last character',
    run: ({ store }) => editFilter(store, (f) => f.slice(0, -1)),
  },
  {
    id: 'filter-type',
    scope: 'filter',
    keys: [TEXT],
    label: 'type',
    description: 'narrow the roster as you type: address, name, title or cwd',
    run: ({ store }, input) => editFilter(store, (f) => oneLine(f + input)),
  },
];
