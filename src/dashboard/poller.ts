// Feeds the store from the engine's live observer (src/watch/observer.ts): each of its snapshots
// becomes the roster's rows, a peer that just opened a modal is told once (the bell or a
// notification), and the selected peer's transcript is read for the peek/tail pane.
import type { Session } from '../session/session.js';
import type { TmuxClient } from '../tmux/client.js';
import { readTail } from '../transcript/read-tail.js';
import type { TextBlock } from '../transcript/records.js';
import { trace } from '../util/trace.js';
import { LiveObserver, type LiveSnapshot } from '../watch/observer.js';
import { rowOfLive, type PeerRow } from '../watch/peer-row.js';
import { modalsEntered } from './rows.js';
import { setRows, update, type DashboardStore } from './store.js';

export const FEED_BLOCKS = 40;

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
  /** This machine's tmux server is watched (not with --no-local: only the hosts' rows, and their feeds). */
  local?: boolean;
  /** The last blocks of a peer on another host (src/dashboard/remote-actions.ts); its rows have no feed without it. */
  remoteBlocks?: (row: PeerRow, count: number) => Promise<TextBlock[]>;
}

export class Poller {
  private readonly observer: LiveObserver;
  private feedKey = '';
  /** Panes on a modal at the last snapshot: a modal is told when it is new. */
  private onModal = new Set<string>();

  constructor(private readonly opts: PollerOptions) {
    this.observer = new LiveObserver({
      ctx: opts.ctx,
      ...(opts.intervalMs !== undefined ? { intervalMs: opts.intervalMs } : {}),
      ...(opts.sweepMs !== undefined ? { sweepMs: opts.sweepMs } : {}),
      ...(opts.watchFiles !== undefined ? { watchFiles: opts.watchFiles } : {}),
      ...(opts.tmux ? { tmux: opts.tmux } : {}),
      onTick: (s) => this.show(s),
      onError: (e) => update(opts.store, { notice: { kind: 'error', text: `refresh failed: ${e.message}` } }),
    });
  }

  /** Ticks run, and panes captured, since start (for benchmarks). */
  get stats(): { ticks: number; captures: number } {
    return this.observer.stats;
  }

  start(): void {
    if (this.opts.local !== false) this.observer.start();
  }

  stop(): Promise<void> {
    return this.observer.stop();
  }

  /** Run a tick soon (coalesced); used by watchers and after every action. */
  poke(): void {
    if (this.opts.local !== false) this.observer.poke();
  }

  /** One refresh of every row and of the selected peer's transcript (tests drive ticks by hand). */
  async tick({ poked = false }: { poked?: boolean } = {}): Promise<void> {
    await this.observer.tick({ poked });
  }

  private async show(snapshot: LiveSnapshot): Promise<void> {
    const { store } = this.opts;
    if (snapshot.error !== null) {
      this.onModal.clear();
      setRows(store, [], snapshot.error);
      return;
    }
    const rows = snapshot.peers.map(rowOfLive);
    const { onModal, entered } = modalsEntered(rows, this.onModal);
    this.onModal = onModal;
    for (const row of entered) this.opts.onEnterModal?.(row);
    setRows(store, rows, null);
    trace(`rows ${rows.length}`);
    await this.refreshFeed();
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
    const all = await this.lastBlocks(row, key);
    if (all === null || this.feedKey !== key) return; // a newer read is under way, or a host could not say
    const blocks = s.mode === 'peek' ? all.filter((b) => b.role !== 'tool') : all;
    update(store, { blocks, blocksFor: row.paneId });
  }

  /** Here from the transcript file; on another host from its agent (null when it could not say: kept as shown). */
  private async lastBlocks(row: PeerRow, key: string): Promise<TextBlock[] | null> {
    if (row.host) {
      const far = this.opts.remoteBlocks;
      if (!far || !row.transcriptPath) return [];
      return far(row, FEED_BLOCKS).catch(() => {
        if (this.feedKey === key) this.feedKey = ''; // read again at the next change (a newer read keeps its key)
        return null;
      });
    }
    return row.transcriptPath ? ((await readTail(row.transcriptPath, FEED_BLOCKS).catch(() => null))?.blocks ?? []) : [];
  }
}
