#!/usr/bin/env node
// The claude-dm binary: wire process I/O and signals to runCli, nothing else.
import { runCli } from './run.js';

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
