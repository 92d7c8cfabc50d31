import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { useDash, useDeps } from '../hooks/dashboard-context.js';
import { selectedRow, update } from '../src/dashboard/store.js';

/**
 * A small multi-line editor for send and ask: Enter sends, Alt-Enter or Ctrl-J starts a
 * new line, Backspace deletes, Esc cancels. Pasted text (several characters at once) is
 * taken whole.
 */
export function Compose({ verb }: { verb: 'send' | 'ask' }) {
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
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1}>
      <Text bold>
        {verb} to {row?.address ?? '?'} <Text dimColor>(Enter sends · Alt-Enter new line · Esc cancels)</Text>
      </Text>
      {(text + '▏').split('\n').map((line, i) => (
        <Text key={i}>{line === '' ? ' ' : line}</Text>
      ))}
    </Box>
  );
}
