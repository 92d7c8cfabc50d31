#!/usr/bin/env node
// The claude-dm binary, every verb (the full bundle): src/cli/start.ts wires the process to runCli.
// `--self-worker SOCKET PANE COMMAND` is the detached half of `claude-dm self` (not a
// verb: the same file runs it, so the single-file bundle can start it too).
import { runSelfWorker } from '../actions/self-worker.js';
import { openSession } from '../session/session.js';
import { startCli } from './cli-process.js';
import { VERBS } from './verbs/index.js';

async function selfWorker(): Promise<void> {
  const [socket, paneId, command] = process.argv.slice(3);
  if (!socket || !paneId || !command) process.exit(2);
  const ctx = openSession({ socket }, { env: process.env });
  process.exit(await runSelfWorker(ctx, paneId, command));
}

void (process.argv[2] === '--self-worker' ? selfWorker() : startCli(VERBS));
