import { spawnPeer, transcriptPathOf } from '../../actions/spawn.js';
import { sendMessage } from '../../actions/write-verbs.js';
import { checkMessage } from '../../actions/message.js';
import { DmError, EXIT } from '../../errors.js';
import type { VerbSpec } from '../verb.js';

export const spawn: VerbSpec = {
  name: 'spawn',
  summary: 'start a new Claude Code peer in a new tmux window (or a split), wait until ready, optionally send a prompt',
  usage: 'spawn [--name NAME] [--cwd DIR] [--window | --split] [--claude-bin PATH] [-- PROMPT]',
  details: [
    'Starts claude (from PATH, or --claude-bin) in a new window of your session (--window, the default) or a split',
    'of your pane (--split), with your credentials and settings (ANTHROPIC_*, CLAUDE_CONFIG_DIR, HOME, PATH…).',
    'Waits until it is idle, or fails naming the first-run screen it stopped on (folder trust, the API key',
    'question, the connectivity check of a first run offline, theme, login, "Not logged in").',
    "A PROMPT after -- is then sent through the send gate. Prints the new peer's address.",
  ],
  options: {
    name: { type: 'string', usage: '--name NAME', description: 'name of the new window' },
    cwd: { type: 'string', usage: '--cwd DIR', description: 'working folder of the new peer (default: here)' },
    window: { type: 'boolean', usage: '--window', description: 'a new window (default)' },
    split: { type: 'boolean', usage: '--split', description: 'split your own pane instead' },
    'claude-bin': { type: 'string', usage: '--claude-bin PATH', description: 'the Claude Code binary to run' },
  },
  positionals: { min: 0, max: 1000 },
  examples: ['claude-dm spawn --name reviewer --cwd ~/src/app -- "Review the diff on this branch"'],
  async run(ctx, pos, values) {
    if (values.window && values.split) throw new DmError('--window and --split exclude each other');
    const prompt = pos.join(' ').trim();
    if (prompt) checkMessage(prompt, false);
    const spawned = await spawnPeer(ctx, {
      ...(typeof values.name === 'string' ? { name: values.name } : {}),
      ...(typeof values.cwd === 'string' ? { cwd: values.cwd } : {}),
      ...(typeof values['claude-bin'] === 'string' ? { claudeBin: values['claude-bin'] } : {}),
      split: values.split === true,
    });
    let sent: { outcome: string; detail: string } | null = null;
    if (prompt) {
      const r = await sendMessage(ctx, spawned.paneId, prompt);
      sent = { outcome: r.outcome, detail: r.detail };
      if (!r.ok) ctx.io.err(`claude-dm: ${spawned.address}: the prompt was ${r.detail}`);
    }
    const transcript = prompt ? await transcriptPathOf(ctx, spawned.paneId) : null;
    if (ctx.json) {
      ctx.io.out(JSON.stringify({ address: spawned.address, pane_id: spawned.paneId, pid: spawned.pid, transcript, prompt: sent }));
    } else ctx.io.out(spawned.address);
    return sent && sent.outcome !== 'delivered' ? EXIT.failure : EXIT.ok;
  },
};
