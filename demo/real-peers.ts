// Real peers for the demo and the end-to-end tests: a private tmux server, the fake Anthropic API and real Claude Code
// peers. close() kills the panes, waits for each peer's own PID to exit (Claude Code
// writes files for a moment after SIGHUP) and removes every temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnClaudePeer, waitForPeerReady, waitForScreen, type ClaudePeer, type PermissionMode } from './claude-peer.js';
import { startFakeAnthropicApi, type FakeAnthropicApi } from './fake-anthropic-api.js';
import { startPrivateTmux, type PrivateTmux } from './private-tmux.js';
import { alive } from '../src/util/alive.js';

export interface RealPeers {
  tmux: PrivateTmux;
  api: FakeAnthropicApi;
  /** A peer in a new window, ready (its input box is up). */
  start(name: string, opts?: StartPeerOptions): Promise<ClaudePeer>;
  screen(peer: ClaudePeer, predicate: (screen: string) => boolean, timeoutMs?: number): Promise<string>;
  title(peer: ClaudePeer): Promise<string>;
  /** `send-keys -l` (literal), no Enter. */
  keys(peer: ClaudePeer, text: string): Promise<void>;
  /** Named keys: Enter, Escape, C-u, … */
  press(peer: ClaudePeer, ...keys: string[]): Promise<void>;
  close(): Promise<void>;
  /** Synchronous last resort (process exit): kill the private server, remove the folders. */
  killNow(): void;
}

export interface RealPeersOptions {
  /** Claude Code version every peer runs (a pinned devDependency, checked with --version); default 2.1.197. */
  version?: string;
  /** A binary to run instead (the demo's PATH fallback, the drift check's cache); checked against version when given. */
  claudeBin?: string;
  /** Every peer's startup mode unless start() names one; default the version's own. */
  permissionMode?: PermissionMode;
}

export interface StartPeerOptions {
  extraEnv?: Record<string, string>;
  settings?: Record<string, unknown>;
  /** Run on the peer's HOME before Claude Code starts. */
  prepare?: (homeDir: string) => void | Promise<void>;
  permissionMode?: PermissionMode;
}

export async function startRealPeers(opts: RealPeersOptions = {}): Promise<RealPeers> {
  const tmux = startPrivateTmux();
  const api = await startFakeAnthropicApi();
  const rootDir = mkdtempSync(join(tmpdir(), 'cdm-peers-'));
  const peers: ClaudePeer[] = [];
  return {
    tmux,
    api,
    async start(name, o = {}) {
      const permissionMode = o.permissionMode ?? opts.permissionMode;
      const peer = await spawnClaudePeer({
        socketPath: tmux.socketPath,
        env: tmux.env,
        rootDir,
        name,
        apiUrl: api.url,
        ...(o.extraEnv ? { extraEnv: o.extraEnv } : {}),
        ...(o.settings ? { settings: o.settings } : {}),
        ...(o.prepare ? { prepare: o.prepare } : {}),
        ...(opts.version ? { version: opts.version } : {}),
        ...(opts.claudeBin ? { claudeBin: opts.claudeBin } : {}),
        ...(permissionMode ? { permissionMode } : {}),
      });
      peers.push(peer);
      await waitForPeerReady(tmux.socketPath, peer.paneId, 30_000, tmux.env);
      return peer;
    },
    screen: (peer, predicate, timeoutMs = 20_000) => waitForScreen(tmux.socketPath, peer.paneId, predicate, timeoutMs, tmux.env),
    async title(peer) {
      return (await tmux.tmux('display', '-p', '-t', peer.paneId, '#{pane_title}')).replace(/\n$/, '');
    },
    async keys(peer, text) {
      await tmux.tmux('send-keys', '-t', peer.paneId, '-l', '--', text);
    },
    async press(peer, ...keys) {
      await tmux.tmux('send-keys', '-t', peer.paneId, ...keys);
    },
    killNow() {
      tmux.kill();
      killSurvivors(peers);
      rmSync(rootDir, { recursive: true, force: true });
    },
    async close() {
      for (const p of peers) await tmux.tmux('kill-pane', '-t', p.paneId).catch(() => undefined);
      const deadline = Date.now() + 10_000;
      while (peers.some((p) => alive(p.pid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      // One still writing its transcript after the deadline (a loaded machine) would write into the folder
      // removed below, and leave it behind: ended by its PID, which these peers were started with.
      killSurvivors(peers);
      const killed = Date.now() + 5_000;
      while (peers.some((p) => alive(p.pid)) && Date.now() < killed) await new Promise((r) => setTimeout(r, 50));
      tmux.kill();
      await api.close();
      // Claude Code can still be writing its project folder for a few seconds after it exits.
      rmSync(rootDir, { recursive: true, force: true, maxRetries: 25, retryDelay: 200 });
    },
  };
}

/** SIGKILL to the peers still alive, by the PIDs they were started with. */
function killSurvivors(peers: readonly ClaudePeer[]): void {
  for (const p of peers) {
    if (!alive(p.pid)) continue;
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}
