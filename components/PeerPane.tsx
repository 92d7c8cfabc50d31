import { useDash } from '../hooks/dashboard-context.js';
import { modalHint, wideningKeys } from '../src/dashboard/answer-keys.js';
import { modalLines } from '../src/dashboard/modal-view.js';
import { lastLines, paneRule } from '../src/dashboard/pane-view.js';
import { selectedRow } from '../src/dashboard/store.js';
import type { StyledLine } from '../src/dashboard/cells.js';
import { Lines } from './Lines.js';

interface Props {
  height: number;
  width: number;
}

/** The selected peer: its modal when it is on one, else its transcript (peek or live tail). Exactly `height` rows. */
export function PeerPane({ height, width }: Props) {
  const row = useDash(selectedRow);
  const mode = useDash((s) => s.mode);
  const blocks = useDash((s) => s.blocks);
  const blocksFor = useDash((s) => s.blocksFor);
  if (!row) return <Lines lines={[]} height={height} width={width} />;
  const body = Math.max(0, height - 1);
  const onModal = row.state === 'modal' && row.modal;
  const rule = paneRule([onModal ? 'modal' : mode, row.address, row.cwd], width);
  let lines: StyledLine[];
  if (onModal) {
    lines = modalLines(
      {
        modal: row.modal!,
        subtype: row.subtype,
        prompt: row.prompt,
        hint: modalHint(row),
        widening: wideningKeys(row),
        request: row.request,
      },
      width,
      body,
    );
  } else if (blocksFor === row.paneId && blocks.length > 0) {
    lines = lastLines(blocks, width, body).map((text) => [{ text }]);
  } else {
    lines = [[{ text: row.transcriptPath ? 'nothing said yet' : 'no transcript yet (it is created at the first prompt)', dim: true }]];
  }
  return <Lines lines={[rule, ...lines]} height={height} width={width} />;
}
