import { setTimeout as sleep } from 'node:timers/promises';
import { reportWrite, runWrite } from '../../actions/write.js';
import { observePeers } from '../../peers/observe.js';
import { findPeerByPane } from '../context.js';
import type { VerbSpec } from '../verb.js';
import { FORCE } from './write-options.js';

export const esc: VerbSpec = {
  name: 'esc',
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
    const r = await runWrite(ctx, { verb: 'esc', target: pos[0]!, payload: 'Escape', force: values.force === true }, async (view) => {
      await ctx.tmux.tmux(['send-keys', '-t', view.peer.pane.paneId, 'Escape']);
      await sleep(300);
      const now = await findPeerByPane(ctx, view.peer.pane.paneId);
      const after = now ? (await observePeers(ctx.tmux, [now], 0))[0]!.classification.state : 'gone';
      return { outcome: 'delivered', detail: `Escape pressed (was ${view.classification.state}, now ${after})`, ok: true, extra: { before: view.classification.state, after } };
    });
    return reportWrite(ctx, r, `${r.detail} in ${r.peer.pane.address}`);
  },
};
