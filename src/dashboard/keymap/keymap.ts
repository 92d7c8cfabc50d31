// The one keymap: every key the dashboard knows, in the scope where it works (the roster, or
// the overlay on top: compose box, command picker, confirmation, reason box, filter, `?` screen), with its
// keys as data, a label for the key bar, a description for the `?` screen and whether it works
// right now (and if not, why): one file a scope, listed here in the order the `?` screen and the
// README's table show them. Dispatch, each scope's key bar, the `?` screen and the README's table
// are all generated from this list; keymapConflicts (binding.ts) checks it.
import type { KeyBinding } from './binding.js';
import { COMPOSE } from './compose.js';
import { CONFIRM } from './confirm.js';
import { FILTER } from './filter.js';
import { GLOBAL } from './global.js';
import { HELP } from './help.js';
import { PICKER } from './picker.js';
import { REASON } from './reason.js';
import { ROSTER } from './roster.js';

export const KEYMAP: readonly KeyBinding[] = [...ROSTER, ...COMPOSE, ...PICKER, ...CONFIRM, ...REASON, ...FILTER, ...HELP, ...GLOBAL];
