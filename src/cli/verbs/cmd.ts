import { checkMessage } from '../../actions/message.js';
import { runSlashCommand } from '../../actions/write-verbs.js';
import { reportWrite } from '../report.js';
import { DmError } from '../../errors.js';
import { RED_COMMANDS, YELLOW_COMMANDS } from '../../gates/gates.js';
import type { VerbSpec } from '../verb.js';
import { FORCE } from './write-options.js';

export const cmd: VerbSpec = {
  name: 'cmd',
  writes: true,
  summary: 'run a slash command in an idle peer; red-tier (destructive) commands need --confirm',
  usage: 'cmd <target> /<slash> [args...] [--force] [--confirm]',
  details: [
    `Tiers: 🔴 red ${RED_COMMANDS.join(' ')} — refused without --confirm (and --force where the gate`,
    `also refuses); 🟡 yellow ${YELLOW_COMMANDS.join(' ')}; 🟢 green everything else.`,
    'Gated like send: the peer must be idle. Verified in the input box before Enter, like send.',
  ],
  options: {
    confirm: { type: 'boolean', usage: '--confirm', description: 'required for red-tier commands' },
    force: FORCE,
  },
  positionals: { min: 2, max: 64 },
  examples: ['claude-dm cmd main:1.0 /cost', 'claude-dm cmd main:1.0 /clear --confirm', 'claude-dm cmd %3 /rename release-prep'],
  async run(ctx, pos, values) {
    const command = pos.slice(1).join(' ').trim();
    if (!command.startsWith('/'))
      throw new DmError(`a slash command starts with /, got ${JSON.stringify(command)} (use send for messages)`);
    checkMessage(command, false);
    if (command.includes('\n')) throw new DmError('a slash command is one line');
    const r = await runSlashCommand(ctx, pos[0]!, command, { force: values.force === true, confirm: values.confirm === true });
    return reportWrite(ctx, r, `ran ${command} in ${r.peer.pane.address}${r.gate?.forced ? ' (forced)' : ''}`);
  },
};
