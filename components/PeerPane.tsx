import { Box, Text } from 'ink';
import { useDash } from '../hooks/dashboard-context.js';
import { selectedRow } from '../src/dashboard/store.js';
import { ModalPreview } from './ModalPreview.js';

interface Props {
  height: number;
  width: number;
}

/** Split blocks into display lines and keep the last ones that fit: a fixed-height tail. */
export function lastLines(blocks: { role: string; text: string; dm?: unknown }[], width: number, count: number): string[] {
  const lines: string[] = [];
  for (const b of blocks) {
    // A DM through the peer inbox is marked: the peer's human did not type it.
    const mark = b.dm ? '✉ DM ' : b.role === 'user' ? '❯ ' : '● ';
    b.text.split('\n').forEach((line, i) => {
      const prefixed = (i === 0 ? mark : '  ') + line;
      for (let at = 0; at < Math.max(1, prefixed.length); at += Math.max(10, width)) lines.push(prefixed.slice(at, at + Math.max(10, width)));
    });
  }
  return lines.slice(-count);
}

/** The selected peer: its modal when it is on one, else its transcript (peek or live tail). */
export function PeerPane({ height, width }: Props) {
  const row = useDash(selectedRow);
  const mode = useDash((s) => s.mode);
  const blocks = useDash((s) => s.blocks);
  const blocksFor = useDash((s) => s.blocksFor);
  if (!row) return <Box height={height} />;
  const body = height - 3;
  return (
    <Box flexDirection="column" height={height} borderStyle="single" borderColor="gray" paddingX={1}>
      <Text dimColor>
        {row.state === 'modal' ? 'modal' : mode} · {row.address} · {row.cwd}
      </Text>
      {row.state === 'modal' && row.modal ? (
        <ModalPreview row={row} />
      ) : blocksFor === row.paneId && blocks.length > 0 ? (
        lastLines(blocks, width - 4, body).map((line, i) => (
          <Text key={i} wrap="truncate">
            {line}
          </Text>
        ))
      ) : (
        <Text dimColor>{row.transcriptPath ? 'nothing said yet' : 'no transcript yet (it is created at the first prompt)'}</Text>
      )}
    </Box>
  );
}
