// Acting on a peer, one port with two sides: `localActions` runs the engine's gated writes on this machine's
// tmux, `hostActions` runs the same verb on the peer's host through its link (the host's own gates, lock and
// audit log; sent once by id). Both give back the same WriteReport (src/actions/write-report.ts) and say it in the
// same words; a host's answer is read by the link's schemas, never by matching its text. The controller picks
// a side by the row and handles pending and force once.
import { answerModal } from '../actions/answer-modal.js';
import { sendSaid, writeReport, type WriteReport } from '../actions/write-report.js';
import { spawnPeer } from '../actions/spawn.js';
import { askPeer, pressEscape, runSlashCommand, sendMessage } from '../actions/write-verbs.js';
import { LinkDropped, type CallResult, type HostLink } from '../remote/host-link.js';
import { qualify, unqualify } from '../remote/hosts.js';
import { AskReportSchema, decodeOutput, SpawnReportSchema, WriteReportSchema } from '../remote/protocol-schema.js';
import type { Session } from '../session/session.js';
import type { PeerRow } from '../watch/peer-row.js';

export const ASK_TIMEOUT_MS = 300_000;

/** What came of an action, for the notice line. */
export interface ActionOutcome {
  ok: boolean;
  /** Whole: `main:1.0: delivered (forced)`, `build:main:2.0: refused: the peer is busy (use --force)`. */
  text: string;
}

export interface AnswerOptions {
  force: boolean;
  confirm: boolean;
  /** The prompt the person saw: answered only while it is on screen. */
  promptId?: string;
  promptSeenAt?: number;
  /** With n through claude-dm's hook: what Claude is told. */
  message?: string;
}

export interface PeerActions {
  answer(row: PeerRow, key: string, o: AnswerOptions): Promise<ActionOutcome>;
  send(row: PeerRow, text: string, o: { force: boolean }): Promise<ActionOutcome>;
  ask(row: PeerRow, text: string, o: { force: boolean }): Promise<ActionOutcome>;
  esc(row: PeerRow, o: { force: boolean }): Promise<ActionOutcome>;
  /** `confirm`: a person said yes to a red command in its dialog. */
  command(row: PeerRow, command: string, o: { force: boolean; confirm: boolean }): Promise<ActionOutcome>;
  /** A new peer beside `row` (in its folder), or in this machine's working folder without one. */
  spawn(row: PeerRow | null): Promise<ActionOutcome>;
}

/** How a write is said, here and far alike: `WHERE: what happened`, `(forced)` when only --force let it through. */
export function reportText(where: string, r: WriteReport, said: (r: WriteReport) => string = (x) => x.detail): ActionOutcome {
  if (!r.ok) return { ok: false, text: `${where}: ${r.detail}` };
  return { ok: true, text: `${where}: ${said(r)}${r.gate?.forced ? ' (forced)' : ''}` };
}

const replied = (reply: string) => `replied: ${reply.split('\n')[0] ?? ''}`;

/** This machine's peers: the engine's own gated writes. */
export function localActions(ctx: Session): PeerActions {
  const said = (r: WriteReport, text = (x: WriteReport) => x.detail) => reportText(r.target, r, text);
  return {
    async answer(row, key, o) {
      const prompt = o.promptId ? { promptId: o.promptId, ...(o.promptSeenAt !== undefined ? { promptSeenAt: o.promptSeenAt } : {}) } : {};
      const message = o.message ? { message: o.message } : {};
      return said(writeReport(await answerModal(ctx, row.paneId, key, { force: o.force, confirm: o.confirm, ...prompt, ...message })));
    },
    async send(row, text, o) {
      return said(writeReport(await sendMessage(ctx, row.paneId, text, o)), sendSaid);
    },
    async ask(row, text, o) {
      const r = await askPeer(ctx, row.paneId, text, { ...o, timeoutMs: ASK_TIMEOUT_MS });
      const sent = writeReport(r.sent);
      if (r.reply && r.reply.status !== 'done') return said({ ...sent, ok: false, detail: `no reply: ${r.reply.status}` });
      return said(sent, () => replied(r.reply?.reply ?? ''));
    },
    async esc(row, o) {
      return said(writeReport(await pressEscape(ctx, row.paneId, o)));
    },
    async command(row, command, o) {
      return said(writeReport(await runSlashCommand(ctx, row.paneId, command, o)));
    },
    async spawn(row) {
      const spawned = await spawnPeer(ctx, row?.cwd ? { cwd: row.cwd } : {});
      return { ok: true, text: `new peer ${spawned.address} is ready` };
    },
  };
}

/** The other machines' links by host name (src/dashboard/host-fleet.ts's HostFleet). */
export interface HostLinks {
  link(name: string): HostLink | undefined;
}

/** The peer's pane id over there: `build:%3` → `%3`. */
export function farPaneId(row: Pick<PeerRow, 'paneId' | 'host'>): string {
  return (row.host ? unqualify(row.host, row.paneId) : null) ?? row.paneId;
}

