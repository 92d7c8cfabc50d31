import { useDash } from '../hooks/dashboard-context.js';
import { paneRule } from '../src/dashboard/pane-view.js';
import { truncateLine, type StyledLine } from '../src/dashboard/cells.js';
import type { DashboardState } from '../src/dashboard/store.js';
import { Lines } from './Lines.js';

const reasonText = (s: DashboardState): string => (s.overlay?.kind === 'reason' ? s.overlay.text : '');
const reasonFor = (s: DashboardState): string => (s.overlay?.kind === 'reason' ? s.overlay.address : '?');

/**
 * `n` on a prompt held by claude-dm's hook: the one line Claude will be told with the No, in the peer pane's
 * rows (its keys, in the key bar, are the keymap's reason scope). The end of a long line shows.
 */
export function ReasonBox({ height, width }: { height: number; width: number }) {
  const text = useDash(reasonText);
  const address = useDash(reasonFor);
  const room = Math.max(1, width - 4);
  const shown = text.length > room ? `…${text.slice(-(room - 1))}` : text;
  const lines: StyledLine[] = [
    paneRule([`No to ${address}, through the hook`], width),
    [{ text: 'Why (optional, for Claude): Enter sends the No, Esc answers nothing', dim: true }],
    truncateLine([{ text: `  ${shown}▏`, bold: true }], width),
  ];
  return <Lines lines={lines} height={height} width={width} />;
}
