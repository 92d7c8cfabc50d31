// What the dashboard's keys do: the engine's own gated write functions, one at a time,
// with force armed for one action only and the result shown on the notice line.
import { spawnPeer } from '../actions/spawn.js';
import { answerModal } from '../actions/answer-modal.js';
import { askPeer, pressEscape, runSlashCommand, sendMessage } from '../actions/verbs.js';
import type { WriteResult } from '../actions/write.js';
import type { CallerSeat } from '../session/caller.js';
import type { Session } from '../session/session.js';
import { slashTier } from '../gates/gates.js';
import type { AnswerAim } from './rows.js';
import { selectedRow, update, type DashboardStore } from './store.js';
import { userClientFor } from './user-client.js';

export const ASK_TIMEOUT_MS = 300_000;

export interface Refresher {
  poke(): void;
  refreshFeed(): Promise<void>;
}

/** What the dashboard's keys can do; the Controller does it for real, tests pass a fake. */
export interface DashboardActions {
  /**
   * `confirmed`: a person said yes to an option that widens the peer's permissions. `aim`: the peer and
   * the prompt the person saw (answered only while that prompt is on screen); the selected peer without it.
   */
  answer(key: string, confirmed?: boolean, aim?: AnswerAim): Promise<void>;
  send(text: string): Promise<void>;
  ask(text: string): Promise<void>;
  esc(): Promise<void>;
  command(command: string, confirmed: boolean): Promise<void>;
  jump(): Promise<void>;
  /** A new Claude Code peer in a new window, working where the selected peer works. */
  spawn(): Promise<void>;
  refreshFeed(): void;
}

/** Where the dashboard runs, for `o`: its seat on the server now, and how it ends (a popup closes with it). */
export interface DashboardSeat {
  locate(): Promise<CallerSeat | null>;
  /** Ends the dashboard as `q` does. */
  leave(): void;
}

/** The seat $TMUX_PANE names, and nothing to leave: a dashboard that runs only in panes. */
export function paneSeat(ctx: Pick<Session, 'callerPane'>): DashboardSeat {
  return {
    locate: async () => (ctx.callerPane ? { kind: 'pane', paneId: ctx.callerPane } : null),
    leave: () => undefined,
  };
}

export class Controller implements DashboardActions {
  constructor(
    private readonly ctx: Session,
    private readonly store: DashboardStore,
    private readonly refresher: Refresher | null = null,
    private readonly seat: DashboardSeat = paneSeat(ctx),
  ) {}

  private target(): string | null {
    return selectedRow(this.store.getState())?.paneId ?? null;
  }

  /** Runs one write; force is taken (and disarmed) as it starts. Resolves when it is done. */
  private async write(
    label: string,
    run: (target: string, force: boolean) => Promise<WriteResult>,
    onOk?: (r: WriteResult) => string,
    target: string | null = this.target(),
  ): Promise<void> {
    if (!target) return;
    if (this.store.getState().pending) {
      update(this.store, { notice: { kind: 'error', text: `busy with ${this.store.getState().pending}; wait for it` } });
      return;
    }
    const force = this.store.getState().force;
    update(this.store, { pending: label, force: false, notice: { kind: 'info', text: `${label}…` } });
    try {
      const r = await run(target, force);
      const where = r.peer.pane.address;
      update(this.store, {
        notice: r.ok
          ? { kind: 'ok', text: `${where}: ${onOk ? onOk(r) : r.detail}${r.gate?.forced ? ' (forced)' : ''}` }
          : { kind: 'error', text: `${where}: ${r.detail}` },
      });
    } catch (e) {
      update(this.store, { notice: { kind: 'error', text: `${label} failed: ${(e as Error).message}` } });
    } finally {
      update(this.store, { pending: null });
      this.refresher?.poke();
    }
  }

  answer(key: string, confirmed = false, aim?: AnswerAim): Promise<void> {
    const prompt = aim?.promptId
      ? { promptId: aim.promptId, ...(aim.promptSeenAt !== null ? { promptSeenAt: aim.promptSeenAt } : {}) }
      : {};
    return this.write(
      `answer ${key}`,
      (t, force) => answerModal(this.ctx, t, key, { force, confirm: confirmed, ...prompt }),
      undefined,
      aim?.paneId ?? this.target(),
    );
  }