/**
 * A verb on another host: `verb FLAGS… PANE -- WORDS…` there (`--force` and `--json` go first). The words (a
 * message's `-`, a key, a slash command and its arguments) come after `--`, so that nothing a person typed is
 * read as an option over there; text goes on stdin.
 */
export interface FarCall {
  verb: string;
  flags?: string[];
  words?: string[];
  stdin?: string;
}

export function farArgv(call: FarCall, paneId: string, force: boolean): string[] {
  const words = call.words ?? [];
  return [call.verb, ...(force ? ['--force'] : []), '--json', ...(call.flags ?? []), paneId, ...(words.length ? ['--', ...words] : [])];
}

/** Why a call has no report to read: the far side's own failure line, or what the link knows. */
function noReport(r: CallResult, reason: string): string {
  if (r.failure) return r.failure.message;
  return r.code === 0 ? `the answer over there is not one: ${reason}` : `exit ${r.code} there: ${reason}`;
}

/** Peers on other machines: the same verb run over there, through the host's link. */
export function hostActions(links: HostLinks): PeerActions {
  /** Runs the call over `row`'s link and says what came of it; a drop mid-call is unconfirmed, never sent again. */
  const run = async (row: PeerRow, argv: string[], read: (r: CallResult) => ActionOutcome, stdin?: string): Promise<ActionOutcome> => {
    const link = row.host ? links.link(row.host) : undefined;
    if (!link) return { ok: false, text: `${row.address}: no link to ${row.host ?? 'its host'}` };
    try {
      return read(await link.call(argv, stdin));
    } catch (e) {
      if (e instanceof LinkDropped) return { ok: false, text: `${row.address}: unconfirmed: ${e.message}` };
      return { ok: false, text: `${row.address}: ${(e as Error).message}` };
    }
  };
  const write = (row: PeerRow, call: FarCall, force: boolean, said?: (r: WriteReport) => string) =>
    run(
      row,
      farArgv(call, farPaneId(row), force),
      (r) => {
        const report = decodeOutput(r.stdout, WriteReportSchema, call.verb);
        return report.ok
          ? reportText(row.address, report.value, said)
          : { ok: false, text: `${row.address}: ${noReport(r, report.reason)}` };
      },
      call.stdin,
    );
  return {
    // Over there the answer waits for the prompt to take keys from its own first sighting.
    answer: (row, key, o) =>
      write(
        row,
        {
          verb: 'answer',
          flags: [
            ...(o.promptId ? ['--prompt', o.promptId] : []),
            ...(o.confirm ? ['--confirm'] : []),
            // One argument: whatever the person's words start with, never read as an option over there.
            ...(o.message ? [`--message=${o.message}`] : []),
          ],
          words: [key],
        },
        o.force,
      ),
    // The text goes on stdin (`-`): never parsed as options over there, whatever it starts with. As from the
    // dashboard here: no "DM from" prefix, whatever pane the agent's environment names.
    send: (row, text, o) => write(row, { verb: 'send', flags: ['--no-from'], words: ['-'], stdin: text }, o.force, sendSaid),
    ask: (row, text, o) =>
      run(
        row,
        farArgv({ verb: 'ask', flags: ['--no-from'], words: ['-', String(ASK_TIMEOUT_MS / 1000)] }, farPaneId(row), o.force),
        (r) => {
          const report = decodeOutput(r.stdout, AskReportSchema, 'ask');
          if (!report.ok) return { ok: false, text: `${row.address}: ${noReport(r, report.reason)}` };
          const a = report.value;
          if (!('reply' in a)) return { ok: false, text: `${row.address}: ${a.detail}` };
          if (a.status !== 'done') return { ok: false, text: `${row.address}: no reply: ${a.status}` };
          return { ok: true, text: `${row.address}: ${replied(a.reply)}` };
        },
        text,
      ),
    esc: (row, o) => write(row, { verb: 'esc' }, o.force),
    command: (row, command, o) =>
      write(row, { verb: 'cmd', flags: o.confirm ? ['--confirm'] : [], words: command.split(/\s+/u).filter(Boolean) }, o.force),
    // Beside the selected peer: on its host, in its folder.
    spawn: (row) => {
      if (!row?.host) return Promise.resolve({ ok: false, text: 'spawn: no host peer selected' });
      const host = row.host;
      return run(row, ['spawn', '--json', ...(row.cwd ? [`--cwd=${row.cwd}`] : [])], (r) => {
        const report = decodeOutput(r.stdout, SpawnReportSchema, 'spawn');
        return report.ok
          ? { ok: true, text: `new peer ${qualify(host, report.value.address)} is ready` }
          : { ok: false, text: `spawn on ${host}: ${noReport(r, report.reason)}` };
      });
    },
  };
}
