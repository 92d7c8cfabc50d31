// Feeds the store. Each tick: one `list-panes` (discovery), then captures only for panes
// whose title, sessions record or transcript changed, plus a slower sweep (a draft being
// typed changes nothing but the screen). chokidar watches the sessions folders and the
// transcripts and pokes an early tick, so a modal shows without waiting for the timer.
// Ticks never overlap: the next is scheduled when one completes.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Session } from '../session/session.js';
import { DmError } from '../errors.js';
import { discoverPeers, ownConfigDir, type ClaudeProcess, type Peer } from '../peers/discover.js';
import { classifyFromCapture, transcriptOf, type PeerView } from '../peers/observe.js';
import { captureMany } from '../tmux/capture-many.js';
import { promptRef } from '../classify/prompt-id.js';
import type { TmuxClient } from '../tmux/client.js';
import { readTail } from '../transcript/read-tail.js';
import type { TranscriptFile } from '../transcript/locate.js';
import { trace } from '../util/trace.js';
import { rowFromView, type PeerRow } from './rows.js';
import { setRows, update, type DashboardStore } from './store.js';

export const DEFAULT_INTERVAL_MS = 1000;
/** Every pane is looked at again within this, for drafts (typing changes nothing but the screen). The write gates always check live. */
export const SWEEP_MS = 4000;
export const FEED_BLOCKS = 40;
/** Watcher events closer than this become one tick. */
export const POKE_COALESCE_MS = 30;
/** The longest wait between ticks while nothing changes, as a multiple of the interval. */
export const IDLE_BACKOFF = 3;

export interface PollerOptions {
  ctx: Session;
  store: DashboardStore;
  intervalMs?: number;
  sweepMs?: number;
  /** Called once when a peer enters a modal (for the bell / notification). */
  onEnterModal?: (row: PeerRow) => void;
  /** Watch files with chokidar (off in tests that drive ticks by hand). */
  watchFiles?: boolean;
  /** The tmux client for polling (list-panes, captures); ctx.tmux when not given. The dashboard passes one on a control-mode runner. */
  tmux?: TmuxClient;
}

interface Known {
  key: string;
  view: PeerView;
  capturedAt: number;
  transcript: TranscriptFile | null;
  sessionId: string | null;
  /** When this poller first saw the peer's current modal (null when not on one). */
  modalSeenAt: number | null;
  /** What the current prompt looks like (prompt-id.ts), and since when: null when not on one. */
  promptLook: string | null;
  promptSeenAt: number | null;
}

export class Poller {
  private known = new Map<string, Known>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = false;
  private watcher: FSWatcher | null = null;
  private watched = new Set<string>();
  private feedKey = '';
  /** Ticks in a row that changed nothing (resets on any change or poke). */
  private quietTicks = 0;
  private lastSweepAt = 0;
  /** Each pane's Claude Code process, found once (discoverPeers checks it still runs). */
  private readonly claudes = new Map<number, ClaudeProcess>();
  /** Ticks run, and panes captured, since start (for benchmarks). */
  readonly stats = { ticks: 0, captures: 0 };

  constructor(private readonly opts: PollerOptions) {}

  private get tmux(): TmuxClient {
    return this.opts.tmux ?? this.opts.ctx.tmux;
  }

