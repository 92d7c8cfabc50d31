// The dashboard's state: a vanilla zustand store outside React. The poller writes one
// update per cycle and keeps old row objects when nothing changed; components read
// narrow slices. `visible` (sorted, filtered pane ids) is derived here, once per change,
// so that no selector has to build a fresh array.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TextBlock } from '../transcript/records.js';
import { filterRows, sortRows, type SortMode } from './sort.js';
import type { PeerRow } from '../watch/peer-row.js';
import { sameRow, type AnswerAim } from './rows.js';

/** What is open over the roster, with everything its keys change (src/dashboard/intents.ts). */
export type Overlay =
  /** `top`: the first line shown when the screen scrolls. */
  | { kind: 'help'; top: number }
  /** The text typed is the state's `filter`. */
  | { kind: 'filter' }
  /** `target`: the peer selected when it opened (what it sends to, wherever the selection moves meanwhile). */
  | { kind: 'compose'; verb: 'send' | 'ask'; text: string; target: string | null }
  /**
   * `focus`: what reads the keys, the text typed (the keymap) or the list of completions (ink-select-input, which
   * keeps its own highlight); `pick`: the completion highlighted there, -1 for the typed text.
   */
  | { kind: 'picker'; typed: string; pick: number; focus: 'text' | 'list'; target: string | null }
  /** `yes`: Yes is highlighted (Enter confirms); every confirmation opens on No. */
  | { kind: 'confirm'; command: string; tier: 'red' | 'yellow'; yes: boolean; target: string | null }
  /** A digit that picks an option widening the peer's permissions: asked first, default No. */
  | { kind: 'widen'; key: string; option: string; address: string; yes: boolean; aim: AnswerAim }
  /** `n` on a prompt held by claude-dm's hook: an optional one-line reason for Claude, then the No. */
  | { kind: 'reason'; text: string; address: string; aim: AnswerAim };

/** A host's link as the header shows it (src/dashboard/host-fleet.ts keeps it current). */
export type HostStatus =
  | { name: string; kind: 'connecting' | 'up' | 'stale'; since: number }
  | { name: string; kind: 'down'; since: number; reason: string; retryAt: number | null };

export interface Notice {
  text: string;
  kind: 'info' | 'ok' | 'error';
}

export interface DashboardState {
  rows: Record<string, PeerRow>;
  /** Pane ids to show, sorted and filtered. */
  visible: string[];
  selected: string | null;
  sort: SortMode;
  filter: string;
  mode: 'peek' | 'tail';
  /** Transcript blocks of the selected peer. */
  blocks: TextBlock[];
  blocksFor: string | null;
  notice: Notice | null;
  /** Armed for the next action only. */
  force: boolean;
  overlay: Overlay | null;
  /** The action in flight, shown while it runs. */
  pending: string | null;
  /** A problem with the whole view (no tmux server), shown instead of rows. */
  error: string | null;
  socket: string;
  /** The other machines' links, in the order given (empty: this machine only). */
  hosts: HostStatus[];
  /** This machine's own tmux server is in the roster (not with --no-local). */
  local: boolean;
}

export type DashboardStore = StoreApi<DashboardState>;

export function createDashboardStore(socket: string, hosts: HostStatus[] = [], local = true): DashboardStore {
  return createStore<DashboardState>()(() => ({
    rows: {},
    visible: [],
    selected: null,
    sort: 'triage',
    filter: '',
    mode: 'peek',
    blocks: [],
    blocksFor: null,
    notice: null,
    force: false,
    overlay: null,
    pending: null,
    error: null,
    socket,
    hosts,
    local,
  }));
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Recomputes `visible` and keeps the selection on a visible row. */
function derive(state: DashboardState, patch: Partial<DashboardState>): Partial<DashboardState> {
  const next = { ...state, ...patch };
  const ids = filterRows(sortRows(Object.values(next.rows), next.sort), next.filter).map((r) => r.paneId);
  const visible = sameList(ids, state.visible) ? state.visible : ids;
  const selected = next.selected && visible.includes(next.selected) ? next.selected : (visible[0] ?? null);
  return { ...patch, visible, selected };
}

export function update(store: DashboardStore, patch: Partial<DashboardState>): void {
  store.setState((s) => derive(s, patch));
}

/**
 * Replaces one machine's rows (`host`: null for this one, else a host's name), keeping the others' and the
 * old object of every row that did not change. `error` is this machine's: a host's problems are its status.
 */
export function setRows(store: DashboardStore, fresh: PeerRow[], error: string | null = null, host: string | null = null): void {
  store.setState((s) => {
    const rows: Record<string, PeerRow> = {};
    let kept = 0;
    for (const [id, row] of Object.entries(s.rows))
      if (row.host !== host) {
        rows[id] = row;
        kept++;
      }
    const nextError = host === null ? error : s.error;
    let changed = Object.keys(s.rows).length !== kept + fresh.length;
    for (const row of fresh) {
      const old = s.rows[row.paneId];
      if (old && sameRow(old, row)) rows[row.paneId] = old;
      else {
        rows[row.paneId] = row;
        changed = true;
      }
    }
    if (!changed && nextError === s.error) return s;
    return derive(s, { rows: changed ? rows : s.rows, error: nextError });
  });
}

/** A host's link changed state: its entry in the header. */
export function setHostStatus(store: DashboardStore, status: HostStatus): void {
  store.setState((s) => ({ hosts: s.hosts.map((h) => (h.name === status.name ? status : h)) }));
}

/** Rows of a host whose link is not up are what it last said: shown as stale. */
export function staleHosts(hosts: readonly HostStatus[]): ReadonlySet<string> {
  return new Set(hosts.filter((h) => h.kind !== 'up').map((h) => h.name));
}

export function moveSelection(store: DashboardStore, to: 'next' | 'prev' | 'first' | 'last'): void {
  const { visible, selected } = store.getState();
  if (visible.length === 0) return;
  const i = selected ? visible.indexOf(selected) : -1;
  const index =
    to === 'first' ? 0 : to === 'last' ? visible.length - 1 : to === 'next' ? Math.min(visible.length - 1, i + 1) : Math.max(0, i - 1);
  update(store, { selected: visible[index] ?? null });
}

export function selectedRow(s: DashboardState): PeerRow | null {
  return s.selected ? (s.rows[s.selected] ?? null) : null;
}
