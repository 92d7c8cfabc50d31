// How the terminal's rows are shared: one header line, the roster, the selected peer's pane,
// the notice line and the key bar, adding up to the terminal's height exactly. A frame one
// line taller than the terminal scrolls it, and every frame after lands a row off.

/** The smallest size the dashboard is laid out for (smaller still draws, cut). */
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;
export interface TerminalSize {
  columns: number;
  rows: number;
}

/** Header, notice line, key bar. */
export const FIXED_ROWS = 3;

export interface FrameLayout {
  /** Roster lines, its column header included. */
  roster: number;
  /** Peer pane lines, its title rule included. */
  pane: number;
}

/**
 * `paneNeeds`: the lines the pane must have to be useful (on a modal: the title rule, the
 * modal's header, every option and the key hint). The roster shows every peer while that
 * leaves the pane what it needs, and never more than half the middle when crowded.
 */
export function frameLayout(rows: number, peers: number, paneNeeds: number): FrameLayout {
  const middle = Math.max(2, rows - FIXED_ROWS);
  const wanted = Math.max(2, peers + 1);
  const paneMin = Math.max(1, Math.min(Math.max(paneNeeds, 4), middle - 2));
  const roster = Math.max(Math.min(2, middle - 1), Math.min(wanted, middle - paneMin, Math.max(2, Math.floor(middle / 2))));
  return { roster, pane: middle - roster };
}

/** Lines a modal needs in the pane: rule, header, options, key hint. */
export function modalNeeds(options: number): number {
  return options + 3;
}
