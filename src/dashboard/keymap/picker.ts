// The command picker's keys. Typing (scope `picker`): a slash command, any one, with Tab completing a
// known one and Enter running what is typed; ↓ hands the keys to the list of completions. The list (scope
// `picker-list`) is an ink-select-input (components/CommandPicker.tsx) and reads its own keys: they are
// listed here for the key bar and `?`, and dispatch leaves them to it. Yellow and red commands ask first.
import { completions } from '../slash-commands.js';
import { cancelOverlay, completePick, editPicker, focusPickerList, focusPickerText, runPickedCommand } from '../intents.js';
import type { DashboardState } from '../store.js';
import type { KeyBinding } from './binding.js';
import { DIGITS, k, oneLine, TEXT } from './shorthand.js';

const typedNow = (s: DashboardState): string => (s.overlay?.kind === 'picker' ? s.overlay.typed : '/');
const hasCompletions = (s: DashboardState): true | string =>
  completions(typedNow(s)).length > 0 ? true : `no known command starts with ${typedNow(s).trim().split(/\s+/)[0]}`;

export const PICKER: readonly KeyBinding[] = [
  {
    id: 'picker-run',
    scope: 'picker',
    keys: [k('return')],
    label: 'run',
    bar: 1,
    description: 'run the command typed (green at once; yellow and red ask first)',
    run: ({ store, controller }) => runPickedCommand(store, controller),
  },
  {
    id: 'picker-complete',
    scope: 'picker',
    keys: [k('tab')],
    label: 'complete',
    bar: 3,
    description: 'complete to the first known command that fits',
    run: ({ store }) => completePick(store),
  },
  {
    id: 'picker-list',
    scope: 'picker',
    keys: [k('down')],
    label: 'list',
    bar: 4,
    description: 'choose from the list of known commands that fit what is typed',
    enabled: hasCompletions,
    run: ({ store }) => focusPickerList(store),
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
  // The list: ink-select-input's own keys, then the two the keymap keeps.
  {
    id: 'picker-list-run',
    scope: 'picker-list',
    keys: [k('return')],
    label: 'run',
    bar: 1,
    description: 'run the highlighted command (green at once; yellow and red ask first)',
    heldBy: 'select-input',
  },
  {
    id: 'picker-list-number',
    scope: 'picker-list',
    keys: DIGITS,
    label: 'run N',
    bar: 5,
    description: 'run the command shown so many rows down the list (1: the top one)',
    heldBy: 'select-input',
  },
  {
    id: 'picker-list-up',
    scope: 'picker-list',
    keys: [k('up'), k('k')],
    label: 'choose',
    bar: 4,
    description: 'highlight the previous command (from the first: the last)',
    heldBy: 'select-input',
  },
  {
    id: 'picker-list-down',
    scope: 'picker-list',
    keys: [k('down'), k('j')],
    label: 'choose',
    bar: 4,
    description: 'highlight the next command (from the last: the first)',
    heldBy: 'select-input',
  },
  {
    id: 'picker-list-complete',
    scope: 'picker-list',
    keys: [k('tab')],
    label: 'edit',
    bar: 3,
    description: 'take the highlighted command into the text, to add arguments',
    run: ({ store }) => completePick(store),
  },
  {
    id: 'picker-list-back',
    scope: 'picker-list',
    keys: [k('escape')],
    label: 'type',
    bar: 2,
    description: 'back to typing; what is typed stays',
    run: ({ store }) => focusPickerText(store),
  },
];
