// Which pane sent a peer message: Claude Code records the sender's pid as read from the socket
// (verifiedPeerPid) and, when it gave one, its reply address `uds:<dir>/<pid>.sock`. A Claude session that sent
// through its own messaging tool is one of our peers by pid; claude-dm run inside a session names that session's
// socket. A sender that has exited cannot be resolved.
import { basename } from 'node:path';
import type { Peer } from '../peers/discover.js';
import type { PeerOrigin } from '../transcript/records.js';

/** The address of the pane that sent it, or null. Pure over the peer list. */
export function senderPane(dm: PeerOrigin, peers: readonly Peer[]): string | null {
  const byPid = (pid: number) => peers.find((p) => p.claude?.pid === pid)?.pane.address ?? null;
  if (dm.pid !== null) {
    const hit = byPid(dm.pid);
    if (hit) return hit;
  }
  if (dm.from?.startsWith('uds:')) {
    const socket = dm.from.slice(4);
    const bySocket = peers.find((p) => p.session?.messagingSocketPath === socket)?.pane.address;
    if (bySocket) return bySocket;
    const pid = /^(\d+)\.sock$/u.exec(basename(socket))?.[1];
    if (pid) return byPid(Number(pid));
  }
  return null;
}
