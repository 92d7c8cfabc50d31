// Runs the CLI in-process against a private tmux, capturing what it prints.
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { processRunner, type Runner } from '../../src/tmux/runner.js';
import type { PrivateTmux } from './private-tmux.js';
import { VERBS } from '../../src/cli/verbs/index.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  lines: string[];
}

export async function cli(
  tmux: PrivateTmux,
  args: string[],
  opts: { signal?: AbortSignal; env?: NodeJS.ProcessEnv; onLine?: (l: string) => void; stdin?: () => string; runner?: Runner } = {},
): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    verbs: VERBS,
    // The audit log and the locks live with the test's tmux, not in the user's HOME or
    // runtime folder: a test must not depend on (or write to) who runs it.
    env: {
      ...tmux.env,
      CLAUDE_DM_SOCKET: tmux.socketPath,
      CLAUDE_DM_AUDIT_LOG: join(tmux.dir, 'audit.log'),
      XDG_RUNTIME_DIR: tmux.dir,
      ...opts.env,
    },
    io: {
      out: (l) => {
        out.push(l);
        opts.onLine?.(l);
      },
      err: (l) => err.push(l),
    },
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.stdin ? { stdin: opts.stdin } : {}),
    ...(opts.runner ? { runner: opts.runner } : {}),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n'), lines: out };
}

/** Polls until check() returns truthy; fails with the last value's description. */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 10_000,
  what: string | (() => string) = 'condition',
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await check();
    if (v) return v;
    // `what` as a function: what was seen meanwhile, told only when the wait failed.
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The CLI in-process with no tmux behind it: for help, usage errors and saved screens. */
export async function cliWithoutTmux(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    verbs: VERBS,
    env: { CLAUDE_DM_SOCKET: '/nonexistent/sock' },
    io: { out: (l) => out.push(l), err: (l) => err.push(l) },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Waits until every pane shows its text (a window's command has printed), within `timeoutMs`. */
export async function panesShow(
  tmux: { tmux(...args: string[]): Promise<string> },
  panes: ReadonlyArray<readonly [paneId: string, text: string]>,
  timeoutMs = 10_000,
): Promise<void> {
  for (const [paneId, text] of panes)
    await eventually(
      async () => (await tmux.tmux('capture-pane', '-p', '-t', paneId)).includes(text),
      timeoutMs,
      `${paneId} to show ${text}`,
    );
}

/**
 * Starts a verb that waits (wait, send --when-idle) and returns once it is in its wait loop: it has looked at
 * the pane twice, counted by the runner it is given. A test changes the world under it then, instead of
 * sleeping. `done` is in an object: a promise returned as is would be awaited here.
 */
export async function cliWaiting(
  tmux: PrivateTmux,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv } = {},
): Promise<{ done: Promise<CliResult> }> {
  let looks = 0;
  const runner: Runner = {
    run(file, argv, o) {
      if (argv.some((a) => a.includes('capture-pane'))) looks++;
      return processRunner.run(file, argv, o);
    },
  };
  const done = cli(tmux, args, { ...opts, runner });
  await eventually(() => looks >= 2, 15_000, `${args[0]} to be waiting`);
  return { done };
}
