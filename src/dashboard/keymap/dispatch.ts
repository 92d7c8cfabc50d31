// Dispatch: a key press finds its binding in the scope open now (everywhere's keys first) and
// runs it, or, where the binding is off right now, says why instead. A key a focused widget holds
// (the picker's list) is left to the widget: it is the one owner of the keys it reads.
import { refuse } from '../intents.js';
import { keyMatches, type KeyInfo } from '../keys.js';
import type { DashboardState } from '../store.js';
import { bindingsOf, isEnabled, scopeOf, type KeyBinding, type KeyEnv } from './binding.js';
import { KEYMAP } from './keymap.js';

export function findBinding(s: DashboardState, input: string, key: KeyInfo, keymap: readonly KeyBinding[] = KEYMAP): KeyBinding | null {
  const scope = scopeOf(s);
  const candidates = [...bindingsOf('global', keymap), ...bindingsOf(scope, keymap)];
  return candidates.find((b) => b.keys.some((spec) => keyMatches(spec, input, key))) ?? null;
}

export interface Dispatch {
  binding: KeyBinding;
  /** true when it ran; otherwise why it did not. */
  ran: true | string;
}

/** Finds the binding for a key press in the scope open now and runs it, or reports why it is disabled. */
export function dispatchKey(env: KeyEnv, input: string, key: KeyInfo, keymap: readonly KeyBinding[] = KEYMAP): Dispatch | null {
  const binding = findBinding(env.store.getState(), input, key, keymap);
  if (!binding || binding.heldBy) return null;
  const enabled = isEnabled(binding, env.store.getState());
  if (enabled !== true) {
    refuse(env.store, binding.label, enabled);
    return { binding, ran: enabled };
  }
  binding.run(env, input, keymap);
  return { binding, ran: true };
}
