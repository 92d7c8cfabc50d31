// The CLI's process: stdout, stderr and signals wired to runCli, and the exit. No top-level await: the installed
// bin runs a bundle of this as CommonJS, which node loads ~7 ms sooner than an ES module (bench/list-bench.ts).
import { whenReaderGoes } from '../util/pipe-reader.js';
import { directOutput } from './direct-output.js';
import { runCli } from './run.js';
import type { VerbSpec } from './verb.js';

/**
 * Runs the verb argv names, one of `verbs`, with the process's I/O and signals, and exits with its code. Every bundle
 * of the CLI starts here: the full one (main.ts) and each verb's own (main-list.ts).
 */
export async function startCli(verbs: readonly VerbSpec[]): Promise<void> {
  const controller = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (controller.signal.aborted) process.exit(130);
      controller.abort();
    });
  }
  // `claude-dm tail x | head` closed the pipe: done.
  const readerGone = () => process.exit(0);
  const stdout = directOutput(
    1,
    () =>
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') readerGone();
      }),
    readerGone,
  );
  const stderr = directOutput(
    2,
    () => process.stderr,
    () => undefined,
  );

  // Lines printed in one turn of the event loop go out in one write: `list` of 100 peers
  // made 100 write calls (~4 ms); `tail` and `wait` still print each line as it comes.
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    stdout.write(text);
  };
  process.on('exit', flush);

  const code = await runCli(process.argv.slice(2), {
    verbs,
    env: process.env,
    io: {
      out: (l) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push(l);
      },
      err: (l) => {
        flush(); // keep stdout and stderr in the order they were printed
        stderr.write(`${l}\n`);
      },
      flow: {
        full: () => stdout.stream().writableNeedDrain,
        onDrain: (cb) => (stdout.stream().writableNeedDrain ? stdout.stream().once('drain', cb) : setImmediate(cb)),
        onReaderGone: (cb) => whenReaderGoes(cb),
      },
    },
    signal: controller.signal,
  });
  flush();
  process.exitCode = code;
  // The verb is done and what it printed is with the kernel (stdout and stderr are synchronous on Linux, and
  // the check keeps an asynchronous pipe elsewhere waiting): leave now. Left to drain, the event loop first
  // runs the full GC V8 schedules near the end of a big run, ~25 ms after `list` over 500 panes.
  if (stdout.queued() === 0 && stderr.queued() === 0) process.exit(code);
}
