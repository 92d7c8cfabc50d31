// What the roster says when it has no rows to show: no tmux server, a socket it will not
// use, no peers yet, or a filter that hides them all — each with what to do next.
import type { StyledLine } from './cells.js';

export interface RosterMessageInput {
  /** The view-wide error (no server on the socket, a refused socket), or null. */
  error: string | null;
  /** Peers on the socket, before the filter. */
  peers: number;
  filter: string;
  socket: string;
}

/** Shown when the socket was refused at start: there is nothing the dashboard may poll. */
export const SOCKET_REFUSED_HINT = 'start claude-dm-tui with --socket PATH (or -L NAME) naming a tmux server you own';

export function rosterMessage({ error, peers, filter, socket }: RosterMessageInput): StyledLine[] {
  if (error) {
    const noServer = /^no tmux server/.test(error);
    return [
      [{ text: `  ${error}`, color: 'red' }],
      ...(noServer
        ? [
            [{ text: '  Start one: `tmux new-session -d`, then `claude-dm spawn` (or run `claude` in a pane),' }],
            [{ text: '  or point the dashboard at yours: claude-dm-tui --socket PATH / -L NAME' }],
          ]
        : []),
    ];
  }
  if (peers > 0) {
    return [[{ text: `  no peer matches the filter "${filter}": / then Esc clears it`, color: 'yellow' }]];
  }
  return [
    [{ text: '  No Claude Code peers on this tmux server yet.', bold: true }],
    [{ text: '  Start one: press + (a new window, here), run `claude-dm spawn --name NAME --cwd DIR`,' }],
    [{ text: '  or run `claude` in any pane of this server; it shows here within a second.' }],
    [{ text: `  Watching ${socket}; for another server: claude-dm-tui --socket PATH / -L NAME`, dim: true }],
  ];
}
