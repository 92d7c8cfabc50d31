// The roster's keys: every press goes through the keymap's dispatch. Inactive while an
// overlay (dialog, compose box, picker) is open: whoever is on top owns the keys.
import { useInput } from 'ink';
import { dispatchKey } from '../src/dashboard/keymap.js';
import { useDash, useDeps } from './dashboard-context.js';

export function useKeymap(): void {
  const deps = useDeps();
  const overlay = useDash((s) => s.overlay);
  useInput((input, key) => void dispatchKey(deps, input, key), { isActive: overlay === null });
}
