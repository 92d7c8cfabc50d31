// `list`'s look at one tmux server, helped by the last one (kept by the caller in a LookStore): the pane list
// and the captures from one tmux process, /proc walked for the last look's panes while tmux lists, and an idle
// peer whose window has printed nothing since its last capture not captured or classified again (its reading
// is used, readings.ts). Everything the last look says is checked against this one before it is used: the
// result is the same as a look without it, sooner.
import type { Classification } from '../classify/classify.js';
import { captureMany } from '../tmux/capture-many.js';
import { parsePaneList, type PaneInfo } from '../tmux/client.js';
import { listAndCapture, samePanes, type QuietScreen } from '../tmux/list-and-capture.js';
import { discoverPeers, type ClaudeProcess, type DiscoverDeps, type Peer } from './discover.js';
import type { SessionRecord } from './session-record.js';
import { observePeers, type ObserveOptions, type PeerView } from './observe.js';
import { readingKey, stillHolds, worthKeeping, type Reading } from './readings.js';

export interface LastLook {
  /** list-panes' text (PANE_LIST_FORMAT); '' for none. */
  list: string;
  /** When the server refused the capture script (seconds since the epoch). */
  refusedAt?: number | undefined;
  readings: Reading[];
  /** The panes that were Claude peers (their ids, in the list's order); absent in a look from before it was kept. */
  peers?: string[] | undefined;
  /**
   * What the last look's walk found, for this one's to check rather than find again (discovery's caches:
   * each entry is used only while it still holds, as the dashboard uses them between its ticks).
   */
  walk?: LastWalk | undefined;
}

export interface LastWalk {
  /** The Claude Code process found below a pane's process (by the pane's pid). */
  claudes: Array<{ panePid: number; claude: ClaudeProcess }>;
  /** Sessions records read, with their file's stamp then. */
  records: Array<{ path: string; stamp: string; value: SessionRecord }>;
  /** Those Claude Code processes' images (ProcReader.claudeImages): their command lines are not read again. */
  claudeImages: string[];
}

/** Entries of each kind kept at most. */
export const MAX_WALK_ENTRIES = 4096;

export interface LookStore {
  /** The last look, or an empty one (none kept, unreadable, or not one of ours). */
  read(): LastLook;
  /** Keeps `look` for the next one. Failing costs speed only. */
  write(look: LastLook): void;
}

export interface LookOptions {
  all: boolean;
  tails: ObserveOptions['tails'];
  /** Now (tests): Date.now() unless given. */
  nowMs?: number;
}

/** `deps` without caches of its own gets fresh ones: the two walks (the last look's panes, then this one's) share them. */
export async function lookAtServer(deps: DiscoverDeps, store: LookStore, opts: LookOptions): Promise<PeerView[]> {
  const nowMs = opts.nowMs ?? Date.now();
  const nowSec = Math.floor(nowMs / 1000);
  const last = store.read();
  deps.proc.knownClaude?.(last.walk?.claudeImages ?? []);
  const walk: DiscoverDeps = {
    ...deps,
    claudeCache: deps.claudeCache ?? new Map(last.walk?.claudes.map((c) => [c.panePid, c.claude])),
    recordCache: deps.recordCache ?? new Map(last.walk?.records.map((r) => [r.path, { stamp: r.stamp, value: r.value }])),
    noClaude: deps.noClaude ?? new Map(),
  };
  const readings = new Map(last.readings.map((r) => [r.paneId, r]));
  const quiet = new Map<string, QuietScreen>(
    last.readings.map((r) => [r.paneId, { since: r.capturedAt, width: r.width, height: r.height }]),
  );
  // Set by `meanwhile` (a callback: a holder, for the compiler's sake).
  const speculative: { walk: Promise<Peer[]> | null } = { walk: null };
  const listed = await listAndCapture(deps.tmux, {
    lastList: last.list,
    refusedAt: last.refusedAt,
    quiet,
    ...(last.peers ? { lastPeers: new Set(last.peers) } : {}),
    nowMs,
    // Synchronous all through with panes given; a failure here is only a walk the second one makes.
    meanwhile: (lastLook) => {
      speculative.walk = discoverPeers(walk, { all: true, panes: lastLook }).catch(() => []);
    },
  });
  const found = new Map(((await speculative.walk) ?? []).map((p) => [p.pane.paneId, p]));
  const peers = await discoverPeers(walk, { all: opts.all, panes: listed.panes, justFound: found });

  // Screens the list found unchanged are read from their readings where those still hold; where one does not
  // (a new title, another sessions status), the pane is captured after all.
  const settled = Promise.all([listed.screens, listed.unchanged]).then(async ([screens, unchanged]) => {
    const kept = new Map<string, Classification>();
    const stale: string[] = [];
    for (const peer of peers) {
      const id = peer.pane.paneId;
      if (!unchanged.has(id)) {
        // No peer last time, one now (Claude Code started under a pane running what it ran then): its screen.
        if (peer.claude && !peer.pane.dead && !screens.has(id)) stale.push(id);
        continue;
      }
      const reading = readings.get(id);
      if (reading && stillHolds(reading, peer, nowSec)) kept.set(id, reading.classification);
      else stale.push(id);
    }
    if (stale.length > 0) for (const [id, screen] of await captureMany(deps.tmux, stale)) screens.set(id, screen);
    return { screens, kept };
  });
  const views = await observePeers(
    deps.tmux,
    peers,
    0,
    settled.then((s) => s.screens),
    { tails: opts.tails, unchanged: settled.then((s) => s.kept) },
  );

  const { kept } = await settled;
  const next: Reading[] = [];
  for (const view of views) {
    const { pane } = view.peer;
    const before = readings.get(pane.paneId);
    if (kept.has(pane.paneId) && before) next.push(before);
    else if (worthKeeping(view.classification))
      // Captured after `nowMs`: the screen holds all the window printed before that second.
      next.push({
        paneId: pane.paneId,
        capturedAt: nowSec,
        width: pane.width,
        height: pane.height,
        key: readingKey(view.peer),
        classification: view.classification,
      });
  }
  const look: LastLook = {
    list: listed.text,
    refusedAt: listed.refusedAt,
    readings: next,
    peers: peers.flatMap((p) => (p.claude ? [p.pane.paneId] : [])),
    walk: walkToKeep(walk, listed.panes),
  };
  if (!sameLook(last, look, listed.panes, listed.lastPanes)) store.write(look);
  return views;
}

