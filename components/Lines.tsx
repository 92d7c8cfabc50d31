import { Box, Text } from 'ink';
import { memo } from 'react';
import type { StyledLine } from '../src/dashboard/cells.js';

/** One line of styled segments; never wraps (the segments are fitted before they get here). */
export const Line = memo(function Line({ line }: { line: StyledLine }) {
  if (line.length === 0 || line.every((s) => s.text === '')) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.map((s, i) => (
        <Text key={i} color={s.color} bold={s.bold} dimColor={s.dim} inverse={s.inverse} backgroundColor={s.background}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
});

/** Exactly `height` rows: what does not fit is cut, never squeezed over its neighbours. */
export function Lines({ lines, height, width }: { lines: readonly StyledLine[]; height: number; width: number }) {
  return (
    <Box flexDirection="column" height={height} width={width} flexShrink={0} overflow="hidden">
      {lines.slice(0, height).map((l, i) => (
        <Line key={i} line={l} />
      ))}
    </Box>
  );
}
