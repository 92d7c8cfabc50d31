import { pressEscape } from '../../actions/write-verbs.js';
import { reportWrite } from '../report.js';
import type { VerbSpec } from '../verb.js';
import { FORCE } from './write-options.js';

export const esc: VerbSpec = {
  name: 'esc',
  writes: true,
  summary: 'press Escape in a peer: interrupts a busy turn or cancels a modal',
  usage: 'esc <target> [--force]',
  details: [
    'Refused only when the peer is drafting (Escape would wipe the draft) unless --force.',
    'Note: Escape before anything streamed puts the prompt back into the box (the peer then shows drafting).',
  ],
  options: { force: FORCE },
  positionals: { min: 1, max: 1 },
  examples: ['claude-dm esc main:1.0'],
  async run(ctx, pos, values) {
    const r = await pressEscape(ctx, pos[0]!, { force: values.force === true });
    return reportWrite(ctx, r, `${r.detail} in ${r.peer.pane.address}`);
  },
};
