import { useDash } from '../hooks/dashboard-context.js';
import { truncateLine } from '../src/dashboard/cells.js';
import { Lines } from './Lines.js';

const COLOR = { info: 'cyan', ok: 'green', error: 'red' } as const;

/** The result of the last action: refused and why, delivered, timed out. One line. */
export function NoticeLine({ width }: { width: number }) {
  const notice = useDash((s) => s.notice);
  const pending = useDash((s) => s.pending);
  const line = pending ? [{ text: `… ${pending}`, color: 'cyan' }] : notice ? [{ text: notice.text, color: COLOR[notice.kind] }] : [];
  return <Lines lines={[truncateLine(line, width)]} height={1} width={width} />;
}
