// What the scope files write their bindings with: keys (`k('x')`, `k('c', { ctrl: true })`,
// typed text, the answer digits), when a key works (each check true or why not), and what
// typed text becomes in a box.
import type { KeySpec } from '../keys.js';
import { selectedRow, type DashboardState } from '../store.js';

export const k = (key: string, mods: { ctrl?: boolean; meta?: boolean } = {}): KeySpec => ({ key, ...mods });
export const TEXT: KeySpec = { text: true };
export const DIGITS = [...'123456789'].map((d) => k(d));

export const needPeer = (s: DashboardState): true | string => (s.selected ? true : 'no peer selected');
export const onModal = (s: DashboardState): true | string => {
  const row = selectedRow(s);
  if (!row) return 'no peer selected';
  return row.state === 'modal' ? true : `${row.address} is ${row.state}, not on a modal`;
};
export const notPending = (s: DashboardState): true | string => (s.pending ? `waiting for ${s.pending}` : true);
export const both =
  (...checks: Array<(s: DashboardState) => true | string>) =>
  (s: DashboardState): true | string => {
    for (const c of checks) {
      const r = c(s);
      if (r !== true) return r;
    }
    return true;
  };

/** Typed text: CR from a paste is a new line, never Enter. */
export const typed = (input: string) => input.replace(/\r\n?/g, '\n');
export const oneLine = (input: string) => input.replace(/[\r\n]/g, '');