/** Discovery's caches as the next look takes them: Claude Code processes of panes still there, records that are objects. */
function walkToKeep(walk: DiscoverDeps, panes: readonly PaneInfo[]): LastWalk {
  const live = new Set(panes.map((p) => p.pid));
  const claudes = [...(walk.claudeCache ?? [])].filter(([panePid]) => live.has(panePid)).map(([panePid, claude]) => ({ panePid, claude }));
  const records = [...(walk.recordCache ?? [])].flatMap(([path, r]) =>
    typeof r.value === 'object' && r.value !== null && !Array.isArray(r.value)
      ? [{ path, stamp: r.stamp, value: r.value as SessionRecord }]
      : [],
  );
  const kept = claudes.slice(-MAX_WALK_ENTRIES);
  const claudeImages = walk.proc.claudeImages?.(new Set(kept.map((c) => c.claude.pid))) ?? [];
  return { claudes: kept, records: records.slice(-MAX_WALK_ENTRIES), claudeImages: claudeImages.slice(-MAX_WALK_ENTRIES) };
}

/** The same ids in the same order, or both absent. */
function sameIds(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((id, i) => id === b[i]));
}

/** The same entries in the same order (compared in place: no strings built to compare). */
function sameWalk(a: LastWalk | undefined, b: LastWalk | undefined): boolean {
  const ac = a?.claudes ?? [];
  const bc = b?.claudes ?? [];
  const ar = a?.records ?? [];
  const br = b?.records ?? [];
  const ai = a?.claudeImages ?? [];
  const bi = b?.claudeImages ?? [];
  return (
    ac.length === bc.length &&
    ac.every(
      (c, i) => c.panePid === bc[i]!.panePid && c.claude.pid === bc[i]!.claude.pid && c.claude.startedAtMs === bc[i]!.claude.startedAtMs,
    ) &&
    ar.length === br.length &&
    ar.every((r, i) => r.path === br[i]!.path && r.stamp === br[i]!.stamp) &&
    ai.length === bi.length &&
    ai.every((image, i) => image === bi[i])
  );
}

/** Nothing the next look would use has changed: no write. `bPanes`, `aPanes`: b's and a's lists, parsed already (a's may not be). */
function sameLook(a: LastLook, b: LastLook, bPanes: readonly PaneInfo[], aPanes: readonly PaneInfo[] | null): boolean {
  return (
    a.refusedAt === b.refusedAt &&
    sameIds(a.peers, b.peers) &&
    sameWalk(a.walk, b.walk) &&
    a.readings.length === b.readings.length &&
    a.readings.every((r, i) => {
      const s = b.readings[i]!;
      return r.paneId === s.paneId && r.capturedAt === s.capturedAt && r.key === s.key && r.width === s.width && r.height === s.height;
    }) &&
    (a.list === b.list || samePanes(aPanes ?? parsePaneList(a.list), bPanes))
  );
}
