import { Box, Text } from 'ink';
import { modalSubject } from '../src/actions/answer.js';
import type { PeerRow } from '../src/dashboard/rows.js';

/** What the modal asks — the tool and its exact command, file or URL — and its options. Nobody approves blind. */
export function ModalPreview({ row }: { row: PeerRow }) {
  const modal = row.modal!;
  const [header, ...body] = modalSubject(modal);
  return (
    <Box flexDirection="column">
      <Text color="red" bold>
        {row.subtype === 'question' ? '❓' : '🔐'} {header} <Text dimColor>({row.prompt ?? 'modal'})</Text>
      </Text>
      {body.map((line, i) => (
        <Text key={i}>  {line}</Text>
      ))}
      <Box flexDirection="column" marginTop={1}>
        {modal.options.map((o) => (
          <Text key={o.key}>
            <Text bold color="yellow">
              {' '}
              {o.key}
            </Text>{' '}
            {o.label}
            {o.selected ? <Text dimColor> (highlighted)</Text> : null}
          </Text>
        ))}
      </Box>
      <Text dimColor>press a number to answer{modal.options.some((o) => /^Yes\b/.test(o.label)) ? ', y for Yes' : ''}</Text>
    </Box>
  );
}
