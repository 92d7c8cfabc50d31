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

/** Rows are compared by value so that an unchanged peer keeps its old object (and its row does not re-render). */
export function sameRow(a: PeerRow, b: PeerRow): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
