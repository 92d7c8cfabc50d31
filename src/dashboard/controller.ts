// What the dashboard's keys do: the engine's own gated write functions, one at a time,
// with force armed for one action only and the result shown on the notice line.
import { spawnPeer } from '../actions/spawn.js';
import { answerModal } from '../actions/answer-modal.js';
import { askPeer, pressEscape, runSlashCommand, sendMessage } from '../actions/verbs.js';
import type { WriteResult } from '../actions/write.js';
import type { CallerSeat } from '../session/caller.js';
import type { Session } from '../session/session.js';
import { slashTier } from '../gates/gates.js';
import type { CallResult, HostLink } from '../remote/host-link.js';
import { splitRemoteAddress } from '../remote/hosts.js';
import type { PeerRow } from '../watch/peer-row.js';
import { askOutcome, callVerb, farPaneId, writeOutcome, type RemoteOutcome } from './remote-actions.js';
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
  /** `target`: the peer the compose box was opened on (the selected one without it). */
  send(text: string, target?: string | null): Promise<void>;
  ask(text: string, target?: string | null): Promise<void>;
  esc(): Promise<void>;
  command(command: string, confirmed: boolean, target?: string | null): Promise<void>;
  jump(): Promise<void>;
  /** A new Claude Code peer in a new window, working where the selected peer works. */
  spawn(): Promise<void>;
  refreshFeed(): void;
}

/** The other machines' links by host name (src/dashboard/hosts.ts's HostFleet). */
export interface HostLinks {
  link(name: string): HostLink | undefined;
}

/**
 * A key's verb on another host: `verb FLAGS… PANE -- WORDS…` there (`--force` and `--json` go first). The
 * words (a message's `-`, a key, a slash command and its arguments) come after `--`, so that nothing a
 * person typed is read as an option over there; text goes on stdin.
 */
interface FarCall {
  verb: string;
  flags?: string[];
  words?: string[];
  stdin?: string;
  read?: (r: CallResult) => RemoteOutcome;
}

