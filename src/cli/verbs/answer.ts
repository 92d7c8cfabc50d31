import { setTimeout as sleep } from 'node:timers/promises';
import { modalSubject, resolveAnswerKey } from '../../actions/answer.js';
import { reportWrite, runWrite } from '../../actions/write.js';
import { CliError } from '../../errors.js';
import { observePeers } from '../../peers/observe.js';
import { findPeerByPane } from '../context.js';
import type { VerbSpec } from '../verb.js';
import { FORCE } from './write-options.js';

/** How long the modal may take to close or change after the key. */
export const ANSWER_CONFIRM_MS = 3000;

export const answer: VerbSpec = {
  name: 'answer',
  summary: 'pick an option of the modal a peer is showing (permission prompt or question)',
  usage: 'answer <target> <key> [--force]',
  details: [
    'key: an option number as shown on screen (1, 2, 3…), or y (the "Yes" option), n (the "No" option),',
    'a (the "always / don\'t ask again" option). Allowed only on a modal. The modal is read again just',
    'before the key is pressed, and the answer is refused if that option is not on screen.',
    '--json reports what was answered: the tool and the command, file or URL the modal showed.',
  ],
  options: { force: FORCE },
  positionals: { min: 2, max: 2 },
  examples: ['claude-dm answer main:1.0 1', 'claude-dm answer %3 n --json'],
  async run(ctx, pos, values) {
    const key = pos[1]!;
    if (!/^(\d+|y|n|a|yes|no|always)$/i.test(key)) throw new CliError(`key must be an option number or y, n, a; got ${JSON.stringify(key)}`);
    const r = await runWrite(ctx, { verb: 'answer', target: pos[0]!, payload: key, force: values.force === true }, async (view) => {
      const modal = view.classification.modal;
      if (!modal) return { outcome: 'refused', detail: 'refused: no modal options on screen', ok: false };
      const option = resolveAnswerKey(modal, key);
      if (!option) {
        const shown = modal.options.map((o) => `${o.key}. ${o.label}`).join(', ');
        return { outcome: 'refused', detail: `refused: no option ${JSON.stringify(key)} on screen (options: ${shown})`, ok: false };
      }
      const subject = modalSubject(modal);
      await ctx.tmux.tmux(['send-keys', '-t', view.peer.pane.paneId, option.key]);
      // Confirm the modal took the key: it closes or shows something else.
      const before = JSON.stringify(modal.lines);
      const deadline = Date.now() + ANSWER_CONFIRM_MS;
      let after = 'unknown';
      while (Date.now() < deadline) {
        await sleep(80);
        const now = await findPeerByPane(ctx, view.peer.pane.paneId);
        if (!now) break;
        const c = (await observePeers(ctx.tmux, [now], 0))[0]!.classification;
        after = c.state;
        if (c.state !== 'modal' || JSON.stringify(c.modal?.lines) !== before) break;
      }
      const extra = { key: option.key, option: option.label, prompt: view.classification.prompt ?? null, subject, after };
      if (after === 'modal' && Date.now() >= deadline) {
        return { outcome: 'unconfirmed', detail: `pressed ${option.key} (${option.label}) but the modal did not change`, ok: false, extra };
      }
      return { outcome: 'delivered', detail: `answered ${option.key}. ${option.label}`, ok: true, extra };
    });
    return reportWrite(ctx, r, `${r.detail} in ${r.peer.pane.address}${r.gate?.forced ? ' (forced)' : ''}`);
  },
};