  start(): void {
    if (this.opts.watchFiles) {
      this.watcher = watch([], { ignoreInitial: true, persistent: true });
      this.watcher.on('all', () => {
        trace('watch');
        this.poke();
      });
    }
    void this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
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
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(true), POKE_COALESCE_MS);
  }

  private async loop(poked = false): Promise<void> {
    if (this.stopped) return;
    this.running = true;
    try {
      await this.tick({ poked });
    } catch (e) {
      update(this.opts.store, { notice: { kind: 'error', text: `refresh failed: ${(e as Error).message}` } });
    } finally {
      this.running = false;
    }
    if (this.stopped) return;
    // Adaptive: after ticks where nothing changed, wait longer (up to IDLE_BACKOFF × the
    // interval); file watchers still poke at once when a sessions record or transcript moves.
    const base = this.opts.intervalMs ?? DEFAULT_INTERVAL_MS;
    const again = this.again;
    const delay = again ? POKE_COALESCE_MS : Math.min(base * IDLE_BACKOFF, base * (1 + this.quietTicks * 0.5));
    this.again = false;
    this.timer = setTimeout(() => void this.loop(again), delay);
  }

  /**
   * One refresh of every row and of the selected peer's transcript. A tick a watcher or an action
   * asked for (`poked`) captures only what changed: the draft sweep waits for the timer's tick (or
   * runs when the last sweep is an interval old), so the modal that caused the poke shows sooner.
   */
  async tick({ poked = false }: { poked?: boolean } = {}): Promise<void> {
    const { ctx, store } = this.opts;
    this.stats.ticks++;
    trace('tick');
    let peers: Peer[];
    try {
      peers = await discoverPeers({
        tmux: this.tmux,
        proc: ctx.proc,
        home: ctx.home,
        callerPane: ctx.callerPane,
        configDir: ownConfigDir(ctx.env, ctx.home),
        claudeCache: this.claudes,
      });
    } catch (e) {
      if (!(e instanceof DmError)) throw e;
      this.known.clear();
      setRows(store, [], e.message);
      return;
    }
    const now = ctx.clock.now();
    const sweep = this.opts.sweepMs ?? SWEEP_MS;
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
          ].join('|'),
        });
      }),
    );
    const changed = peers.filter((p) => {
      const k = this.known.get(p.pane.paneId);
      return !k || k.key !== keys.get(p.pane.paneId)!.key;
    });
    // The draft sweep is staggered: the stalest few each tick, so every pane is seen
    // within the sweep period without capturing them all in one burst.
    const interval = this.opts.intervalMs ?? DEFAULT_INTERVAL_MS;
    const perTick = Math.ceil((peers.length * interval) / sweep);
    const sweepNow = !poked || now - this.lastSweepAt >= interval;
    if (sweepNow) this.lastSweepAt = now;
    const stale = (sweepNow ? peers : [])
      .filter((p) => !changed.includes(p) && now - this.known.get(p.pane.paneId)!.capturedAt >= sweep / 2)
      .sort((a, b) => this.known.get(a.pane.paneId)!.capturedAt - this.known.get(b.pane.paneId)!.capturedAt)
      .slice(0, perTick);
    const toCapture = [...changed, ...stale];
    const screens = await captureMany(
      this.tmux,
      toCapture.map((p) => p.pane.paneId),
    );
    this.stats.captures += toCapture.length;
    const captured = new Set(toCapture.map((p) => p.pane.paneId));
    const rows: PeerRow[] = [];
    const seen = new Set<string>();
    for (const peer of peers) {
      const id = peer.pane.paneId;
      seen.add(id);
      const { key, transcript } = keys.get(id)!;
      const before = this.known.get(id);
      let view: PeerView;
      if (captured.has(id)) {
        // The same key: the same transcript (its mtime and size are in the key), so the tail read before
        // still holds; one that failed to read is read again.
        const kept = before && before.key === key ? before.view.tail : null;
        const tail = kept ?? (transcript ? await readTail(transcript.path, 0).catch(() => null) : null);
        view = { peer, transcript, tail, classification: classifyFromCapture(peer, screens.get(id), tail) };
        const onModal = view.classification.state === 'modal';
        const wasOnModal = before?.view.classification.state === 'modal';
        const modalSeenAt = onModal ? (wasOnModal ? (before?.modalSeenAt ?? now) : now) : null;
        const promptLook = promptRef(id, view.classification, peer.session)?.look ?? null;
        const promptSeenAt = promptLook === null ? null : promptLook === before?.promptLook ? (before.promptSeenAt ?? now) : now;
        this.known.set(id, {
          key,
          view,
          capturedAt: now,
          transcript,
          sessionId: peer.session?.sessionId ?? null,
          modalSeenAt,
          promptLook,
          promptSeenAt,
        });
        if (onModal && !wasOnModal) this.opts.onEnterModal?.(rowFromView(view, modalSeenAt));
      } else {
        view = { ...before!.view, peer, transcript };
        this.known.set(id, { ...before!, key, view, transcript });
      }
      const k = this.known.get(id)!;
      rows.push(rowFromView(view, k.modalSeenAt, k.promptSeenAt));
      if (transcript) this.watch(transcript.path);
      if (peer.claude) this.watch(join(peer.claude.configDir, 'sessions'));
    }
    for (const id of [...this.known.keys()]) if (!seen.has(id)) this.known.delete(id);
    const before = store.getState().rows;
    setRows(store, rows, null);
    trace(`rows ${toCapture.length}`);
    this.quietTicks = store.getState().rows === before ? this.quietTicks + 1 : 0;
    await this.refreshFeed();
  }

  // The transcript path changes only with the session id (/clear, resume); stat it each tick.
  private async transcriptFor(peer: Peer): Promise<TranscriptFile | null> {
    const k = this.known.get(peer.pane.paneId);
    const sessionId = peer.session?.sessionId ?? null;
    if (k?.transcript && sessionId && k.sessionId === sessionId) {
      const st = await stat(k.transcript.path).catch(() => null);
      if (st) return { ...k.transcript, mtimeMs: st.mtimeMs, size: st.size };
    }
    return transcriptOf(peer);
  }

  private watch(path: string): void {
    if (!this.watcher || this.watched.has(path)) return;
    this.watched.add(path);
    this.watcher.add(path);
  }

  /**
   * The selected peer's transcript, re-read when the selection, the mode or the file
   * changes. Peek is the conversation (prompts and replies); tail is everything as it is
   * appended, tool calls and command output included.
   */
  async refreshFeed(): Promise<void> {
    const { store } = this.opts;
    const s = store.getState();
    const row = s.selected ? s.rows[s.selected] : undefined;
    if (!row) {
      if (s.blocksFor !== null) update(store, { blocks: [], blocksFor: null });
      this.feedKey = '';
      return;
    }
    const key = [row.paneId, s.mode, row.transcriptPath, row.lastWriteAt].join('|');
    if (key === this.feedKey) return;
    this.feedKey = key;
    const all = row.transcriptPath ? ((await readTail(row.transcriptPath, FEED_BLOCKS).catch(() => null))?.blocks ?? []) : [];
    const blocks = s.mode === 'peek' ? all.filter((b) => b.role !== 'tool') : all;
    update(store, { blocks, blocksFor: row.paneId });
  }
}
