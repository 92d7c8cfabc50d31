#!/usr/bin/env node
// Entry of the detached worker started by `claude-dm self`: argv is socket, pane, command.
import { runSelfWorker } from '../actions/self-worker.js';
import { makeContext } from './context.js';

const [socket, paneId, command] = process.argv.slice(2);
if (!socket || !paneId || !command) process.exit(2);
const ctx = makeContext({ socket }, { env: process.env, io: { out: () => undefined, err: () => undefined } });
process.exitCode = await runSelfWorker(ctx, paneId, command);
