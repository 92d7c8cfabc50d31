// The shape of a key binding and of the scopes it works in, and the check that no two bindings
// claim one key (the bindings themselves are in this folder's scope files, one a scope). Kept
// apart from them, and importing none, so that what is generated from the keymap (the `?`
// screen) and the intents that scroll it can be given a keymap without importing it.
import type { DashboardActions } from '../dashboard-actions.js';
import { specId, type KeySpec } from '../keys.js';
import type { TerminalSize } from '../layout.js';
import type { DashboardState, DashboardStore } from '../store.js';

/** Where a key works: the roster, an overlay, or everywhere (checked first). */
export type Scope = 'global' | 'roster' | 'compose' | 'picker' | 'picker-list' | 'confirm' | 'reason' | 'filter' | 'help';

/** Short names, for the `?` screen's sections and the README's table. */
export const SCOPE_NAMES: Record<Scope, string> = {
  roster: 'roster',
  compose: 'compose box (send, ask)',
  picker: 'command picker',
  'picker-list': "command picker's list",
  confirm: 'confirmation',
  reason: 'reason for a No (through the hook)',
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

interface BindingShape {
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
}

/**
 * A binding the keymap runs, or one a focused widget reads itself while its scope is open (the command picker's
 * list is an ink-select-input): listed in the key bar and on the `?` screen like any other, never run by dispatch.
 * One input owner at a time: the scope yields those keys to the widget.
 */
export type KeyBinding = BindingShape &
  (
    | {
        /** `keymap`: the one the key was found in (the `?` screen scrolls over its lines). */
        run(env: KeyEnv, input: string, keymap: readonly KeyBinding[]): void;
        heldBy?: undefined;
      }
    | { heldBy: 'select-input'; run?: undefined }
  );

/** The scope whose keys work now. */
export function scopeOf(s: Pick<DashboardState, 'overlay'>): Exclude<Scope, 'global'> {
  const o = s.overlay;
  if (o?.kind === 'picker' && o.focus === 'list') return 'picker-list';
  return o === null || o === undefined ? 'roster' : o.kind === 'widen' ? 'confirm' : o.kind;
}

export function isEnabled(b: KeyBinding, s: DashboardState): true | string {
  return b.enabled ? b.enabled(s) : true;
}

/** The bindings of a scope, in keymap order. */
export function bindingsOf(scope: Scope, keymap: readonly KeyBinding[]): KeyBinding[] {
  return keymap.filter((b) => b.scope === scope);
}

/**
 * Problems with a keymap: two bindings of one scope (or one and a global one) claiming the
 * same key, or a binding that a catch-all before it (`text`, `any`) would never let run.
 */
export function keymapConflicts(keymap: readonly KeyBinding[]): string[] {
  const problems: string[] = [];
  const globalIds = new Map(bindingsOf('global', keymap).flatMap((b) => b.keys.map((s) => [specId(s), b.id] as const)));
  const scopes = [...new Set(keymap.map((b) => b.scope))];
  for (const scope of scopes) {
    const owner = new Map<string, string>(scope === 'global' ? [] : globalIds);
    let catchAll: string | null = null;
    for (const b of bindingsOf(scope, keymap)) {
      for (const spec of b.keys) {
        const id = specId(spec);
        if (catchAll === 'any' || (catchAll === 'text' && 'key' in spec && spec.key.length === 1 && !spec.ctrl && !spec.meta))
          problems.push(`${scope}: ${b.id} comes after a catch-all (${catchAll}) and never runs for ${id}`);
        const first = owner.get(id);
        if (first !== undefined) problems.push(`${scope}: ${id} is claimed by ${first} and ${b.id}`);
        else owner.set(id, b.id);
        if ('any' in spec || 'text' in spec) catchAll ??= id;
      }
    }
  }
  return problems;
}
