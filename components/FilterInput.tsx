import { useDash } from '../hooks/dashboard-context.js';
import { truncateLine } from '../src/dashboard/cells.js';
import { Lines } from './Lines.js';

/** The filter being typed, in the notice line (its keys, in the key bar, are the keymap's filter scope). */
export function FilterInput({ width }: { width: number }) {
  const filter = useDash((s) => s.filter);
  const line = truncateLine([{ text: '/', bold: true }, { text: filter }, { text: '▏ address, name, title or cwd', dim: true }], width);
  return <Lines lines={[line]} height={1} width={width} />;
}
