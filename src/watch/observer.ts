// The engine's one source of live state, below every front end: the dashboard's roster, `watch`, `wait`
// on several peers and a remote host's agent all read it. Each tick: one `list-panes` (discovery), then
// captures only for panes whose title, sessions record or transcript changed, plus a slower sweep (a
// draft being typed changes nothing but the screen). chokidar watches the sessions folders and the
// transcripts and pokes an early tick, so a prompt shows without waiting for the timer. Ticks never
// overlap: the next is scheduled when one completes. No React, no store: a snapshot goes to `onTick`.
import { join } from 'node:path';
import { watch } from 'chokidar';
import { DmError } from '../errors.js';
import { inboundPolicyOf } from '../inbox/settings.js';
import { discoverPeers, ownConfigDir, type ClaudeProcess, type Peer } from '../peers/discover.js';
import type { RecordCache } from '../peers/session-record.js';
import { transcriptOf } from '../peers/observe.js';
import type { Session } from '../session/session.js';
import { captureMany } from '../tmux/capture-many.js';
import type { TmuxClient } from '../tmux/client.js';
import { statOrNull, type TranscriptFile } from '../transcript/locate.js';
import { readTail } from '../transcript/read-tail.js';
import { trace } from '../util/trace.js';
import { capturePlan } from './capture-plan.js';
import { readPending } from '../hook/on-screen.js';
import { requestFor, type PermissionRequest } from '../hook/requests.js';
import { derivePeer, inboundKeyOf, type LivePeer, type ObservedPeer } from './peer-derive.js';

export const DEFAULT_INTERVAL_MS = 1000;
/** Every pane is looked at again within this, for drafts (typing changes nothing but the screen). The write gates always check live. */
export const SWEEP_MS = 4000;
/**
 * A watcher's first event after a quiet while ticks this soon: the events of one write (a record's
 * rename, a transcript's append) arrive together and make one tick, and the prompt shows ~25 ms sooner
 * than after a POKE_COALESCE_MS wait (bench/profile-dashboard.ts's steps).
 */
export const POKE_FIRST_MS = 5;
/** Events during a poked tick make one more tick this long after it: a peer writing steadily is looked at no more often. */
export const POKE_COALESCE_MS = 30;
/** The longest wait between ticks while nothing changes, as a multiple of the interval. */
export const IDLE_BACKOFF = 3;
/**
 * How soon a peer caught between its record and its screen is looked at again: 2.1.332 writes `waiting`
 * 300-600 ms before it draws the prompt, so the look a record change pokes often sees no prompt yet.
 */
export const RECHECK_MS = 100;

export type { LivePeer } from './peer-derive.js';
export interface LiveSnapshot {
  at: number;
  /** Every peer on the server, in tmux's order. */
  peers: LivePeer[];
  /** Why there are no peers to show (no server, a socket that is not ours), else null. */
  error: string | null;
  /** Something changed since the last tick: a peer came, went, or looks different. */
  changed: boolean;
}

/** What tells the observer a watched file changed (chokidar by default; tests hand in their own). */
export interface Watcher {
  add(path: string): void;
  close(): Promise<void>;
}

/** A Watcher over chokidar: any change to a path added calls `onChange`. */
export function fileWatcher(onChange: () => void): Watcher {
  const w = watch([], { ignoreInitial: true, persistent: true });
  w.on('all', onChange);
  return { add: (path) => void w.add(path), close: () => w.close() };
}

export interface ObserverOptions {
  ctx: Session;
  intervalMs?: number;
  sweepMs?: number;
  /** Watch files with chokidar (off in tests that drive ticks by hand). */
  watchFiles?: boolean;
  /** The watcher to use when watchFiles (fileWatcher, chokidar's, when not given). */
  watcher?: (onChange: () => void) => Watcher;
  /** The tmux client for polling (list-panes, captures); ctx.tmux when not given (a control-mode one, say). */
  tmux?: TmuxClient;
  /** Text blocks to read from a transcript that changed (`watch` reads replies and DMs; the roster needs none). */
  blocks?: number;
  /** After each tick; a tick ends when what this returns has settled. */
  onTick?: (snapshot: LiveSnapshot) => void | Promise<void>;
  /** A tick threw (tmux misbehaved); the observer goes on with the next. */
  onError?: (e: Error) => void;
}

