import { Box, Text } from 'ink';
import { memo } from 'react';
import { printable, type Segment, type StyledLine } from '../src/dashboard/cells.js';

const sameStyle = (a: Segment, b: Segment) =>
  a.color === b.color && a.bold === b.bold && a.dim === b.dim && a.inverse === b.inverse && a.background === b.background;

/** Spaces that show nothing: no inverse, no background. */
const blank = (s: Segment) => !s.inverse && !s.background;

/**
 * Neighbours with one style become one segment, and the spaces that pad a line to the width are
 * dropped (the painter erases each row it writes): Ink styles and measures every character of every
 * frame, and padding was most of a wide roster's characters.
 */
export function mergeSegments(line: StyledLine): StyledLine {
  const out: Segment[] = [];
  for (const s of line) {
    const last = out.at(-1);
    // Fitted lines are printable already (a no-op then); a segment that skipped fitting still never
    // carries a control character to the terminal.
    const text = printable(s.text);
    if (last && sameStyle(last, s)) out[out.length - 1] = { ...last, text: last.text + text };
    else if (text !== '') out.push({ ...s, text });
  }
  while (out.length > 0 && blank(out.at(-1)!)) {
    const text = out.at(-1)!.text.trimEnd();
    if (text !== '') {
      out[out.length - 1] = { ...out.at(-1)!, text };
      break;
    }
    out.pop();
  }
  return out;
}

/** One line of styled segments; never wraps (the segments are fitted before they get here). */
export const Line = memo(function Line({ line: given }: { line: StyledLine }) {
  const line = mergeSegments(given);
  if (line.length === 0) return <Text> </Text>;
  if (line.length === 1 && !line[0]!.color && !line[0]!.bold && !line[0]!.dim && !line[0]!.inverse && !line[0]!.background) {
    return <Text wrap="truncate-end">{line[0]!.text}</Text>;
  }
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

/**
 * Exactly `height` rows: what does not fit is cut, never squeezed over its neighbours. Cut here, and
 * each line fitted to the width before it comes: no `overflow="hidden"`, whose clipping had Ink
 * measure and slice every line of every frame (~40 % of a frame, bench/frame-bench.tsx).
 */
export function Lines({ lines, height, width }: { lines: readonly StyledLine[]; height: number; width: number }) {
  return (
    <Box flexDirection="column" height={height} width={width} flexShrink={0}>
      {lines.slice(0, height).map((l, i) => (
        <Line key={i} line={l} />
      ))}
    </Box>
  );
}
