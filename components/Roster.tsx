import { Box } from 'ink';
import { useMemo } from 'react';
import { useDash } from '../hooks/dashboard-context.js';
import { useSteppedNow } from '../hooks/use-now.js';
import { rosterColumns, rosterHeaderLine, rowTimes } from '../src/dashboard/roster-view.js';
import { Lines, Line } from './Lines.js';
import { RosterRow } from './RosterRow.js';
import { rosterMessage } from '../src/dashboard/first-run.js';
import { staleHosts } from '../src/dashboard/store.js';
import { ELAPSED_STEP_MS } from '../src/dashboard/for-components.js';

interface Props {
  height: number;
  width: number;
}

/** The peers, in a window that keeps the selection in view; or, with none, what to do. */
export function Roster({ height, width }: Props) {
  const visible = useDash((s) => s.visible);
  const rows = useDash((s) => s.rows);
  const selected = useDash((s) => s.selected);
  const error = useDash((s) => s.error);
  const filter = useDash((s) => s.filter);
  const socket = useDash((s) => s.socket);
  const hosts = useDash((s) => s.hosts);
  const stale = useMemo(() => staleHosts(hosts), [hosts]);
  const all = useMemo(() => Object.values(rows), [rows]);
  const cols = useMemo(() => rosterColumns(all, width, stale), [all, width, stale]);
  const lines = Math.max(0, height - 1);
  const at = selected ? visible.indexOf(selected) : 0;
  const start = Math.max(0, Math.min(at - Math.floor(lines / 2), visible.length - lines));
  const shown = visible.slice(start, start + lines);
  // LAST and WAIT are read at one instant for every row, moved on once per step, and only when a label
  // shown changes: one frame per step at most.
  const timesAt = (at: number) =>
    shown
      .map((id) => {
        const t = rowTimes(rows[id]!, at);
        return `${t.last} ${t.wait}`;
      })
      .join('|');
  const now = useSteppedNow(ELAPSED_STEP_MS, timesAt);
  // With other hosts, this machine's own problem (no tmux server here) is its mark in the header.
  if ((error && hosts.length === 0) || visible.length === 0) {
    const message = rosterMessage({ error, peers: all.length, filter, socket }, width);
    return <Lines lines={[rosterHeaderLine(cols, width), ...message]} height={height} width={width} />;
  }
  return (
    <Box flexDirection="column" height={height} width={width} flexShrink={0}>
      <Line line={rosterHeaderLine(cols, width)} />
      {shown.map((id) => {
        const t = rowTimes(rows[id]!, now);
        const row = rows[id]!;
        return (
          <RosterRow
            key={id}
            row={row}
            selected={id === selected}
            last={t.last}
            wait={t.wait}
            cols={cols}
            width={width}
            stale={row.host !== null && stale.has(row.host)}
          />
        );
      })}
    </Box>
  );
}
