import { useInput } from 'ink';
import { useDash, useDeps } from '../hooks/dashboard-context.js';
import { truncateLine } from '../src/dashboard/cells.js';
import { update } from '../src/dashboard/store.js';
import { Lines } from './Lines.js';

/** Filters the roster as you type; Enter keeps the filter, Esc clears it. */
export function FilterInput({ width }: { width: number }) {
  const { store } = useDeps();
  const filter = useDash((s) => s.filter);
  useInput((input, key) => {
    if (key.escape) update(store, { overlay: null, filter: '' });
    else if (key.return) update(store, { overlay: null });
    else if (key.backspace || key.delete) update(store, { filter: filter.slice(0, -1) });
    else if (input && !key.ctrl && !key.meta) update(store, { filter: filter + input });
  });
  const line = truncateLine([{ text: '/', bold: true }, { text: filter }, { text: '▏ (address, name, title or cwd · Enter keep · Esc clear)', dim: true }], width);
  return <Lines lines={[line]} height={1} width={width} />;
}