export class LiveObserver {
  private known = new Map<string, ObservedPeer>();
  /** Cancels the next tick's timer (the session's clock), when one is set. */
  private cancelTimer: (() => void) | null = null;
  private running = false;
  /** The tick running now: stop() waits for it, so that nothing it started outlives the observer. */
  private current: Promise<void> | null = null;
  private again = false;
  /** A peer waits for a recheck (RECHECK_MS). */
  private soon = false;
  private stopped = false;
  private watcher: Watcher | null = null;
  private watched = new Set<string>();
  /** Ticks in a row that changed nothing (resets on any change or poke). */
  private quietTicks = 0;
  private lastSweepAt = 0;
  /** Each pane's Claude Code process, found once (discoverPeers checks it still runs). */
  private readonly claudes = new Map<number, ClaudeProcess>();
  private readonly records: RecordCache = new Map();
  private readonly noClaude = new Map<number, { command: string; skipped: number }>();
  /** Ticks run, and panes captured, since start (for benchmarks). */
  readonly stats = { ticks: 0, captures: 0 };
  /** The last snapshot, null before the first tick. */
  last: LiveSnapshot | null = null;

  constructor(private readonly opts: ObserverOptions) {}

  private get tmux(): TmuxClient {
    return this.opts.tmux ?? this.opts.ctx.tmux;
  }

  start(): void {
    if (this.opts.watchFiles) {
      this.watcher = (this.opts.watcher ?? fileWatcher)(() => {
        trace('watch');
        this.poke();
      });
    }
    void this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    await this.current;
    await this.watcher?.close();
  }

  /** Run a tick soon (coalesced); used by watchers and after every action. */
  poke(): void {
    if (this.stopped) return;
    this.quietTicks = 0;
    if (this.running) {
      this.again = true;
      return;
    }
    this.later(POKE_FIRST_MS, true);
  }

  private async loop(poked = false): Promise<void> {
    if (this.stopped) return;
    this.running = true;
    this.current = this.tick({ poked }).then(
      () => undefined,
      (e: unknown) => this.opts.onError?.(e as Error),
    );
    try {
      await this.current;
    } finally {
      this.running = false;
      this.current = null;
    }
    if (this.stopped) return;
    // Adaptive: after ticks where nothing changed, wait longer (up to IDLE_BACKOFF × the
    // interval); file watchers still poke at once when a sessions record or transcript moves.
    const base = this.opts.intervalMs ?? DEFAULT_INTERVAL_MS;
    const again = this.again;
    // Pokes during a timer's tick are the first events after a quiet while (POKE_FIRST_MS); during a poked
    // tick, a peer writing steadily (POKE_COALESCE_MS).
    const pokedAgain = poked ? POKE_COALESCE_MS : POKE_FIRST_MS;
    const delay = again ? pokedAgain : this.soon ? RECHECK_MS : Math.min(base * IDLE_BACKOFF, base * (1 + this.quietTicks * 0.5));
    this.again = false;
    this.soon = false;
    this.later(delay, again);
  }

  /** The next tick, `ms` from now on the session's clock (replacing one already set). */
  private later(ms: number, poked: boolean): void {
    this.cancelTimer?.();
    this.cancelTimer = this.opts.ctx.clock.after(ms, () => {
      this.cancelTimer = null;
      void this.loop(poked);
    });
  }

