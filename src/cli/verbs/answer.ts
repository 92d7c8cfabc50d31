import { answerModal } from '../../actions/verbs.js';
import { reportWrite } from '../../actions/write.js';
import { CliError } from '../../errors.js';
import type { VerbSpec } from '../verb.js';
import { FORCE } from './write-options.js';

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
    const r = await answerModal(ctx, pos[0]!, key, { force: values.force === true });
    return reportWrite(ctx, r, `${r.detail} in ${r.peer.pane.address}${r.gate?.forced ? ' (forced)' : ''}`);
  },
};
