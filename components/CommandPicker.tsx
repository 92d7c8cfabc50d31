import { useDash } from '../hooks/dashboard-context.js';
import { pickedText } from '../src/dashboard/intents.js';
import { paneRule } from '../src/dashboard/pane-view.js';
import { completions, typedCommand } from '../src/dashboard/slash-commands.js';
import { selectedRow, type DashboardState } from '../src/dashboard/store.js';
import type { StyledLine } from '../src/dashboard/cells.js';
import { Lines } from './Lines.js';

const TIER_GLYPH = { green: '🟢', yellow: '🟡', red: '🔴' } as const;
const TIER_SAYS = { green: 'runs at once', yellow: 'asks first', red: 'destructive: asks first, default No' } as const;
const TIER_COLOR = { green: 'green', yellow: 'yellow', red: 'red' } as const;

const typedText = (s: DashboardState): string => (s.overlay?.kind === 'picker' ? s.overlay.typed : '/');
const pickIndex = (s: DashboardState): number => (s.overlay?.kind === 'picker' ? s.overlay.pick : -1);

/**
 * A slash command for the selected peer, in the pane's rows: what is typed (any command, a
 * skill, a custom one) with its tier as you type, and the known commands it may complete to.
 * Its keys (the keymap's picker scope) are in the key bar; the tier policy is pickCommand's.
 */
export function CommandPicker({ height, width }: { height: number; width: number }) {
  const row = useDash(selectedRow);
  const typed = useDash(typedText);
  const pick = useDash(pickIndex);
  const matches = completions(typed);
  const chosen = pickedText({ kind: 'picker', typed, pick, target: null });
  const c = typedCommand(chosen);
  const input: StyledLine = [
    { text: chosen, bold: true },
    { text: '▏  ' },
    c.problem
      ? { text: c.problem, dim: true }
      : { text: `${TIER_GLYPH[c.tier]} ${c.tier}: ${TIER_SAYS[c.tier]}`, color: TIER_COLOR[c.tier] },
  ];
  const list = matches.map((m, i): StyledLine => [
    { text: `${i === pick ? '❯' : ' '} ${TIER_GLYPH[typedCommand(m).tier]} ${m}`, ...(i === pick ? { bold: true } : {}) },
  ]);
  const room = Math.max(0, height - 2);
  const first = Math.max(0, Math.min(pick - room + 1, matches.length - room));
  return (
    <Lines
      lines={[paneRule([`slash command for ${row?.address ?? '?'}`], width), input, ...list.slice(first, first + room)]}
      height={height}
      width={width}
    />
  );
}
