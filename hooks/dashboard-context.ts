// The store, the controller and the keymap environment, handed down once.
import { createContext, useCallback, useContext, useRef } from 'react';
import { useStore } from 'zustand';
import type { DashboardActions } from '../src/dashboard/dashboard-actions.js';
import type { DashboardState, DashboardStore } from '../src/dashboard/store.js';

export interface DashboardDeps {
  store: DashboardStore;
  controller: DashboardActions;
  quit(): void;
}

export const DashboardContext = createContext<DashboardDeps | null>(null);

export function useDeps(): DashboardDeps {
  const deps = useContext(DashboardContext);
  if (!deps) throw new Error('DashboardContext missing');
  return deps;
}

/** A narrow slice of the store. Select one value (or a stable reference), never a fresh object. */
export function useDash<T>(selector: (s: DashboardState) => T): T {
  return useStore(useDeps().store, selector);
}

/**
 * A value computed from the store (a list of key-bar items, say): the component re-renders
 * only when it changes in content, not on every poll. For small plain data.
 */
export function useDashDerived<T>(derive: (s: DashboardState) => T): T {
  const last = useRef<{ json: string; value: T } | null>(null);
  const select = useCallback(
    (s: DashboardState): T => {
      const value = derive(s);
      const json = JSON.stringify(value);
      if (last.current?.json !== json) last.current = { json, value };
      return last.current.value;
    },
    [derive],
  );
  return useDash(select);
}
