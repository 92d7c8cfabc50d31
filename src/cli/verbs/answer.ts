import { answerModal } from '../../actions/answer-modal.js';
import { reportWrite } from '../report.js';
import { DmError } from '../../errors.js';
import type { VerbSpec } from '../verb.js';
import { FORCE } from './write-options.js';

export const answer: VerbSpec = {
  name: 'answer',
  writes: true,
  summary: 'pick an option of the modal a peer is showing (permission prompt or question)',
  usage: 'answer <target> <key> [--prompt ID] [--message TEXT] [--force] [--confirm]',
  details: [
    'key: y (the plain "Yes": not "Yes, and always allow…", not "Yes, and switch to auto mode"), n (the',
    'plain "No"), a (the one "always allow / don\'t ask again" option, where exactly one exists), or an',
    'option number as shown on screen (1, 2, 3…). Keys name meanings: Claude Code renumbers its options',
    '(2.1.332 moved No from 3 to 4; 3 now switches the session to auto mode), so prefer y and n.',
    "An option that widens the peer's permissions (always allow, auto mode, accept edits, bypass, keep",
    'allowing, … for this session) is refused without --confirm, whichever key picks it.',
    'Unnumbered prompts (2.1.332 auto mode: ❯ No / Yes) take y or n: the cursor is moved with the arrow',
    'keys and read back before Enter. The auto-mode dialog takes y (stay in auto mode: Enter) or n (Esc).',
    'A blocked peer whose screen claude-dm does not understand takes no number. Allowed only on a modal;',
    'the modal is read again just before the key is pressed. `claude-dm status` shows what each key picks.',
    '--prompt ID (the prompt_id of `status --json` or `list --json`) answers only that prompt: when another',
    'one is open, even one that looks the same, it is refused and nothing is typed. A prompt takes keys only',
    'a moment after it opens (2.1.3xx ignores earlier ones), so the key waits until the prompt has been on',
    'screen for 0.4 s. The outcome is delivered only when the prompt closed or moved on (the screen, the',
    "peer's sessions record or its transcript says so), else unconfirmed with what was pressed and what the",
    'screen shows; answer again only after looking. --json reports the option, whether it widens, the tool',
    'and its command, file or URL, the prompt_id and which signals confirmed it (confirmed_by).',
    "With claude-dm's permission hook (claude-dm hooks install) and a request pending for the prompt on",
    'screen (same peer, tool and input; status --json shows it as `request`), y, n and a go through the hook',
    'instead of keys: a decision bound to that request (channel "hook"), no key pressed, the first answer wins',
    '(a second is refused, saying who answered). a adds only the permissions Claude Code suggested for it.',
    'n --message TEXT tells Claude why (through the hook only). --prompt rq-… binds to that request.',
  ],
  options: {
    force: FORCE,
    confirm: { type: 'boolean', usage: '--confirm', description: "required for an option that widens the peer's permissions" },
    prompt: {
      type: 'string',
      usage: '--prompt ID',
      description: 'answer only the prompt with this prompt_id (pr-…, or a request rq-…, from status --json)',
    },
    message: { type: 'string', usage: '--message TEXT', description: 'with n, through the hook: what Claude is told' },
  },
  positionals: { min: 2, max: 2 },
  examples: [
    'claude-dm answer main:1.0 y',
    'claude-dm answer %3 n --json',
    'claude-dm answer main:1.0 2 --confirm',
    'claude-dm answer %3 y --prompt pr-1a2b3c4d5e6f',
    'claude-dm answer %3 n --message "use rg instead"',
  ],
  async run(ctx, pos, values) {
    const key = pos[1]!;
    if (!/^(\d+|y|n|a|yes|no|always)$/i.test(key)) throw new DmError(`key must be an option number or y, n, a; got ${JSON.stringify(key)}`);
    const promptId = values.prompt;
    if (promptId !== undefined && (typeof promptId !== 'string' || !/^(pr|rq)-[0-9a-f]{12}$/u.test(promptId)))
      throw new DmError(
        `--prompt takes a prompt_id as status --json prints it (pr- or rq- and 12 hex digits); got ${JSON.stringify(promptId)}`,
      );
    const message = values.message;
    if (message !== undefined && (typeof message !== 'string' || message.trim() === '' || /[\x00-\x08\x0b-\x1f\x7f]/u.test(message)))
      throw new DmError('--message takes one line of text for Claude (no control characters)');
    if (message !== undefined && !/^(n|no)$/iu.test(key)) throw new DmError('--message goes with n: what Claude is told on a No');
    const r = await answerModal(ctx, pos[0]!, key, {
      force: values.force === true,
      confirm: values.confirm === true,
      ...(typeof promptId === 'string' ? { promptId } : {}),
      ...(typeof message === 'string' ? { message } : {}),
      by: `claude-dm answer${ctx.callerPane ? ` from ${ctx.callerPane}` : ''}`,
    });
    return reportWrite(ctx, r, `${r.detail} in ${r.peer.pane.address}${r.gate?.forced ? ' (forced)' : ''}`);
  },
};
