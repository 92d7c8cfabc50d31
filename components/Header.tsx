import { useDash } from '../hooks/dashboard-context.js';
import { countsFor, headerLine } from '../src/dashboard/roster-view.js';
import { Lines } from './Lines.js';

/** One line: a count per state (abbreviated when narrow), then sort, filter and socket as they fit. */
export function Header({ width }: { width: number }) {
  const rows = useDash((s) => s.rows);
  const socket = useDash((s) => s.socket);
  const sort = useDash((s) => s.sort);
  const filter = useDash((s) => s.filter);
  const line = headerLine(countsFor(Object.values(rows)), { sort, filter, socket }, width);
  return <Lines lines={[line]} height={1} width={width} />;
}
