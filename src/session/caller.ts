// Where the caller sits on its tmux server: in a pane, or in a popup that a client opened
// (display-popup). tmux gives a popup $TMUX, naming the session of the client that opened it,
// but no pane: no $TMUX_PANE (or one left in the server's global environment by whoever started
// it), a terminal that is no pane's, and a first process the tmux server started itself. The
// dashboard's `o` needs to know which: from a pane it moves the client showing that pane; from
// a popup, the client that opened it, and then the dashboard ends, which closes the popup.
import { readlinkSync } from 'node:fs';
import { statFields } from '../peers/proc.js';
import { insideTmux } from '../tmux/socket.js';
import { sameFile, type Session } from './session.js';

export type CallerSeat = { kind: 'pane'; paneId: string } | { kind: 'popup'; sessionId: string };

export interface SeatFacts {
  /** What $TMUX_PANE and $TMUX's session say, when $TMUX names this server; null when it names none or another. */
  env: { pane: string | null; session: string | null } | null;
  /** The caller's terminal (`/dev/pts/7`); null when it has none, or it cannot be read. */
  tty: string | null;
  /** Every pane of the server, with its terminal. */
  panes: ReadonlyArray<{ paneId: string; tty: string }>;
  /** The first process of the caller's terminal session is a child of the tmux server, as a pane's and a popup's are. */
  startedByServer: boolean;
}

/** Pure: the caller's seat from what its environment, its terminal and the server say. */
export function callerSeat(f: SeatFacts): CallerSeat | null {
  if (!f.env) return null;
  const pane = f.tty === null ? undefined : f.panes.find((p) => p.tty === f.tty);
  if (pane) return { kind: 'pane', paneId: pane.paneId };
  // A terminal the server opened that is no pane's: a popup, on the session $TMUX names.
  if (f.tty !== null && f.startedByServer && f.env.session !== null) return { kind: 'popup', sessionId: f.env.session };
  // Anything else started from a pane (a terminal window launched there keeps its $TMUX_PANE): that pane, as ever.
  return f.env.pane ? { kind: 'pane', paneId: f.env.pane } : null;
}

export interface OwnTerminal {
  tty: string | null;
  /** The parent of the first process of our terminal session (a pane's shell, a popup's command). */
  sessionLeaderParent: number | null;
}

/** Our terminal and its session leader's parent, from /proc; nulls where it cannot be read. */
export function readOwnTerminal(): OwnTerminal {
  let tty: string | null = null;
  try {
    const path = readlinkSync('/proc/self/fd/0');
    if (path.startsWith('/dev/pts/') || path.startsWith('/dev/tty')) tty = path;
  } catch {
    // no /proc, or no standard input
  }
  const sid = Number(statFields(process.pid)?.[3]);
  const leaderParent = Number.isInteger(sid) && sid > 0 ? Number(statFields(sid)?.[1]) : NaN;
  return { tty, sessionLeaderParent: Number.isInteger(leaderParent) ? leaderParent : null };
}

/** The caller's seat on the session's server now: one `list-panes` when $TMUX names that server, nothing run otherwise. */
export async function locateCaller(ctx: Session, own: () => OwnTerminal = readOwnTerminal): Promise<CallerSeat | null> {
  const inside = insideTmux(ctx.env);
  if (!inside || !sameFile(inside.socket, ctx.socket.path)) return null;
  const lines = (await ctx.tmux.tmux(['list-panes', '-a', '-F', '#{pid} #{pane_id} #{pane_tty}'])).split('\n').filter(Boolean);
  const panes = lines.map((l) => {
    const [, paneId = '', tty = ''] = l.split(' ');
    return { paneId, tty };
  });
  const serverPid = Number(lines[0]?.split(' ')[0]);
  const me = own();
  return callerSeat({
    env: { pane: inside.pane, session: inside.session },
    tty: me.tty,
    panes,
    startedByServer: me.sessionLeaderParent !== null && me.sessionLeaderParent === serverPid,
  });
}
