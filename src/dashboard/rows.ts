// What the dashboard adds to a peer's row (src/watch/peer-row.ts): what an answer key aims at, and the
// comparison that keeps an unchanged row's object.
import type { PeerRow } from '../watch/peer-row.js';

/** What an answer key aims at: the peer and the prompt the person saw there. */
export interface AnswerAim {
  paneId: string;
  promptId: string | null;
  promptSeenAt: number | null;
}

export function aimOf(row: Pick<PeerRow, 'paneId' | 'promptId' | 'promptSeenAt'>): AnswerAim {
  return { paneId: row.paneId, promptId: row.promptId, promptSeenAt: row.promptSeenAt };
}

/**
 * The panes on a modal now, and the rows that were not on one before (`onModal`, the last call's panes):
 * a modal is told (the bell, a notification) once, when it is new.
 */
export function modalsEntered(rows: readonly PeerRow[], onModal: ReadonlySet<string>): { onModal: Set<string>; entered: PeerRow[] } {
  const now = new Set<string>();
  const entered: PeerRow[] = [];
  for (const row of rows) {
    if (row.state !== 'modal') continue;
    now.add(row.paneId);
    if (!onModal.has(row.paneId)) entered.push(row);
  }
  return { onModal: now, entered };
}

/** Rows are compared by value so that an unchanged peer keeps its old object (and its row does not re-render). */
export function sameRow(a: PeerRow, b: PeerRow): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
