import { Text } from 'ink';
import { useDash } from '../hooks/dashboard-context.js';

const COLOR = { info: 'cyan', ok: 'green', error: 'red' } as const;

/** The result of the last action: refused and why, delivered, timed out. */
export function NoticeLine() {
  const notice = useDash((s) => s.notice);
  const pending = useDash((s) => s.pending);
  if (pending) return <Text color="cyan">… {pending}</Text>;
  if (!notice) return <Text> </Text>;
  return (
    <Text color={COLOR[notice.kind]} wrap="truncate">
      {notice.text}
    </Text>
  );
}