  /**
   * One look at every peer. A tick a watcher or an action asked for (`poked`) captures only what changed:
   * the draft sweep waits for the timer's tick (or runs when the last sweep is an interval old), so the
   * prompt that caused the poke shows sooner.
   */
  async tick({ poked = false }: { poked?: boolean } = {}): Promise<LiveSnapshot> {
    const { ctx } = this.opts;
    this.stats.ticks++;
    trace('tick');
    const now = ctx.clock.now();
    let peers: Peer[];
    try {
      peers = await discoverPeers({
        tmux: this.tmux,
        proc: ctx.proc,
        home: ctx.home,
        callerPane: ctx.callerPane,
        configDir: ownConfigDir(ctx.env, ctx.home),
        claudeCache: this.claudes,
        recordCache: this.records,
        noClaude: this.noClaude,
      });
    } catch (e) {
      if (!(e instanceof DmError)) throw e;
      const changed = this.known.size > 0 || this.last?.error !== e.message;
      this.known.clear();
      return await this.publish({ at: now, peers: [], error: e.message, changed });
    }
    const sweep = this.opts.sweepMs ?? SWEEP_MS;
    // The requests pending in claude-dm's hook: a peer whose request came or went is looked at again.
    const { dir: requestsDir, requests } = readPending(ctx);
    if (requestsDir) this.watch(requestsDir);
    const keys = new Map<string, { key: string; transcript: TranscriptFile | null }>();
    await Promise.all(
      peers.map(async (peer) => {
        const transcript = await this.transcriptFor(peer);
        const s = peer.session;
        keys.set(peer.pane.paneId, {
          transcript,
          key: [
            peer.pane.title,
            peer.pane.inMode,
            s?.status,
            s?.waitingFor,
            s?.updatedAt,
            s?.sessionId,
            transcript?.mtimeMs,
            transcript?.size,
            requestFor(requests, s?.sessionId, peer.claude?.pid)?.id,
          ].join('|'),
        });
      }),
    );
    const interval = this.opts.intervalMs ?? DEFAULT_INTERVAL_MS;
    const plan = capturePlan({
      peers: peers.map((p) => ({ paneId: p.pane.paneId, key: keys.get(p.pane.paneId)!.key, windowActivity: p.pane.windowActivity })),
      known: this.known,
      now,
      poked,
      lastSweepAt: this.lastSweepAt,
      intervalMs: interval,
      sweepMs: sweep,
    });
    if (plan.swept) this.lastSweepAt = now;
    const toCapture = plan.capture;
    const screens = await captureMany(this.tmux, toCapture);
    this.stats.captures += toCapture.length;
    const captured = new Set(toCapture);
    const out: LivePeer[] = [];
    const seen = new Set<string>();
    let changed = false;
    for (const peer of peers) {
      const id = peer.pane.paneId;
      seen.add(id);
      const { key, transcript } = keys.get(id)!;
      const before = this.known.get(id);
      const next = captured.has(id)
        ? await this.observed(peer, before, key, transcript, screens.get(id), now, requests)
        : { ...before!, key, transcript, view: { ...before!.view, peer, transcript } };
      this.known.set(id, next);
      changed ||= !before || before.look !== next.look;
      out.push(next);
      if (transcript) this.watch(transcript.path);
      if (peer.claude) this.watch(join(peer.claude.configDir, 'sessions'));
    }
    for (const id of [...this.known.keys()]) {
      if (seen.has(id)) continue;
      this.known.delete(id);
      changed = true;
    }
    trace(`captured ${toCapture.length}`);
    this.quietTicks = changed ? 0 : this.quietTicks + 1;
    if (out.some((p) => (p as ObservedPeer).recheck)) this.soon = true;
    return await this.publish({ at: now, peers: out, error: null, changed: changed || this.last?.error != null });
  }

  private async publish(snapshot: LiveSnapshot): Promise<LiveSnapshot> {
    this.last = snapshot;
    await this.opts.onTick?.(snapshot);
    return snapshot;
  }

  /** A peer whose screen was just captured: what it reads (the tail, the inbound policy), then derivePeer. */
  private async observed(
    peer: Peer,
    before: ObservedPeer | undefined,
    key: string,
    transcript: TranscriptFile | null,
    screen: string | undefined,
    now: number,
    requests: readonly PermissionRequest[],
  ): Promise<ObservedPeer> {
    // The same key: the same transcript (its mtime and size are in the key), so the tail read before
    // still holds; one that failed to read is read again.
    const kept = before && before.key === key ? before.view.tail : null;
    const tail = kept ?? (transcript ? await readTail(transcript.path, this.opts.blocks ?? 0).catch(() => null) : null);
    // The inbound policy is read from four settings files: only when the peer's record changes.
    const inbound = before && before.inboundKey === inboundKeyOf(peer) ? before.inbound : inboundPolicyOf(peer);
    const next = derivePeer({ peer, before, key, transcript, screen, tail, inbound, now, requests });
    if (before && next.view === before.view && next.readingSince !== null) trace('prompt not read whole');
    return next;
  }

  // The transcript path changes only with the session id (/clear, resume); stat it each tick.
  private async transcriptFor(peer: Peer): Promise<TranscriptFile | null> {
    const k = this.known.get(peer.pane.paneId);
    const sessionId = peer.session?.sessionId ?? null;
    if (k?.transcript && sessionId && k.sessionId === sessionId) {
      // Synchronous: a stat each of 100 peers a tick costs less than as many thread-pool round trips.
      const st = statOrNull(k.transcript.path);
      if (st) return { ...k.transcript, mtimeMs: st.mtimeMs, size: st.size };
    }
    return transcriptOf(peer);
  }

  private watch(path: string): void {
    if (!this.watcher || this.watched.has(path)) return;
    this.watched.add(path);
    this.watcher.add(path);
  }
}
