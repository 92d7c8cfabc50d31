// Everything a verb needs, built once from flags and environment; tests build their own.
import { lstatSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { CliError, EXIT } from '../errors.js';
import { discoverPeers, ownConfigDir, type Peer } from '../peers/discover.js';
import { observePeers, type PeerView } from '../peers/observe.js';
import { linuxProc, type ProcReader } from '../peers/proc.js';
import { NoServer, TmuxClient } from '../tmux/client.js';
import { processRunner, type Runner } from '../tmux/runner.js';
import { insideTmux, resolveSocket, type SocketChoice } from '../tmux/socket.js';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export interface VerbContext {
  tmux: TmuxClient;
  socket: SocketChoice;
  proc: ProcReader;
  home: string;
  /** The caller's own pane, when it runs inside tmux on the same socket. */
  callerPane: string | null;
  io: Io;
  env: NodeJS.ProcessEnv;
  json: boolean;
  /** Aborted on SIGINT/SIGTERM: long verbs (tail, wait) stop cleanly. */
  signal: AbortSignal;
}

export interface ContextDeps {
  env: NodeJS.ProcessEnv;
  io: Io;
  runner?: Runner;
  proc?: ProcReader;
  signal?: AbortSignal;
}

export function makeContext(
  flags: { socket?: string | undefined; socketName?: string | undefined; json?: boolean | undefined },
  deps: ContextDeps,
): VerbContext {
  const uid = process.getuid?.() ?? 0;
  const socket = resolveSocket(flags, deps.env, uid);
  checkSocketSafety(socket, uid, (p) => {
    try {
      return lstatSync(p);
    } catch {
      return null;
    }
  });
  const inside = insideTmux(deps.env);
  const callerPane = inside && sameFile(inside.socket, socket.path) ? inside.pane : null;
  return {
    tmux: new TmuxClient(socket.path, deps.runner ?? processRunner, tmuxEnv(deps.env)),
    socket,
    proc: deps.proc ?? linuxProc,
    home: deps.env.HOME || homedir(),
    callerPane,
    io: deps.io,
    env: deps.env,
    json: flags.json ?? false,
    signal: deps.signal ?? new AbortController().signal,
  };
}

// tmux reads $TMUX to decide some defaults; we always name the socket, so drop it.
function tmuxEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.TMUX;
  return copy;
}

function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * A socket we found (not one named with --socket) must be ours and not world-writable:
 * another user's server, or one anybody can write to, is not where to type.
 */
export function checkSocketSafety(socket: SocketChoice, uid: number, lstat: (p: string) => { uid: number; mode: number } | null): void {
  if (socket.source === '--socket') return;
  const st = lstat(socket.path);
  if (!st) return; // no socket: the tmux call says so
  if (st.uid !== uid) {
    throw new CliError(`${socket.path} (from ${socket.source}) belongs to another user (uid ${st.uid}): not typing there; name it with --socket if you mean it`);
  }
  if ((st.mode & 0o002) !== 0) {
    throw new CliError(`${socket.path} (from ${socket.source}) is world-writable: anyone could be behind it; fix its mode, or name it with --socket if you mean it`);
  }
}

export async function listPeers(ctx: VerbContext, all = false): Promise<Peer[]> {
  return discoverPeers({ tmux: ctx.tmux, proc: ctx.proc, home: ctx.home, callerPane: ctx.callerPane, configDir: ownConfigDir(ctx.env, ctx.home) }, { all });
}

/**
 * A target is a pane id (`%12`), an address (`session:window.pane`), a window
 * (`session:window`) or a session name, as long as it names exactly one Claude peer.
 * Any pane may be named by id or full address (a non-Claude pane is state `other`).
 */
export async function resolveTarget(ctx: VerbContext, target: string): Promise<Peer> {
  const everyone = await listPeers(ctx, true);
  const exact = everyone.find((p) => p.pane.paneId === target || p.pane.address === target);
  if (exact) return exact;
  const claude = everyone.filter((p) => p.claude);
  const matches = claude.filter(
    (p) =>
      `${p.pane.session}:${p.pane.windowIndex}` === target ||
      `${p.pane.session}:${p.pane.windowName}` === target ||
      p.pane.session === target,
  );
  if (matches.length === 1) return matches[0]!;
  const known = claude.map((p) => p.pane.address).join(', ') || 'none';
  if (matches.length > 1) {
    throw new CliError(`target ${JSON.stringify(target)} matches ${matches.length} peers (${matches.map((p) => p.pane.address).join(', ')}): name one`, EXIT.usage);
  }
  throw new CliError(`no peer ${JSON.stringify(target)} on ${ctx.socket.path}; known peers: ${known}`, EXIT.usage);
}

/** The server stopped answering in the middle of a verb. */
export class ServerWentAway extends CliError {
  constructor(socketPath: string) {
    super(`the tmux server on ${socketPath} went away mid-command (killed, or its socket removed)`, EXIT.failure);
    this.name = 'ServerWentAway';
  }
}

/** The peer in this pane now, or null when the pane is gone; ServerWentAway when the server is. */
export async function findPeerByPane(ctx: VerbContext, paneId: string): Promise<Peer | null> {
  try {
    return (await listPeers(ctx, true)).find((p) => p.pane.paneId === paneId) ?? null;
  } catch (e) {
    // The server itself went away (killed, or its socket removed): say that, not "pane closed".
    if (e instanceof NoServer) throw new ServerWentAway(ctx.socket.path);
    throw e;
  }
}

/** The Claude peer in this pane as it is now (screen, state, transcript facts); null when the pane is gone or not Claude. */
export async function observePane(ctx: VerbContext, paneId: string): Promise<PeerView | null> {
  const peer = await findPeerByPane(ctx, paneId);
  if (!peer?.claude) return null;
  return (await observePeers(ctx.tmux, [peer], 0))[0] ?? null;
}
