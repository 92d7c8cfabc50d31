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

/**
 * Rows are compared by value so that an unchanged peer keeps its old object (and its row does not re-render).
 * Field by field, the nested ones (a modal, a request) by their JSON: every row is compared at every tick,
 * and two JSON strings of each of 100 rows were most of a quiet tick's work in the dashboard.
 */
export function sameRow(a: PeerRow, b: PeerRow): boolean {
  const keys = Object.keys(a) as Array<keyof PeerRow>;
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    const [x, y] = [a[k], b[k]];
    if (x === y) return true;
    return typeof x === 'object' && typeof y === 'object' && x !== null && y !== null && JSON.stringify(x) === JSON.stringify(y);
  });
}
