// `claude-dm hook permission-request`: the command `claude-dm hooks install` puts in Claude Code's settings.
// Claude Code runs it for every permission prompt (src/hook/permission-request.ts does the work). It prints
// nothing but the one decision Claude Code reads, and never exits 2: to a hook, 2 is a blocking answer.
import { watch as watchDir } from 'node:fs';
import { parseHookInput, finishHook, runPermissionHook, HookInputError } from '../../hook/permission-request.js';
import { openRequestsDir, requestsDir } from '../../hook/requests.js';
import { ownConfigDir, readSessionRecord } from '../../peers/discover.js';
import { parentOf } from '../../peers/process-stamp.js';
import { alive } from '../../util/alive.js';
import { nodeCrypto } from '../../util/lazy-crypto.js';
import type { VerbSpec } from '../verb.js';

/**
 * The Claude Code process that started this hook: up the parents (Claude Code runs `/bin/sh -c COMMAND`), the
 * first whose sessions record names this session.
 */
export function findClaude(configDir: string, sessionId: string, from = process.ppid): number | null {
  let pid: number | null = from;
  for (let i = 0; i < 4 && pid !== null; i++, pid = parentOf(pid)) {
    if (readSessionRecord(configDir, pid)?.sessionId === sessionId) return pid;
  }
  return null;
}

export const hook: VerbSpec = {
  name: 'hook',
  viaRefused: 'hook is run by Claude Code on the machine of its prompt',
  summary: "run by Claude Code's PermissionRequest hook (installed by `claude-dm hooks install`), not by hand",
  usage: 'hook permission-request',
  details: [
    'Reads the request Claude Code writes on standard input, registers it where `claude-dm answer` and the',
    'dashboard find it, and waits: for an answer given through claude-dm, which it hands to Claude Code as its',
    'decision, or for the prompt to end another way (answered on screen, Esc, the session gone), when it exits',
    "deciding nothing and the dialog stays the person's. It never decides by itself. Exits 0, or 1 with one line",
    'on standard error when it cannot run (never 2, which Claude Code would read as a refusal).',
  ],
  options: {},
  positionals: { min: 1, max: 1 },
  examples: ['claude-dm hook permission-request   # in settings.json, through claude-dm hooks install'],
  async run(ctx, pos) {
    const fail = (why: string) => (ctx.io.err(`claude-dm hook: ${why}`), 1);
    if (pos[0] !== 'permission-request') return fail(`unknown hook ${JSON.stringify(pos[0])}: the one there is is permission-request`);
    let input;
    try {
      input = parseHookInput(ctx.readStdin());
    } catch (e) {
      if (e instanceof HookInputError) return fail(e.message);
      throw e;
    }
    let dir: string;
    try {
      dir = openRequestsDir(requestsDir(ctx.env, process.getuid?.() ?? 0));
    } catch (e) {
      return fail((e as Error).message);
    }
    const configDir = ownConfigDir(ctx.env, ctx.home);
    // 2.1.3xx names itself in CLAUDE_PID; 2.1.197 does not: then up the parents.
    const named = Number(ctx.env.CLAUDE_PID);
    const claudePid =
      Number.isInteger(named) && readSessionRecord(configDir, named)?.sessionId === input.session_id
        ? named
        : findClaude(configDir, input.session_id);
    // Esc on the prompt: Claude Code sends the hook SIGTERM (and SIGKILL ~3 s later). The request is over.
    const cancelled = new AbortController();
    process.once('SIGTERM', () => cancelled.abort());
    const run = await runPermissionHook(input, {
      dir,
      clock: ctx.clock,
      random: () => nodeCrypto().randomBytes(6).toString('hex'),
      claudePid,
      claudeAlive: () => claudePid === null || alive(claudePid),
      record: () => (claudePid === null ? null : readSessionRecord(configDir, claudePid)),
      watch: (onChange) => {
        const w = watchDir(dir, () => onChange());
        w.on('error', () => undefined);
        cancelled.signal.addEventListener('abort', onChange);
        return () => w.close();
      },
      cancelled: () => cancelled.signal.aborted,
    });
    // The decision is out before the request is marked closed: an answer that sees it closed knows it was handed over.
    if (run.output !== null) ctx.io.out(run.output);
    finishHook(dir, run);
    return 0;
  },
};
