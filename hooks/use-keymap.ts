// The dashboard's one input handler: every key goes to the keymap's dispatch, which looks it up
// in the scope open now (the roster, or the overlay on top). No component reads keys itself.
import { useInput } from 'ink';
import { dispatchInput } from '../src/dashboard/keymap/index.js';
import { useDeps } from './dashboard-context.js';

export function useKeymap(size: { columns: number; rows: number }): void {
  const deps = useDeps();
  useInput((input, key) => dispatchInput({ ...deps, size }, input, key));
}