export function farArgv(call: FarCall, paneId: string, force: boolean): string[] {
  const words = call.words ?? [];
  return [call.verb, ...(force ? ['--force'] : []), '--json', ...(call.flags ?? []), paneId, ...(words.length ? ['--', ...words] : [])];
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
    private readonly hosts: HostLinks | null = null,
  ) {}

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

  /**
   * Runs one write on `row`, here or on its host; force is taken (and disarmed) as it starts. `here` runs
   * the engine's gated write; `far` gives the verb's argv over there (its own gates decide). Resolves when done.
   */
  private async write(
    label: string,
    row: PeerRow | null,
    here: (target: string, force: boolean) => Promise<WriteResult>,
    far: () => FarCall,
    onOk?: (r: WriteResult) => string,
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
    update(this.store, { pending: label, force: false, notice: { kind: 'info', text: `${label}…` } });
    try {
      if (row.host) {
        const link = this.hosts?.link(row.host);
        const call = far();
        const r: RemoteOutcome = link
          ? await callVerb(link, farArgv(call, farPaneId(row), force), call.read ?? ((c) => writeOutcome(c)), call.stdin)
          : { ok: false, detail: `no link to ${row.host}` };
        update(this.store, { notice: { kind: r.ok ? 'ok' : 'error', text: `${row.address}: ${r.detail}` } });
        return;
      }
      const r = await here(row.paneId, force);
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
      this.row(aim?.paneId ?? null),
      (t, force) => answerModal(this.ctx, t, key, { force, confirm: confirmed, ...prompt }),
      // Over there the answer waits for the prompt to take keys from its own first sighting.
      () => ({
        verb: 'answer',
        flags: [...(aim?.promptId ? ['--prompt', aim.promptId] : []), ...(confirmed ? ['--confirm'] : [])],
        words: [key],
      }),
    );
  }

  send(text: string, target: string | null = null): Promise<void> {
    const how = (channel: unknown, outcome: unknown) => (channel === 'inbox' ? `${String(outcome)} through its inbox` : 'delivered');
    return this.write(
      'send',
      this.row(target),
      (t, force) => sendMessage(this.ctx, t, text, { force }),
      // The text goes on stdin (`-`): never parsed as options over there, whatever it starts with.
      // As from the dashboard here: no "DM from" prefix, whatever pane the agent's environment names.
      () => ({
        verb: 'send',
        flags: ['--no-from'],
        words: ['-'],
        stdin: text,
        read: (c) => writeOutcome(c, (j) => how(j.channel, j.outcome)),
      }),
      (r) => how(r.channel, r.outcome),
    );
  }

  async ask(text: string, target: string | null = null): Promise<void> {
    let reply = '';
    await this.write(
      'ask',
      this.row(target),
      async (t, force) => {
        update(this.store, { mode: 'tail' });
        const r = await askPeer(this.ctx, t, text, { force, timeoutMs: ASK_TIMEOUT_MS });
        if (r.reply && r.reply.status !== 'done') return { ...r.sent, ok: false, detail: `no reply: ${r.reply.status}` };
        reply = r.reply?.reply ?? '';
        return r.sent;
      },
      () => {
        update(this.store, { mode: 'tail' });
        return { verb: 'ask', flags: ['--no-from'], words: ['-', String(ASK_TIMEOUT_MS / 1000)], stdin: text, read: askOutcome };
      },
      () => `replied: ${reply.split('\n')[0] ?? ''}`,
    );
  }

  esc(): Promise<void> {
    return this.write(
      'esc',
      this.row(),
      (t, force) => pressEscape(this.ctx, t, { force }),
      () => ({ verb: 'esc' }),
    );
  }

  /** `confirmed` comes from the dialog that red and yellow commands open. */
  command(command: string, confirmed: boolean, target: string | null = null): Promise<void> {
    const red = slashTier(command) === 'red';
    return this.write(
      command,
      this.row(target),
      (t, force) => runSlashCommand(this.ctx, t, command, { force, confirm: red && confirmed }),
      () => ({ verb: 'cmd', flags: red && confirmed ? ['--confirm'] : [], words: command.split(/\s+/u).filter(Boolean) }),
    );
  }

  /**
   * Switches the person's tmux client to the selected peer's pane: the client showing the dashboard's
   * pane, or the one that opened the popup it runs in. From a popup the dashboard then ends, and
   * `display-popup -E` closes the popup with it: the peer's pane is what the client shows.
   */
  async jump(): Promise<void> {
    const row = selectedRow(this.store.getState());
    if (!row) return;
    if (row.host) {
      // Switching a client reaches only this machine's tmux server.
      const there = splitRemoteAddress(row.address)?.target ?? row.address;
      update(this.store, {
        notice: {
          kind: 'error',
          text: `o jumps only to this machine's peers; ${row.address} runs on ${row.host} (there: tmux attach -t ${there})`,
        },
      });
      return;
    }
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
    const row = selectedRow(this.store.getState());
    const refused = row ? this.hostRefusal(row) : null;
    if (refused || (!row?.host && !this.store.getState().local)) {
      // Without this machine (--no-local) a new peer goes beside a host's selected peer, never here.
      const text =
        refused ?? 'not started: this dashboard leaves this machine out (--no-local); select a peer of the host to start one there';
      update(this.store, { notice: { kind: 'error', text } });
      return;
    }
    const cwd = row?.cwd;
    const link = row?.host ? this.hosts?.link(row.host) : undefined;
    update(this.store, {
      pending: 'spawn',
      notice: { kind: 'info', text: `starting a new Claude Code peer${row?.host ? ` on ${row.host}` : ''}…` },
    });
    try {
      if (row?.host) {
        // Beside the selected peer: on its host, in its folder.
        const r = link
          ? await callVerb(link, ['spawn', '--json', ...(cwd ? [`--cwd=${cwd}`] : [])], (c) =>
              writeOutcome(c, (j) => `new peer ${row.host}:${String(j.address)} is ready`),
            )
          : { ok: false, detail: `no link to ${row.host}` };
        update(this.store, { notice: { kind: r.ok ? 'ok' : 'error', text: r.ok ? r.detail : `spawn on ${row.host}: ${r.detail}` } });
        return;
      }
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
