// The store, the controller and the keymap environment, handed down once.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { DashboardActions } from '../src/dashboard/controller.js';
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
