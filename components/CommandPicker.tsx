import { Box, useInput } from 'ink';
import SelectInput from 'ink-select-input';
import { useDeps } from '../hooks/dashboard-context.js';
import { slashTier } from '../src/gates/gates.js';
import { paneRule } from '../src/dashboard/pane-view.js';
import { update } from '../src/dashboard/store.js';
import { Line } from './Lines.js';
import { TIER_GLYPH } from './theme.js';

/** The commands offered, green first; the tier comes from the same table the gates use. */
export const PICKER_COMMANDS = ['/context', '/cost', '/compact', '/loop', '/schedule', '/clear', '/resume', '/reset', '/exit'] as const;

/** Picks a slash command, in the peer pane's rows. Green runs at once; yellow and red open a confirmation first. */
export function CommandPicker({ height, width }: { height: number; width: number }) {
  const { store, controller } = useDeps();
  useInput((_input, key) => {
    if (key.escape) update(store, { overlay: null });
  });
  const items = PICKER_COMMANDS.map((c) => ({ label: `${TIER_GLYPH[slashTier(c)]} ${c}`, value: c, key: c }));
  return (
    <Box flexDirection="column" height={height} width={width} flexShrink={0} overflow="hidden">
      <Line line={paneRule(['slash command (↑↓ choose · Enter pick · Esc cancel)'], width)} />
      <SelectInput
        items={items}
        limit={Math.max(1, height - 1)}
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
