import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { useDash, useDeps } from '../hooks/dashboard-context.js';
import { selectedRow, update } from '../src/dashboard/store.js';

interface Props {
  command: string;
  tier: 'red' | 'yellow';
}

/**
 * Asks before a slash command runs, naming the peer and the command. Defaults to No:
 * Enter on the default does nothing harmful; y (or moving to Yes) confirms; n or Esc
 * cancels. Armed force does not skip it.
 */
export function ConfirmDialog({ command, tier }: Props) {
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
  return (
    <Box flexDirection="column" borderStyle={red ? 'double' : 'round'} borderColor={red ? 'red' : 'yellow'} paddingX={1}>
      <Text bold color={red ? 'red' : 'yellow'}>
        {red ? `Run ${command} in ${row?.address ?? '?'}? It is destructive and cannot be undone.` : `Run ${command} in ${row?.address ?? '?'}?`}
      </Text>
      <Box gap={2}>
        <Text inverse={!yes}> No </Text>
        <Text inverse={yes} color={red ? 'red' : undefined}> Yes </Text>
        <Text dimColor>y / n · ←→ · Enter · Esc</Text>
      </Box>
    </Box>
  );
}
