import { useDash } from '../hooks/dashboard-context.js';
import { paneRule } from '../src/dashboard/pane-view.js';
import { wrapCells } from '../src/dashboard/cells.js';
import { selectedRow, type DashboardState, type Overlay } from '../src/dashboard/store.js';
import { Lines } from './Lines.js';

type Confirmation = Extract<Overlay, { kind: 'confirm' | 'widen' }>;

const confirmation = (s: DashboardState): Confirmation | null =>
  s.overlay?.kind === 'confirm' || s.overlay?.kind === 'widen' ? s.overlay : null;

/**
 * Asks before a yellow or red slash command runs, or before a digit picks an option that widens
 * the peer's permissions, naming the peer and what would happen. It opens on No; its keys (the
 * keymap's confirm scope) are in the key bar. Armed force does not skip it.
 */
export function ConfirmDialog({ height, width }: { height: number; width: number }) {
  const row = useDash(selectedRow);
  const overlay = useDash(confirmation);
  if (!overlay) return null;
  const { yes } = overlay;
  const { title, question, color } = wording(overlay, row?.address ?? '?');
  return (
    <Lines
      lines={[
        paneRule([title], width),
        ...wrapCells(question, width).map((t) => [{ text: t, color, bold: true }]),
        [{ text: ' No ', inverse: !yes }, { text: '  ' }, { text: ' Yes ', inverse: yes, color: color === 'red' ? 'red' : 'yellow' }],
      ]}
      height={height}
      width={width}
    />
  );
}

function wording(o: Confirmation, address: string): { title: string; question: string; color: 'red' | 'yellow' } {
  if (o.kind === 'widen')
    return {
      title: 'confirm: widens permissions',
      question: `Answer ${o.key} in ${o.address}: "${o.option}"? It widens what the peer may do without asking you.`,
      color: 'yellow',
    };
  if (o.tier === 'red')
    return {
      title: 'confirm (red tier)',
      question: `Run ${o.command} in ${address}? It is destructive and cannot be undone.`,
      color: 'red',
    };
  return { title: 'confirm', question: `Run ${o.command} in ${address}?`, color: 'yellow' };
}
