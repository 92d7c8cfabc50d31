// The dashboard's keymap, for everyone outside this folder: the bindings (KEYMAP, one file a
// scope), dispatch, input chunks and the conflict check.
export { bindingsOf, isEnabled, keymapConflicts, scopeOf, SCOPE_NAMES, type KeyBinding, type KeyEnv, type Scope } from './binding.js';
export { dispatchKey, findBinding, type Dispatch } from './dispatch.js';
export { dispatchInput, splitKeys } from './input.js';
export { KEYMAP } from './keymap.js';
export type { KeyInfo } from '../keys.js';
