import { Box, Text } from 'ink';
import { useDash } from '../hooks/dashboard-context.js';
import { KEYMAP } from '../src/dashboard/keymap.js';

/** The keys that work right now, from the keymap; force is shown loudly while armed. */
export function HelpBar() {
  const state = useDash((s) => s);
  const force = state.force;
  const seen = new Set<string>();
  const items = KEYMAP.filter((b) => {
    if (b.contextual && b.enabled(state) !== true) return false;
    if (seen.has(b.label)) return false; // ↑ and ↓ share "move"
    seen.add(b.label);
    return b.enabled(state) === true || !b.contextual;
  });
  return (
    <Box gap={1} flexWrap="wrap">
      {force ? (
        <Text backgroundColor="red" color="white" bold>
          {' FORCE ARMED (next action) '}
        </Text>
      ) : null}
      {items.map((b) => (
        <Text key={b.id} dimColor={b.enabled(state) !== true}>
          <Text bold>{b.id === 'down' ? '↑↓/jk' : b.keys}</Text> {b.label}
        </Text>
      ))}
    </Box>
  );
}
