import { Box, Text } from 'ink';
import { useCallback } from 'react';
import { formatElapsedCoarse } from '../src/util/format.js';
import { useDash } from '../hooks/dashboard-context.js';
import { useNow } from '../hooks/use-now.js';
import { COLUMNS, RosterRow } from './RosterRow.js';

interface Props {
  height: number;
  width: number;
}

/** The peers, in a window that keeps the selection in view. */
export function Roster({ height, width }: Props) {
  const visible = useDash((s) => s.visible);
  const rows = useDash((s) => s.rows);
  const selected = useDash((s) => s.selected);
  const error = useDash((s) => s.error);
  const lines = Math.max(1, height - 1);
  const at = selected ? visible.indexOf(selected) : 0;
  const start = Math.max(0, Math.min(at - Math.floor(lines / 2), visible.length - lines));
  const shown = visible.slice(start, start + lines);
  const lastOf = useCallback(
    (id: string, now: number) => (rows[id]?.lastWriteAt == null ? '-' : formatElapsedCoarse(now - rows[id]!.lastWriteAt!)),
    [rows],
  );
  const labels = useCallback((now: number) => shown.map((id) => lastOf(id, now)).join(' '), [shown.join(' '), lastOf]);
  const now = useNow(1000, labels);
  return (
    <Box flexDirection="column" height={height}>
      <Text dimColor>
        {'  '}
        {'ADDR'.padEnd(COLUMNS.addr + 1)}
        {'STATE'.padEnd(COLUMNS.state + 1)}
        {'LAST'.padEnd(COLUMNS.last + 1)}TITLE / CWD
      </Text>
      {error ? <Text color="red">{error}</Text> : null}
      {!error && visible.length === 0 ? <Text dimColor>  no Claude peers on this socket yet</Text> : null}
      {shown.map((id) => (
        <RosterRow key={id} row={rows[id]!} selected={id === selected} last={lastOf(id, now)} width={width} />
      ))}
    </Box>
  );
}
