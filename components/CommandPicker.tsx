import { Box, Text, useInput } from 'ink';
import SelectInput from 'ink-select-input';
import { useDeps } from '../hooks/dashboard-context.js';
import { slashTier } from '../src/gates/gates.js';
import { update } from '../src/dashboard/store.js';
import { TIER_GLYPH } from './theme.js';

/** The commands offered, green first; the tier comes from the same table the gates use. */
export const PICKER_COMMANDS = ['/context', '/cost', '/compact', '/loop', '/schedule', '/clear', '/resume', '/reset', '/exit'] as const;

/** Picks a slash command. Green runs at once; yellow and red open a confirmation first. */
export function CommandPicker() {
  const { store, controller } = useDeps();
  useInput((_input, key) => {
    if (key.escape) update(store, { overlay: null });
  });
  const items = PICKER_COMMANDS.map((c) => ({ label: `${TIER_GLYPH[slashTier(c)]} ${c}`, value: c, key: c }));
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>slash command <Text dimColor>(↑↓ choose · Enter pick · Esc cancel)</Text></Text>
      <SelectInput
        items={items}
        onSelect={(item) => {
          const tier = slashTier(item.value);
          if (tier === 'green') {
            update(store, { overlay: null });
            void controller.command(item.value, false);
          } else update(store, { overlay: { kind: 'confirm', command: item.value, tier } });
        }}
      />
    </Box>
  );
}
