#!/usr/bin/env node
// `npm run demo`: real Claude Code peers on a private tmux server, offline against the
// fake Anthropic API, driven into every state; then claude-dm list and status on them.
// Everything is removed on exit (Ctrl-C included). --keep leaves it running to try verbs.
import { join } from 'node:path';
import { runCli } from '../src/cli/run.js';
import { classifyFromCapture } from '../src/peers/observe.js';
import { discoverPeers } from '../src/peers/discover.js';
import { linuxProc } from '../src/peers/proc.js';
import { captureMany } from '../src/tmux/capture-many.js';
import { TmuxClient } from '../src/tmux/client.js';
import { processRunner } from '../src/tmux/runner.js';
import { findDemoClaudeBinary, typeInto, type ClaudePeer } from './claude-peer.js';
import { startRealPeers, type RealPeers } from './real-peers.js';
import { VERBS } from '../src/cli/verbs/index.js';

const keep = process.argv.includes('--keep');
const io = { out: (l: string) => process.stdout.write(`${l}\n`), err: (l: string) => process.stderr.write(`${l}\n`) };

function fail(message: string): never {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(1);
}

// The pinned 2.1.197 if installed, else `claude` on PATH (the demo's documented fallback; tests never fall back).
let claudeBin = '';
try {
  claudeBin = findDemoClaudeBinary();
} catch (e) {
  fail((e as Error).message);
}

let h: RealPeers | null = null;
let closing = false;
async function cleanup(code: number): Promise<never> {
  if (!closing) {
    closing = true;
    await h?.close().catch(() => undefined);
  }
  process.exit(code);
}
process.on('SIGINT', () => void cleanup(130));
process.on('SIGTERM', () => void cleanup(143));
process.on('SIGHUP', () => void cleanup(129));
// Output piped into `head`: the pipe closes, and the peers must still be cleaned up.
process.stdout.on('error', () => void cleanup(0));
process.on('exit', () => h?.killNow());

async function waitForStates(peers: RealPeers, want: Map<string, string>, timeoutMs: number): Promise<void> {
  const tmux = new TmuxClient(peers.tmux.socketPath, processRunner, peers.tmux.env);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await discoverPeers({ tmux, proc: linuxProc, home: process.env.HOME ?? '/' });
    const screens = await captureMany(
      tmux,
      found.map((p) => p.pane.paneId),
    );
    const states = new Map(found.map((p) => [p.pane.paneId, classifyFromCapture(p, screens.get(p.pane.paneId), null).state]));
    if ([...want].every(([pane, state]) => states.get(pane) === state)) return;
    if (Date.now() > deadline) {
      const lagging = [...want]
        .filter(([pane, state]) => states.get(pane) !== state)
        .map(([pane, s]) => `${pane} wants ${s}, is ${states.get(pane)}`);
      throw new Error(`peers did not reach their states in time: ${lagging.join('; ')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

try {
  io.out('Starting a private tmux server and five real Claude Code peers (offline, fake API on 127.0.0.1)…');
  h = await startRealPeers({ claudeBin });
  const peers = h;
  const start = async (name: string) => peers.start(name);
  const type = (p: ClaudePeer, text: string) => typeInto(peers.tmux.socketPath, p.paneId, text, peers.tmux.env);
  const alpha = await start('alpha');
  const beta = await start('beta');
  const gamma = await start('gamma');
  const delta = await start('delta');
  const epsilon = await start('epsilon');

  await type(alpha, 'hello, just say hi back');
  await type(beta, 'take your time slow600');
  await type(gamma, `bash: touch ${join(peers.tmux.dir, 'approved-by-claude-dm')}`);
  await type(delta, 'please askme which colour');
  await peers.keys(epsilon, 'a half-typed thought that claude-dm must never clobber');
  await waitForStates(
    peers,
    new Map([
      [alpha.paneId, 'idle'],
      [beta.paneId, 'busy'],
      [gamma.paneId, 'modal'],
      [delta.paneId, 'modal'],
      [epsilon.paneId, 'drafting'],
    ]),
    60_000,
  );
  // alpha's turn must have ended so its transcript shows the exchange.
  await new Promise((r) => setTimeout(r, 500));

  // The demo's audit log and locks stay in its own temp folder.
  const env = {
    ...peers.tmux.env,
    CLAUDE_DM_SOCKET: peers.tmux.socketPath,
    CLAUDE_DM_AUDIT_LOG: join(peers.tmux.dir, 'claude-dm.log'),
    XDG_RUNTIME_DIR: peers.tmux.dir,
  };
  const run = async (args: string[]) => {
    io.out('');
    io.out(`$ claude-dm ${args.map((a) => (/[\s'"$]/.test(a) ? `'${a.replace(/'/g, "'\\''")}'` : a)).join(' ')}`);
    await runCli(args, { verbs: VERBS, env, io });
  };
  await run(['list']);
  await run(['status', gamma.paneId]);
  await run(['peek', alpha.paneId]);
  // Steering, through the gates: a human's draft is never typed over; a prompt is answered.
  await run(['send', epsilon.paneId, 'hello from the demo']);
  await run(['answer', gamma.paneId, '1']);
  await run(['ask', alpha.paneId, 'reply: Hi! I am alpha, and I just answered through claude-dm ask.']);

  if (keep) {
    io.out('');
    io.out('The demo keeps running. In another shell:');
    io.out(`  export CLAUDE_DM_SOCKET=${peers.tmux.socketPath}`);
    io.out('  node dist/src/cli/main.js list      # or status/peek/tail/wait with an address from the list');
    io.out(`  tmux -S ${peers.tmux.socketPath} attach   # to look at the peers themselves`);
    io.out('Press Ctrl-C here to stop the demo and remove everything.');
    await new Promise(() => undefined);
  }
  await cleanup(0);
} catch (e) {
  process.stderr.write(`demo: ${(e as Error).message}\n`);
  await cleanup(1);
}
