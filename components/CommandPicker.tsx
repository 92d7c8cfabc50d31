import { useInput } from 'ink';
import { useState } from 'react';
import { useDash, useDeps } from '../hooks/dashboard-context.js';
import { paneRule } from '../src/dashboard/pane-view.js';
import { completions, typedCommand } from '../src/dashboard/slash-commands.js';
import { selectedRow, update } from '../src/dashboard/store.js';
import type { StyledLine } from '../src/dashboard/cells.js';
import { Lines } from './Lines.js';
import { TIER_GLYPH } from './theme.js';

const TIER_SAYS = { green: 'runs at once', yellow: 'asks first', red: 'destructive: asks first, default No' } as const;
const TIER_COLOR = { green: 'green', yellow: 'yellow', red: 'red' } as const;

/**
 * A slash command for the selected peer, in the pane's rows: type any command (a skill, a
 * custom one) with completion from the known ones, its tier shown as you type. Green runs at
 * once; yellow and red open the confirmation first. Tab completes, ↑↓ pick a completion,
 * Enter runs, Esc cancels.
 */
export function CommandPicker({ height, width }: { height: number; width: number }) {
  const { store, controller } = useDeps();
  const row = useDash(selectedRow);
  const [typed, setTyped] = useState('/');
  const [pick, setPick] = useState(-1);
  const matches = completions(typed);
  const chosen = pick >= 0 && matches[pick] ? matches[pick]! : typed;
  const run = (text: string) => {
    const c = typedCommand(text);
    if (c.problem) {
      update(store, { notice: { kind: 'error', text: `command: ${c.problem}` } });
      return;
    }
    if (c.tier === 'green') {
      update(store, { overlay: null });
      void controller.command(c.command, false);
    } else update(store, { overlay: { kind: 'confirm', command: c.command, tier: c.tier } });
  };
  useInput((input, key) => {
    if (key.escape) update(store, { overlay: null, notice: { kind: 'info', text: 'command cancelled' } });
    else if (key.return) run(chosen);
    else if (key.tab) {
      const to = matches[Math.max(0, pick)];
      if (to) setTyped(`${to} `);
      setPick(-1);
    } else if (key.downArrow) setPick((p) => Math.min(matches.length - 1, p + 1));
    else if (key.upArrow) setPick((p) => Math.max(-1, p - 1));
    else if (key.backspace || key.delete) {
      setTyped((t) => (t.length > 1 ? t.slice(0, -1) : t));
      setPick(-1);
    } else if (input && !key.ctrl && !key.meta) {
      setTyped((t) => (t === '/' && input.startsWith('/') ? input : t + input).replace(/[\r\n]/g, ''));
      setPick(-1);
    }
  });
  const c = typedCommand(chosen);
  const input: StyledLine = [
    { text: chosen, bold: true },
    { text: '▏  ' },
    c.problem ? { text: c.problem, dim: true } : { text: `${TIER_GLYPH[c.tier]} ${c.tier}: ${TIER_SAYS[c.tier]}`, color: TIER_COLOR[c.tier] },
  ];
  const list = matches.map((m, i): StyledLine => [{ text: `${i === pick ? '❯' : ' '} ${TIER_GLYPH[completionsTier(m)]} ${m}`, ...(i === pick ? { bold: true } : {}) }]);
  const room = Math.max(0, height - 3);
  const first = Math.max(0, Math.min(pick - room + 1, matches.length - room));
  return (
    <Lines
      lines={[
        paneRule([`slash command for ${row?.address ?? '?'}`], width),
        input,
        [{ text: 'type any command · Tab complete · ↑↓ choose · Enter run · Esc cancel', dim: true }],
        ...list.slice(first, first + room),
      ]}
      height={height}
      width={width}
    />
  );
}

const completionsTier = (command: string) => typedCommand(command).tier;
