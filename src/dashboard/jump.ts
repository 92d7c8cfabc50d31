// `o`: switch the person's tmux client to the selected peer's pane, from wherever the dashboard sits.
import type { CallerSeat } from '../session/caller.js';
import type { Session } from '../session/session.js';
import { unqualify } from '../remote/hosts.js';
import type { PeerRow } from '../watch/peer-row.js';
import { userClientFor } from './user-client.js';

/** Where the dashboard runs, for `o`: its seat on the server now, and how it ends (a popup closes with it). */
export interface DashboardSeat {
  locate(): Promise<CallerSeat | null>;
  /** Ends the dashboard as `q` does. */
  leave(): void;
}

/** The seat $TMUX_PANE names, and nothing to leave: a dashboard that runs only in panes. */
export function paneSeat(ctx: Pick<Session, 'callerPane'>): DashboardSeat {
  return {
    locate: async () => (ctx.callerPane ? { kind: 'pane', paneId: ctx.callerPane } : null),
    leave: () => undefined,
  };
}

/**
 * Switches the person's tmux client to `row`'s pane: the client showing the dashboard's pane, or the one that
 * opened the popup it runs in. From a popup the dashboard then ends, and `display-popup -E` closes the popup
 * with it: the peer's pane is what the client shows. Null when it switched; else why not, for the notice line.
 */
export async function jumpTo(ctx: Session, seat: DashboardSeat, row: PeerRow): Promise<string | null> {
  if (row.host) {
    // Switching a client reaches only this machine's tmux server.
    const there = unqualify(row.host, row.address) ?? row.address;
    return `o jumps only to this machine's peers; ${row.address} runs on ${row.host} (there: tmux attach -t ${there})`;
  }
  try {
    const at = await seat.locate();
    if (!at) {
      // Outside tmux (or in another server) there is no client of ours to switch.
      const socket = ctx.socket.path;
      return `o jumps only when the dashboard runs inside a pane of ${socket}; to go there: tmux -S ${socket} attach -t ${row.paneId}`;
    }
    const client = await userClientFor(ctx.tmux, at.kind === 'pane' ? at.paneId : at.sessionId);
    await ctx.tmux.tmux(['switch-client', ...(client ? ['-c', client] : []), '-t', row.paneId]);
    await ctx.tmux.tmux(['select-window', '-t', row.paneId]);
    await ctx.tmux.tmux(['select-pane', '-t', row.paneId]);
    if (at.kind === 'popup') seat.leave();
    return null;
  } catch (e) {
    return `jump failed: ${(e as Error).message}`;
  }
}
