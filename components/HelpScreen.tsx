import { Box, Text, useInput } from 'ink';
import { useDash, useDeps } from '../hooks/dashboard-context.js';
import { KEYMAP } from '../src/dashboard/keymap.js';
import { update } from '../src/dashboard/store.js';

/** Every key, generated from the keymap, with why a disabled one is off right now. Any key closes it. */
export function HelpScreen() {
  const { store } = useDeps();
  const state = useDash((s) => s);
  useInput(() => update(store, { overlay: null }));
  const width = Math.max(...KEYMAP.map((b) => b.keys.length));
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>keys</Text>
      {KEYMAP.map((b) => {
        const enabled = b.enabled(state);
        return (
          <Text key={b.id} dimColor={enabled !== true}>
            <Text bold>{b.keys.padEnd(width)}</Text>  {b.description}
            {enabled === true ? '' : `  — now off: ${enabled}`}
          </Text>
        );
      })}
      <Text dimColor>any key closes this</Text>
    </Box>
  );
}
