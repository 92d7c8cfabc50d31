// Blocked peers first: a person glances here to see who needs them.
import type { PeerState } from '../classify/classify.js';
import type { PeerRow } from '../watch/peer-row.js';

export type SortMode = 'triage' | 'address';

export const TRIAGE_ORDER: readonly PeerState[] = ['modal', 'drafting', 'idle', 'busy', 'other'];

function compareAddress(a: PeerRow, b: PeerRow): number {
  return a.session.localeCompare(b.session) || a.windowIndex - b.windowIndex || a.address.localeCompare(b.address, 'en', { numeric: true });
}

/** Stable within a group: ties keep address order. */
export function sortRows(rows: PeerRow[], mode: SortMode): PeerRow[] {
  const byAddress = [...rows].sort(compareAddress);
  if (mode === 'address') return byAddress;
  // Within the blocked group, the one waiting longest first: the oldest block is handled first.
  const waited = (r: PeerRow) => r.waitingSince ?? Number.MAX_SAFE_INTEGER;
  return byAddress.sort((a, b) => TRIAGE_ORDER.indexOf(a.state) - TRIAGE_ORDER.indexOf(b.state) || waited(a) - waited(b));
}

export function filterRows(rows: PeerRow[], filter: string): PeerRow[] {
  const f = filter.trim().toLowerCase();
  if (!f) return rows;
  return rows.filter((r) => [r.address, r.title, r.name ?? '', r.cwd].some((s) => s.toLowerCase().includes(f)));
}

export function countByState(rows: Iterable<PeerRow>): Record<PeerState, number> {
  const counts: Record<PeerState, number> = { modal: 0, drafting: 0, idle: 0, busy: 0, other: 0 };
  for (const r of rows) counts[r.state]++;
  return counts;
}