  send(text: string): Promise<void> {
    return this.write(
      'send',
      (t, force) => sendMessage(this.ctx, t, text, { force }),
      (r) => (r.channel === 'inbox' ? `${r.outcome} through its inbox` : 'delivered'),
    );
  }

  async ask(text: string): Promise<void> {
    let reply = '';
    await this.write(
      'ask',
      async (t, force) => {
        update(this.store, { mode: 'tail' });
        const r = await askPeer(this.ctx, t, text, { force, timeoutMs: ASK_TIMEOUT_MS });
        if (r.reply && r.reply.status !== 'done') return { ...r.sent, ok: false, detail: `no reply: ${r.reply.status}` };
        reply = r.reply?.reply ?? '';
        return r.sent;
      },
      () => `replied: ${reply.split('\n')[0] ?? ''}`,
    );
  }

  esc(): Promise<void> {
    return this.write('esc', (t, force) => pressEscape(this.ctx, t, { force }));
  }

  /** `confirmed` comes from the dialog that red and yellow commands open. */
  command(command: string, confirmed: boolean): Promise<void> {
    const tier = slashTier(command);
    return this.write(command, (t, force) => runSlashCommand(this.ctx, t, command, { force, confirm: tier === 'red' && confirmed }));
  }

  /**
   * Switches the person's tmux client to the selected peer's pane: the client showing the dashboard's
   * pane, or the one that opened the popup it runs in. From a popup the dashboard then ends, and
   * `display-popup -E` closes the popup with it: the peer's pane is what the client shows.
   */
  async jump(): Promise<void> {
    const row = selectedRow(this.store.getState());
    if (!row) return;
    try {
      const seat = await this.seat.locate();
      if (!seat) {
        // Outside tmux (or in another server) there is no client of ours to switch.
        const socket = this.ctx.socket.path;
        update(this.store, {
          notice: {
            kind: 'error',
            text: `o jumps only when the dashboard runs inside a pane of ${socket}; to go there: tmux -S ${socket} attach -t ${row.paneId}`,
          },
        });
        return;
      }
      const client = await userClientFor(this.ctx.tmux, seat.kind === 'pane' ? seat.paneId : seat.sessionId);
      await this.ctx.tmux.tmux(['switch-client', ...(client ? ['-c', client] : []), '-t', row.paneId]);
      await this.ctx.tmux.tmux(['select-window', '-t', row.paneId]);
      await this.ctx.tmux.tmux(['select-pane', '-t', row.paneId]);
      if (seat.kind === 'popup') this.seat.leave();
    } catch (e) {
      update(this.store, { notice: { kind: 'error', text: `jump failed: ${(e as Error).message}` } });
    }
  }

  async spawn(): Promise<void> {
    if (this.store.getState().pending) return;
    const cwd = selectedRow(this.store.getState())?.cwd;
    update(this.store, { pending: 'spawn', notice: { kind: 'info', text: 'starting a new Claude Code peer…' } });
    try {
      const spawned = await spawnPeer(this.ctx, cwd ? { cwd } : {});
      update(this.store, { notice: { kind: 'ok', text: `new peer ${spawned.address} is ready` } });
    } catch (e) {
      update(this.store, { notice: { kind: 'error', text: `spawn: ${(e as Error).message}` } });
    } finally {
      update(this.store, { pending: null });
      this.refresher?.poke();
    }
  }

  refreshFeed(): void {
    void this.refresher?.refreshFeed();
  }
}

/** Actions for a dashboard with nothing it may act on (its socket was refused): each says why. */
export function refusingActions(store: DashboardStore, why: string): DashboardActions {
  const refuse = async (): Promise<void> => update(store, { notice: { kind: 'error', text: `not done: ${why}` } });
  return {
    answer: refuse,
    send: refuse,
    ask: refuse,
    esc: refuse,
    command: refuse,
    jump: refuse,
    spawn: refuse,
    refreshFeed: () => undefined,
  };
}
