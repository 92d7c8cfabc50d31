#!/usr/bin/env node
// The claude-dm binary: wire process I/O and signals to runCli, nothing else.
// `--self-worker SOCKET PANE COMMAND` is the detached half of `claude-dm self` (not a
// verb: the same file runs it, so the single-file bundle can start it too).
import { runSelfWorker } from '../actions/self-worker.js';
import { makeContext } from './context.js';
import { runCli } from './run.js';

if (process.argv[2] === '--self-worker') {
  const [socket, paneId, command] = process.argv.slice(3);
  if (!socket || !paneId || !command) process.exit(2);
  const ctx = makeContext({ socket }, { env: process.env, io: { out: () => undefined, err: () => undefined } });
  process.exit(await runSelfWorker(ctx, paneId, command));
}

const controller = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  });
}
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0); // `claude-dm tail x | head` closed the pipe
});

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  io: { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) },
  signal: controller.signal,
});
process.exitCode = code;
