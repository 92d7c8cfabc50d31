import { useMemo } from 'react';
import { useDash } from '../hooks/dashboard-context.js';
import { useSteppedNow } from '../hooks/use-now.js';
import { headerLine, type HostMark } from '../src/dashboard/roster-view.js';
import { countByState } from '../src/dashboard/sort.js';
import type { DashboardState } from '../src/dashboard/store.js';
import { ELAPSED_STEP_MS } from '../src/dashboard/for-components.js';
import { Lines } from './Lines.js';

/** This machine (when it is in the roster) and each host, as the header marks them. */
function hostMarks(hosts: DashboardState['hosts'], local: boolean, localError: string | null): HostMark[] {
  if (hosts.length === 0) return [];
  const here: HostMark[] = local ? [{ name: 'local', kind: localError ? 'down' : 'up' }] : [];
  return [...here, ...hosts.map((h) => ({ name: h.name, kind: h.kind, since: h.since }))];
}

/** One line: a count per state (abbreviated when narrow), each host's state, then sort, filter and socket as they fit. */
export function Header({ width }: { width: number }) {
  const rows = useDash((s) => s.rows);
  const socket = useDash((s) => s.socket);
  const sort = useDash((s) => s.sort);
  const filter = useDash((s) => s.filter);
  const hosts = useDash((s) => s.hosts);
  const local = useDash((s) => s.local);
  const error = useDash((s) => s.error);
  const marks = useMemo(() => hostMarks(hosts, local, error), [hosts, local, error]);
  // A stale host says since when: the header moves on once per step, like the roster's times.
  const counts = countByState(Object.values(rows));
  const lineAt = (at: number) => headerLine(counts, { sort, filter, socket, hosts: marks, now: at }, width);
  const now = useSteppedNow(ELAPSED_STEP_MS, (at) => JSON.stringify(lineAt(at)));
  const line = lineAt(now);
  return <Lines lines={[line]} height={1} width={width} />;
}
