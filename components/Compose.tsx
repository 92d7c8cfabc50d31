import { useInput } from 'ink';
import { useState } from 'react';
import { useDash, useDeps } from '../hooks/dashboard-context.js';
import { paneRule } from '../src/dashboard/pane-view.js';
import { wrapCells } from '../src/dashboard/cells.js';
import { selectedRow, update } from '../src/dashboard/store.js';
import { Lines } from './Lines.js';

/**
 * A small multi-line editor for send and ask, in the peer pane's rows: Enter sends, Alt-Enter
 * or Ctrl-J starts a new line, Backspace deletes, Esc cancels. Pasted text (several
 * characters at once) is taken whole. Shows the last lines that fit.
 */
export function Compose({ verb, height, width }: { verb: 'send' | 'ask'; height: number; width: number }) {
  const { store, controller } = useDeps();
  const row = useDash(selectedRow);
  const [text, setText] = useState('');
  useInput((input, key) => {
    if (key.escape) {
      update(store, { overlay: null, notice: { kind: 'info', text: `${verb} cancelled` } });
      return;
    }
    if ((key.return && key.meta) || input === '\n') {
      setText((t) => `${t}\n`);
      return;
    }
    if (key.return) {
      if (text.trim() === '') return;
      update(store, { overlay: null });
      void (verb === 'send' ? controller.send(text) : controller.ask(text));
      return;
    }
    if (key.backspace || key.delete) {
      setText((t) => t.slice(0, -1));
      return;
    }
    if (key.ctrl || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return;
    if (input) setText((t) => t + input.replace(/\r\n?/g, '\n'));
  });
  const rule = paneRule([`${verb} to ${row?.address ?? '?'}`], width);
  const hint = [{ text: 'Enter sends · Alt-Enter new line · Esc cancels', dim: true }];
  const body = (text + '▏').split('\n').flatMap((l) => wrapCells(l, Math.max(10, width - 2)).map((part) => [{ text: `  ${part}` }]));
  const room = Math.max(0, height - 2);
  return <Lines lines={[rule, hint, ...body.slice(-room)]} height={height} width={width} />;
}
