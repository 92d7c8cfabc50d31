import { useDash } from '../hooks/dashboard-context.js';
import { paneRule } from '../src/dashboard/pane-view.js';
import { wrapCells } from '../src/dashboard/cells.js';
import { selectedRow, type DashboardState } from '../src/dashboard/store.js';
import { Lines } from './Lines.js';

const composeText = (s: DashboardState): string => (s.overlay?.kind === 'compose' ? s.overlay.text : '');
const composeVerb = (s: DashboardState): string => (s.overlay?.kind === 'compose' ? s.overlay.verb : 'send');

/**
 * The message being written for send or ask, in the peer pane's rows (its keys, in the key bar,
 * are the keymap's compose scope). Shows the last lines that fit.
 */
export function Compose({ height, width }: { height: number; width: number }) {
  const row = useDash(selectedRow);
  const verb = useDash(composeVerb);
  const text = useDash(composeText);
  const rule = paneRule([`${verb} to ${row?.address ?? '?'}`], width);
  const body = (text + '▏').split('\n').flatMap((l) => wrapCells(l, Math.max(10, width - 2)).map((part) => [{ text: `  ${part}` }]));
  const room = Math.max(0, height - 1);
  return <Lines lines={[rule, ...body.slice(-room)]} height={height} width={width} />;
}
