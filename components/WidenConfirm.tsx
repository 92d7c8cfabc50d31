import { useInput } from 'ink';
import { useState } from 'react';
import { useDeps } from '../hooks/dashboard-context.js';
import { wrapCells } from '../src/dashboard/cells.js';
import { paneRule } from '../src/dashboard/pane-view.js';
import { update } from '../src/dashboard/store.js';
import { Lines } from './Lines.js';

interface Props {
  answerKey: string;
  option: string;
  address: string;
  height: number;
  width: number;
}

/**
 * Asks before a digit picks an option that widens the peer's permissions (always allow,
 * switch to auto mode, accept edits…), naming the option. Defaults to No: Enter on the
 * default, n and Esc leave the prompt unanswered; y (or moving to Yes, then Enter) answers.
 */
export function WidenConfirm({ answerKey, option, address, height, width }: Props) {
  const { store, controller } = useDeps();
  const [yes, setYes] = useState(false);
  const cancel = () => update(store, { overlay: null, notice: { kind: 'info', text: `${address}: not answered (${answerKey} would widen its permissions)` } });
  const confirm = () => {
    update(store, { overlay: null });
    void controller.answer(answerKey, true);
  };
  useInput((input, key) => {
    if (key.escape || input === 'n') cancel();
    else if (input === 'y') confirm();
    else if (key.leftArrow || key.rightArrow || key.tab) setYes((v) => !v);
    else if (key.return) (yes ? confirm : cancel)();
  });
  const question = `Answer ${answerKey} in ${address}: "${option}"? It widens what the peer may do without asking you.`;
  return (
    <Lines
      lines={[
        paneRule(['confirm: widens permissions'], width),
        ...wrapCells(question, width).map((t) => [{ text: t, color: 'yellow', bold: true }]),
        [
          { text: ' No ', inverse: !yes },
          { text: '  ' },
          { text: ' Yes ', inverse: yes, color: 'yellow' },
          { text: '  y / n · ←→ · Enter · Esc', dim: true },
        ],
      ]}
      height={height}
      width={width}
    />
  );
}
