// What the roster says when it has no rows to show: no tmux server, a socket it will not
// use, no peers yet, or a filter that hides them all — each with what to do next.
import { cells, type StyledLine } from './cells.js';

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

/** Words into lines of at most `width` cells, each indented two. */
function wrapped(text: string, width: number, style: Omit<StyledLine[number], 'text'> = {}): StyledLine[] {
  const lines: StyledLine[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && cells(line) + 1 + cells(word) > width - 2) {
      lines.push([{ text: `  ${line}`, ...style }]);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push([{ text: `  ${line}`, ...style }]);
  return lines;
}

/** The lines to show in place of the roster's rows, wrapped to `width`. */
export function rosterMessage({ error, peers, filter, socket }: RosterMessageInput, width: number): StyledLine[] {
  if (error) {
    const noServer = /^no tmux server/.test(error);
    return [
      ...wrapped(error, width, { color: 'red' }),
      ...(noServer ? wrapped('Start one with `tmux new-session -d`, then `claude-dm spawn` (or run `claude` in a pane of it).', width) : []),
    ];
  }
  if (peers > 0) return wrapped(`no peer matches the filter "${filter}": / then Esc clears it`, width, { color: 'yellow' });
  return [
    ...wrapped('No Claude Code peers on this tmux server yet.', width, { bold: true }),
    ...wrapped('Start one: press + (a new window, here), run `claude` in any pane of this server, or: claude-dm spawn --name NAME --cwd DIR', width),
    ...wrapped(`Watching ${socket}; for another server: claude-dm-tui --socket PATH / -L NAME`, width, { dim: true }),
  ];
}
