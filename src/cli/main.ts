#!/usr/bin/env node
// The claude-dm binary: wire process I/O and signals to runCli, nothing else.
// `--self-worker SOCKET PANE COMMAND` is the detached half of `claude-dm self` (not a
// verb: the same file runs it, so the single-file bundle can start it too).
// No top-level await: the installed bin is this file bundled as CommonJS, which node
// loads ~7 ms sooner than an ES module (bench/list-bench.ts).
import { runSelfWorker } from '../actions/self-worker.js';
import { openSession } from '../session/session.js';
import { whenReaderGoes } from '../util/pipe-reader.js';
import { directOutput } from './direct-output.js';
import { runCli } from './run.js';
import { VERBS } from './verbs/index.js';

async function selfWorker(): Promise<void> {
  const [socket, paneId, command] = process.argv.slice(3);
  if (!socket || !paneId || !command) process.exit(2);
  const ctx = openSession({ socket }, { env: process.env });
  process.exit(await runSelfWorker(ctx, paneId, command));
}

async function main(): Promise<void> {
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
    verbs: VERBS,
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

void (process.argv[2] === '--self-worker' ? selfWorker() : main());
