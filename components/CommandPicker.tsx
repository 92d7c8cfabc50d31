import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { useMemo } from 'react';
import { useDash, useDeps } from '../hooks/dashboard-context.js';
import { highlightPick, pickedText, runChosenCommand } from '../src/dashboard/intents.js';
import { paneRule } from '../src/dashboard/pane-view.js';
import { completions, typedCommand } from '../src/dashboard/slash-commands.js';
import { selectedRow, type DashboardState } from '../src/dashboard/store.js';
import type { StyledLine } from '../src/dashboard/cells.js';
import { Line, Lines } from './Lines.js';

const TIER_GLYPH = { green: '🟢', yellow: '🟡', red: '🔴' } as const;
const TIER_SAYS = { green: 'runs at once', yellow: 'asks first', red: 'destructive: asks first, default No' } as const;
const TIER_COLOR = { green: 'green', yellow: 'yellow', red: 'red' } as const;

const typedText = (s: DashboardState): string => (s.overlay?.kind === 'picker' ? s.overlay.typed : '/');
const pickIndex = (s: DashboardState): number => (s.overlay?.kind === 'picker' ? s.overlay.pick : -1);
const listFocused = (s: DashboardState): boolean => s.overlay?.kind === 'picker' && s.overlay.focus === 'list';

interface Item {
  key: string;
  label: string;
  value: string;
}

/** The highlight mark, shown only while the list has the keys (while typing, no completion is chosen). */
const FocusedMark = ({ isSelected = false }: { isSelected?: boolean }) => <Text bold={isSelected}>{isSelected ? '❯ ' : '  '}</Text>;
const NoMark = () => <Text>{'  '}</Text>;

/** A known command with its tier's mark; cut at the pane's width (Ink's truncation: a handful of short rows). */
const CommandItem = ({ label, isSelected = false }: { label: string; isSelected?: boolean }) => (
  <Line line={[{ text: `${TIER_GLYPH[typedCommand(label).tier]} ${label}`, bold: isSelected }]} />
);

/**
 * A slash command for the selected peer, in the pane's rows: what is typed (any command, a skill, a custom
 * one) with its tier as you type, and the known commands it may complete to, as an ink-select-input list.
 * The list reads its own keys (↑↓ j k, Enter, a digit) only while it has them (↓ from the text; Esc gives
 * them back): one input owner at a time, the keymap's `picker-list` scope yielding to it. A key typed
 * before the list was shown is not handed to it: nothing is chosen from a list nobody has seen.
 */
export function CommandPicker({ height, width }: { height: number; width: number }) {
  const { store, controller } = useDeps();
  const row = useDash(selectedRow);
  const typed = useDash(typedText);
  const pick = useDash(pickIndex);
  const focused = useDash(listFocused);
  const matches = useMemo(() => completions(typed), [typed]);
  const chosen = pickedText({ kind: 'picker', typed, pick, focus: focused ? 'list' : 'text', target: null });
  const c = typedCommand(chosen);
  const input: StyledLine = [
    { text: chosen, bold: true },
    { text: '▏  ' },
    c.problem
      ? { text: c.problem, dim: true }
      : { text: `${TIER_GLYPH[c.tier]} ${c.tier}: ${TIER_SAYS[c.tier]}`, color: TIER_COLOR[c.tier] },
  ];
  const room = Math.max(0, height - 2);
  const items = useMemo(() => matches.map((m): Item => ({ key: m, label: m, value: m })), [matches]);
  return (
    <Box flexDirection="column" height={height}>
      <Lines lines={[paneRule([`slash command for ${row?.address ?? '?'}`], width), input]} height={Math.min(2, height)} width={width} />
      {room > 0 && items.length > 0 ? (
        <Box width={width}>
          <SelectInput
            items={items}
            limit={room}
            isFocused={focused}
            indicatorComponent={focused ? FocusedMark : NoMark}
            itemComponent={CommandItem}
            onHighlight={(item) => highlightPick(store, item.value)}
            onSelect={(item) => runChosenCommand(store, controller, item?.value)}
          />
        </Box>
      ) : null}
    </Box>
  );
}
