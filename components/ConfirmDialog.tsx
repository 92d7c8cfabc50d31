import { useInput } from 'ink';
import { useState } from 'react';
import { useDash, useDeps } from '../hooks/dashboard-context.js';
import { paneRule } from '../src/dashboard/pane-view.js';
import { wrapCells } from '../src/dashboard/cells.js';
import { selectedRow, update } from '../src/dashboard/store.js';
import { Lines } from './Lines.js';

interface Props {
  command: string;
  tier: 'red' | 'yellow';
  height: number;
  width: number;
}

/**
 * Asks before a slash command runs, naming the peer and the command. Defaults to No:
 * Enter on the default does nothing harmful; y (or moving to Yes) confirms; n or Esc
 * cancels. Armed force does not skip it.
 */
export function ConfirmDialog({ command, tier, height, width }: Props) {
  const { store, controller } = useDeps();
  const row = useDash(selectedRow);
  const [yes, setYes] = useState(false);
  const cancel = () => update(store, { overlay: null, notice: { kind: 'info', text: `${command} not run` } });
  const confirm = () => {
    update(store, { overlay: null });
    void controller.command(command, true);
  };
  useInput((input, key) => {
    if (key.escape || input === 'n') cancel();
    else if (input === 'y') confirm();
    else if (key.leftArrow || key.rightArrow || key.tab) setYes((v) => !v);
    else if (key.return) (yes ? confirm : cancel)();
  });
  const red = tier === 'red';
  const color = red ? 'red' : 'yellow';
  const question = red ? `Run ${command} in ${row?.address ?? '?'}? It is destructive and cannot be undone.` : `Run ${command} in ${row?.address ?? '?'}?`;
  return (
    <Lines
      lines={[
        paneRule([red ? 'confirm (red tier)' : 'confirm'], width),
        ...wrapCells(question, width).map((t) => [{ text: t, color, bold: true }]),
        [
          { text: ' No ', inverse: !yes },
          { text: '  ' },
          { text: ' Yes ', inverse: yes, color: red ? 'red' : undefined },
          { text: '  y / n · ←→ · Enter · Esc', dim: true },
        ],
      ]}
      height={height}
      width={width}
    />
  );
}
