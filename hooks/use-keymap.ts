// The roster's keys: every press goes through the keymap's dispatch. Inactive while an
// overlay (dialog, compose box, picker) is open: whoever is on top owns the keys.
import { useInput } from 'ink';
import { dispatchKey, type KeyInfo } from '../src/dashboard/keymap.js';
import { useDash, useDeps } from './dashboard-context.js';

/**
 * Keys typed quickly (or read late, under load) arrive in one chunk, and Ink hands the
 * chunk over whole: "g1" is g, then 1. Escape sequences (arrows) stay whole.
 */
export function splitKeys(input: string, key: KeyInfo): Array<[string, KeyInfo]> {
  if (input.length <= 1 || key.ctrl || key.meta || input.includes('\x1b')) return [[input, key]];
  return [...input].map((ch): [string, KeyInfo] => (ch === '\r' ? ['', { return: true }] : ch === '\t' ? ['', { tab: true }] : [ch, {}]));
}

export function useKeymap(): void {
  const deps = useDeps();
  const overlay = useDash((s) => s.overlay);
  useInput(
    (input, key) => {
      for (const [ch, k] of splitKeys(input, key)) {
        // A key may open an overlay, which then owns the rest of the chunk's keys.
        if (deps.store.getState().overlay) return;
        dispatchKey(deps, ch, k);
      }
    },
    { isActive: overlay === null },
  );
}
