import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkMessage } from '../../actions/message.js';
import { enqueueSelf, queuedSelf, selfQueueDir } from '../../actions/self-queue.js';
import { runWrite } from '../../actions/write.js';
import { reportWrite } from '../report.js';
import { DmError } from '../../errors.js';
import { SELF_ALLOWED } from '../../gates/gates.js';
import type { VerbSpec } from '../verb.js';

/**
 * The file that starts the worker (`main --self-worker …`): the bundle itself when this
 * code is bundled; else the compiled main.js (also when running from source, under vitest).
 */
function workerEntry(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.mjs') || !here.includes(`${sep}cli${sep}verbs${sep}`)) return here;
  const main = join(dirname(here), '..', 'main.js');
  return existsSync(main) ? main : main.replace(`${sep}src${sep}cli${sep}`, `${sep}dist${sep}src${sep}cli${sep}`);
}

export const self: VerbSpec = {
  name: 'self',
  viaRefused: 'self acts on your own pane, which is here',
  writes: true,
  summary: `queue a user-only slash command on your own pane (${SELF_ALLOWED.join(' ')})`,
  usage: 'self /<slash> [args...]',
  details: [
    `Allowlist (hard, no override): ${SELF_ALLOWED.join(', ')}, each with optional arguments (/context all, /rename my-session).`,
    'Runs inside tmux only ($TMUX_PANE is your pane). Refused at once if your input box holds a draft or a modal.',
    'Returns immediately; a background process waits for your current turn to end, checks again, types the',
    'command, then types "<notification>claude-dm self /<slash> dispatched; output above</notification>" as',
    'the next user turn. It gives up silently if a draft or a modal appeared meanwhile (the audit log says so).',
    'Several self commands run one at a time, in turn, each followed by its own notification; the same',
    'command again is refused (exit 1) until the first has typed its notification.',
  ],
  options: {},
  positionals: { min: 1, max: 32 },
  examples: ['claude-dm self /compact', 'claude-dm self /rename release-prep'],
  async run(ctx, pos) {
    const command = pos.join(' ').trim();
    if (!command.startsWith('/')) throw new DmError(`a slash command starts with /, got ${JSON.stringify(command)}`);
    checkMessage(command, false);
    if (!ctx.callerPane) {
      throw new DmError("self acts on your own pane: run it inside tmux on the peers' socket ($TMUX and $TMUX_PANE are not set for it)");
    }
    const r = await runWrite(ctx, { verb: 'self', target: ctx.callerPane, payload: command, command }, async () => {
      // Checked and queued under the pane's write lock: two `self` calls cannot both pass.
      const queue = selfQueueDir(ctx.env, ctx.socket.path, ctx.callerPane!);
      const same = queuedSelf(queue).find((job) => job.command === command);
      if (same) {
        return {
          outcome: 'refused',
          detail: `refused: ${command} is already queued on this pane (worker pid ${same.pid}); it runs when this turn ends`,
          ok: false,
        };
      }
      const child = spawn(process.execPath, [workerEntry(), '--self-worker', ctx.socket.path, ctx.callerPane!, command], {
        detached: true,
        stdio: 'ignore',
        env: ctx.env,
      });
      child.unref();
      if (child.pid !== undefined) enqueueSelf(queue, child.pid, command);
      return {
        outcome: 'queued',
        detail: `queued ${command}; it runs when this turn ends`,
        ok: true,
        extra: { worker_pid: child.pid ?? null },
      };
    });
    return reportWrite(ctx, r, r.detail);
  },
};
