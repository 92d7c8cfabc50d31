import { Box, Text } from 'ink';
import { useDash } from '../hooks/dashboard-context.js';
import { countByState, TRIAGE_ORDER } from '../src/dashboard/sort.js';
import { STATE_TOKENS } from '../src/classify/state-token.js';
import { STATE_COLOR } from './theme.js';

/** Title, a count per state, the socket, and the sort in use. */
export function Header() {
  const rows = useDash((s) => s.rows);
  const socket = useDash((s) => s.socket);
  const sort = useDash((s) => s.sort);
  const filter = useDash((s) => s.filter);
  const counts = countByState(Object.values(rows));
  return (
    <Box justifyContent="space-between">
      <Box gap={2}>
        <Text bold>claude-dm</Text>
        {TRIAGE_ORDER.map((state) => (
          <Text key={state} color={STATE_COLOR[state]}>
            {STATE_TOKENS[state].glyph} {counts[state]} {state}
          </Text>
        ))}
      </Box>
      <Text dimColor>
        sort: {sort}
        {filter ? `  filter: ${filter}` : ''}  {socket}
      </Text>
    </Box>
  );
}
