// The shape of a key binding and of the scopes it works in (the bindings themselves are in
// keymap.ts). Kept apart so that what is generated from the keymap (the `?` screen) can be
// given it without importing it.
import type { DashboardActions } from './controller.js';
import type { KeySpec } from './keys.js';
import type { TerminalSize } from './layout.js';
import type { DashboardState, DashboardStore } from './store.js';

/** Where a key works: the roster, an overlay, or everywhere (checked first). */
export type Scope = 'global' | 'roster' | 'compose' | 'picker' | 'confirm' | 'filter' | 'help';

/** Short names, for the `?` screen's sections and the README's table. */
export const SCOPE_NAMES: Record<Scope, string> = {
  roster: 'roster',
  compose: 'compose box (send, ask)',
  picker: 'command picker',
  confirm: 'confirmation',
  filter: 'filter',
  help: '? screen',
  global: 'everywhere',
};

export interface KeyEnv {
  store: DashboardStore;
  controller: DashboardActions;
  quit(): void;
  /** The terminal's size, for keys that scroll. */
  size?: TerminalSize;
}

export interface KeyBinding {
  id: string;
  scope: Scope;
  keys: readonly KeySpec[];
  /** Short, for the key bar. */
  label: string;
  description: string;
  /** true, or why not; absent: always. */
  enabled?(s: DashboardState): true | string;
  /** Shown in the key bar only while enabled. */
  contextual?: boolean;
  /** Place in the scope's one-line key bar (lower shows first, and stays when the bar is cut); absent: only on the `?` screen. */
  bar?: number;
  /** Bindings sharing a bar label show as one item: `↑↓ move`, `y/n yes/no`. */
  barLabel?: string;
  run(env: KeyEnv, input: string): void;
}

/** The scope whose keys work now. */
export function scopeOf(s: Pick<DashboardState, 'overlay'>): Exclude<Scope, 'global'> {
  const kind = s.overlay?.kind;
  return kind === undefined ? 'roster' : kind === 'widen' ? 'confirm' : kind;
}

export function isEnabled(b: KeyBinding, s: DashboardState): true | string {
  return b.enabled ? b.enabled(s) : true;
}

/** The bindings of a scope, in keymap order. */
export function bindingsOf(scope: Scope, keymap: readonly KeyBinding[]): KeyBinding[] {
  return keymap.filter((b) => b.scope === scope);
}
