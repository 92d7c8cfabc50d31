// What the dashboard's keys do: one action at a time on the selected peer, through the port that acts on
// peers (peer-actions.ts: this machine's engine, or the peer's host over its link), with force armed for one
// action only and what came of it on the notice line.
import type { Session } from '../session/session.js';
import { slashTier } from '../gates/gates.js';
import type { PeerRow } from '../watch/peer-row.js';
import { hostActions, localActions, type ActionOutcome, type HostLinks, type PeerActions } from './peer-actions.js';
import type { DashboardActions } from './dashboard-actions.js';
import type { AnswerAim } from './rows.js';
import { selectedRow, update, type DashboardStore } from './store.js';
import { jumpTo, paneSeat, type DashboardSeat } from './jump.js';

export interface Refresher {
  poke(): void;
  refreshFeed(): Promise<void>;
}

export class Controller implements DashboardActions {
  private readonly here: PeerActions;
  private readonly far: PeerActions;

  constructor(
    private readonly ctx: Session,
    private readonly store: DashboardStore,
    private readonly refresher: Refresher | null = null,
    private readonly seat: DashboardSeat = paneSeat(ctx),
    hosts: HostLinks | null = null,
  ) {
    this.here = localActions(ctx);
    this.far = hostActions(hosts ?? { link: () => undefined });
  }

  private row(paneId: string | null = null): PeerRow | null {
    const s = this.store.getState();
    return paneId ? (s.rows[paneId] ?? null) : selectedRow(s);
  }

  /** Why nothing may be sent to a row of a host whose link is not up (what it shows is what the host last said). */
  private hostRefusal(row: PeerRow): string | null {
    if (!row.host) return null;
    const status = this.store.getState().hosts.find((h) => h.name === row.host);
    if (!status || status.kind === 'up') return null;
    const why = status.kind === 'down' ? `down: ${status.reason}` : status.kind === 'stale' ? 'silent (stale)' : 'still connecting';
    return `${row.address}: not sent: ${row.host} is ${why}; wait for it to come back`;
  }

  /** Runs one action, here or on the row's host; force is taken (and disarmed) as it starts. Resolves when done. */
  private async act(
    label: string,
    row: PeerRow | null,
    run: (actions: PeerActions, row: PeerRow, force: boolean) => Promise<ActionOutcome>,
  ): Promise<void> {
    if (!row) {
      update(this.store, { notice: { kind: 'error', text: `${label}: not sent: that peer is no longer in the roster` } });
      return;
    }
    if (this.store.getState().pending) {
      update(this.store, { notice: { kind: 'error', text: `busy with ${this.store.getState().pending}; wait for it` } });
      return;
    }
    const refused = this.hostRefusal(row);
    if (refused) {
      update(this.store, { notice: { kind: 'error', text: refused } });
      return;
    }
    const force = this.store.getState().force;
    update(this.store, { force: false });
    await this.pending(label, `${label}…`, `${label} failed: `, () => run(row.host ? this.far : this.here, row, force));
  }

  /** One action at a time: pending while it runs, what came of it on the notice line, the roster looked at after. */
  private async pending(label: string, info: string, failedPrefix: string, run: () => Promise<ActionOutcome>): Promise<void> {
    update(this.store, { pending: label, notice: { kind: 'info', text: info } });
    try {
      const r = await run();
      update(this.store, { notice: { kind: r.ok ? 'ok' : 'error', text: r.text } });
    } catch (e) {
      update(this.store, { notice: { kind: 'error', text: `${failedPrefix}${(e as Error).message}` } });
    } finally {
      update(this.store, { pending: null });
      this.refresher?.poke();
    }
  }

  answer(key: string, confirmed = false, aim?: AnswerAim, message?: string): Promise<void> {
    const prompt = aim?.promptId
      ? { promptId: aim.promptId, ...(aim.promptSeenAt !== null ? { promptSeenAt: aim.promptSeenAt } : {}) }
      : {};
    return this.act(`answer ${key}`, this.row(aim?.paneId ?? null), (a, row, force) =>
      a.answer(row, key, { force, confirm: confirmed, ...prompt, ...(message ? { message } : {}) }),
    );
  }

  send(text: string, target: string | null = null): Promise<void> {
    return this.act('send', this.row(target), (a, row, force) => a.send(row, text, { force }));
  }

  ask(text: string, target: string | null = null): Promise<void> {
    return this.act('ask', this.row(target), (a, row, force) => {
      update(this.store, { mode: 'tail' });
      return a.ask(row, text, { force });
    });
  }

  esc(): Promise<void> {
    return this.act('esc', this.row(), (a, row, force) => a.esc(row, { force }));
  }

  /** `confirmed` comes from the dialog that red and yellow commands open. */
  command(command: string, confirmed: boolean, target: string | null = null): Promise<void> {
    const confirm = slashTier(command) === 'red' && confirmed;
    return this.act(command, this.row(target), (a, row, force) => a.command(row, command, { force, confirm }));
  }

  async jump(): Promise<void> {
    const row = selectedRow(this.store.getState());
    const failed = row ? await jumpTo(this.ctx, this.seat, row) : null;
    if (failed) update(this.store, { notice: { kind: 'error', text: failed } });
  }

  async spawn(): Promise<void> {
    if (this.store.getState().pending) return;
    const row = selectedRow(this.store.getState());
    const refused = row ? this.hostRefusal(row) : null;
    if (refused || (!row?.host && !this.store.getState().local)) {
      // Without this machine (--no-local) a new peer goes beside a host's selected peer, never here.
      const text =
        refused ?? 'not started: this dashboard leaves this machine out (--no-local); select a peer of the host to start one there';
      update(this.store, { notice: { kind: 'error', text } });
      return;
    }
    const where = row?.host ? ` on ${row.host}` : '';
    await this.pending('spawn', `starting a new Claude Code peer${where}…`, 'spawn: ', () => (row?.host ? this.far : this.here).spawn(row));
  }

  refreshFeed(): void {
    void this.refresher?.refreshFeed();
  }
}
