// Peer lookup and observation on one session: the engine's view of "which peer is that
// target, and what is it doing now", shared by the CLI, the dashboard and the actions.
import { DmError } from '../errors.js';
import { discoverPeers, ownConfigDir, type Peer } from '../peers/discover.js';
import { observePeers, type PeerView } from '../peers/observe.js';
import { NoServer } from '../tmux/client.js';
import type { Session } from './session.js';

export async function listPeers(ctx: Session, all = false): Promise<Peer[]> {
  return discoverPeers(
    { tmux: ctx.tmux, proc: ctx.proc, home: ctx.home, callerPane: ctx.callerPane, configDir: ownConfigDir(ctx.env, ctx.home) },
    { all },
  );
}

/**
 * A target is a pane id (`%12`), an address (`session:window.pane`), a window
 * (`session:window`) or a session name, as long as it names exactly one Claude peer.
 * Any pane may be named by id or full address (a non-Claude pane is state `other`).
 */
export async function resolveTarget(ctx: Session, target: string): Promise<Peer> {
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
    throw new DmError(
      `target ${JSON.stringify(target)} matches ${matches.length} peers (${matches.map((p) => p.pane.address).join(', ')}): name one`,
      'target',
    );
  }
  throw new DmError(`no peer ${JSON.stringify(target)} on ${ctx.socket.path}; known peers: ${known}`, 'target');
}

/** The server stopped answering in the middle of a verb. */
export class ServerWentAway extends DmError {
  constructor(socketPath: string) {
    super(`the tmux server on ${socketPath} went away mid-command (killed, or its socket removed)`, 'server-gone');
    this.name = 'ServerWentAway';
  }
}

/** The peer in this pane now, or null when the pane is gone; ServerWentAway when the server is. */
export async function findPeerByPane(ctx: Session, paneId: string): Promise<Peer | null> {
  try {
    return (await listPeers(ctx, true)).find((p) => p.pane.paneId === paneId) ?? null;
  } catch (e) {
    // The server itself went away (killed, or its socket removed): say that, not "pane closed".
    if (e instanceof NoServer) throw new ServerWentAway(ctx.socket.path);
    throw e;
  }
}

/** The Claude peer in this pane as it is now (screen, state, transcript facts); null when the pane is gone or not Claude. */
export async function observePane(ctx: Session, paneId: string): Promise<PeerView | null> {
  const peer = await findPeerByPane(ctx, paneId);
  if (!peer?.claude) return null;
  return (await observePeers(ctx.tmux, [peer], 0))[0] ?? null;
}
