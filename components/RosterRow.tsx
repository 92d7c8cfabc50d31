import { Box, Text } from 'ink';
import { memo } from 'react';
import { bareTitle } from '../src/util/format.js';
import type { PeerRow } from '../src/dashboard/rows.js';
import { STATE_COLOR, stateToken } from './theme.js';

export const COLUMNS = { addr: 14, state: 22, last: 6 } as const;

interface Props {
  row: PeerRow;
  selected: boolean;
  /** The LAST column's text: a row re-renders when it changes, not on every clock tick. */
  last: string;
  width: number;
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text.padEnd(width);
}

/** One peer: a memoised row, so a change in one peer re-renders one row. */
export const RosterRow = memo(function RosterRow({ row, selected, last, width }: Props) {
  const rest = Math.max(10, width - COLUMNS.addr - COLUMNS.state - COLUMNS.last - 8);
  const titleWidth = Math.ceil(rest * 0.55);
  return (
    <Box>
      <Text inverse={selected}>
        {selected ? '▶ ' : '  '}
        {fit(`${row.address}${row.self ? '*' : ''}`, COLUMNS.addr)}{' '}
      </Text>
      <Box width={COLUMNS.state + 1}>
        <Text color={STATE_COLOR[row.state]} bold={row.state === 'modal'}>
          {stateToken(row.state, row.subtype)}
        </Text>
      </Box>
      <Text dimColor>{fit(last, COLUMNS.last)} </Text>
      <Text>{fit(`${row.inbound ? `[${row.inbound === 'hold' ? 'holds DMs' : 'refuses DMs'}] ` : ''}${bareTitle(row.title)}`, titleWidth)} </Text>
      <Text dimColor>{fit(row.cwd, rest - titleWidth)}</Text>
    </Box>
  );
});
