// The dashboard's demo: real Claude Code peers (offline, fake API) that keep cycling
// through work, permission prompts and questions, so there is always something to triage.
// Prompts are typed through claude-dm's own gated send, so a peer a person is answering
// or typing into is left alone.
import { join } from 'node:path';
import { openSession } from '../src/session/session.js';
import { sendMessage } from '../src/actions/write-verbs.js';
import { discoverPeers } from '../src/peers/discover.js';
import { observePeers } from '../src/peers/observe.js';
import { findDemoClaudeBinary, type ClaudePeer } from './claude-peer.js';
import { startRealPeers, type RealPeers } from './real-peers.js';

export interface TuiDemo {
  socketPath: string;
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
  killNow(): void;
}

/** Each peer's prompts, used in turn whenever it is idle again. */
function scripts(dir: string): Record<string, (n: number) => string> {
  return {
    builder: (n) => `build step ${n}: take your time slow${6 + (n % 3) * 3}`,
    tester: (n) => `bash: touch ${join(dir, `tests-passed-${n}`)}`,
    designer: () => 'please askme which colour the button should be',
    writer: (n) => `stream${15 + (n % 2) * 10} words about step ${n}`,
  };
}

export async function startTuiDemo(log: (line: string) => void = () => undefined): Promise<TuiDemo> {
  log('starting four real Claude Code peers (offline, fake API on 127.0.0.1)…');
  // The pinned 2.1.197, else `claude` on PATH (the demo's documented fallback; tests never fall back).
  const h: RealPeers = await startRealPeers({ claudeBin: findDemoClaudeBinary() });
  const plan = scripts(h.tmux.dir);
  const peers: ClaudePeer[] = [];
  for (const name of Object.keys(plan)) peers.push(await h.start(name));
  const env = {
    ...h.tmux.env,
    CLAUDE_DM_SOCKET: h.tmux.socketPath,
    CLAUDE_DM_AUDIT_LOG: join(h.tmux.dir, 'claude-dm.log'),
    XDG_RUNTIME_DIR: h.tmux.dir,
  };
  const ctx = openSession({ socket: h.tmux.socketPath }, { env });
  const round = new Map<string, number>();
  const idleSince = new Map<string, number>();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  // Every couple of seconds: a peer idle for a while gets its next prompt.
  const drive = async () => {
    const found = await discoverPeers({ tmux: ctx.tmux, proc: ctx.proc, home: ctx.home }).catch(() => []);
    const views = await observePeers(ctx.tmux, found, 0).catch(() => []);
    for (const v of views) {
      const peer = peers.find((p) => p.paneId === v.peer.pane.paneId);
      if (!peer || v.classification.state !== 'idle') {
        if (peer) idleSince.delete(peer.paneId);
        continue;
      }
      const since = idleSince.get(peer.paneId) ?? Date.now();
      idleSince.set(peer.paneId, since);
      if (Date.now() - since < 3000 && round.has(peer.name)) continue;
      const n = (round.get(peer.name) ?? 0) + 1;
      round.set(peer.name, n);
      idleSince.delete(peer.paneId);
      await sendMessage(ctx, peer.paneId, plan[peer.name]!(n)).catch(() => undefined);
    }
    if (!stopped) timer = setTimeout(() => void drive(), 2000);
  };
  void drive();

  return {
    socketPath: h.tmux.socketPath,
    env,
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await h.close();
    },
    killNow() {
      stopped = true;
      h.killNow();
    },
  };
}
