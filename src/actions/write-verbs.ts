// The write verbs as engine functions: the CLI and the dashboard call these, so both go
// through the same lock, gate, box check and audit log. Each returns a WriteResult.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Session } from '../session/session.js';
import { observePane } from '../session/peers.js';
import { slashTier } from '../gates/gates.js';
import { transcriptOf } from '../peers/observe.js';
import { ANSWER_GUARD_MS } from './answer-modal.js';
import { deliverText, type DeliverOptions } from './deliver.js';
import { collectReply, type Reply, type TranscriptMark } from './reply.js';
import { runWrite, type ActResult, type Route, type Router, type WriteRequest, type WriteResult } from './write.js';
import { gate, type SlashTier } from '../gates/gates.js';
import type { PeerView } from '../peers/observe.js';
import { chooseChannel, inboxGate, type ChannelWish } from '../inbox/channel.js';
import { inboundOf, inboxAdvert, sendThroughInbox, type InboxExtra } from '../inbox/send.js';

/** What typing a message adds: how long the check-then-Enter window was, or what the box held instead. */
export interface KeysExtra {
  /** From the last look at the box to Enter, in ms (delivered). */
  toctou_ms?: number;
  /** What the input box held when the text did not show there (not submitted); null when there was no box. */
  box?: string | null;
}

/** send and ask: the fields of the channel the route chose (WriteResult.channel says which). */
export type SendExtra = KeysExtra | InboxExtra;

export interface CmdExtra extends KeysExtra {
  tier: SlashTier;
}

export interface EscExtra {
  /** The state before the key, and after it. */
  before: string;
  after: string;
}

/** deliverText as a write act: delivered, or not submitted with what the box holds. */
export async function deliverAct(
  ctx: Session,
  paneId: string,
  text: string,
  opts: DeliverOptions = { awaitBusy: true },
): Promise<ActResult<KeysExtra>> {
  const d = await deliverText(ctx, paneId, text, opts);
  return d.outcome === 'delivered'
    ? { outcome: 'delivered', detail: d.detail, ok: true, extra: { toctou_ms: Math.round(d.windowMs * 10) / 10 } }
    : { outcome: 'not-submitted', detail: `not submitted: ${d.detail}`, ok: false, extra: { box: d.box } };
}

export interface SendOptions {
  force?: boolean;
  /** send --when-idle: wait up to this long, under the lock, for the gate to open. */
  whenIdleMs?: number;
  /** --inbox / --keys; by default the inbox wherever the peer advertises one. */
  channel?: ChannelWish;
  /** --raw: control characters in the text go through (they act as keys); refused otherwise. */
  raw?: boolean;
}

/**
 * The route for send/ask: first the channel (from the peer's files: the inbox wherever it advertises one,
 * unless the caller asked for one), then that channel's gate on the settled view.
 */
function channelRoute(wish: ChannelWish, whenIdle: boolean): Router {
  return (input, view) => {
    const advert = inboxAdvert(view.peer);
    const inbound = advert.socketPath ? inboundOf(view.peer) : null;
    const choice = chooseChannel(wish, advert, inbound);
    if (!choice.ok) return { channel: 'keys', decision: { allowed: false, forced: false, reason: choice.reason } };
    if (choice.channel === 'keys') return { channel: 'keys', decision: gate(input) };
    const state = input.classification.state;
    return {
      channel: 'inbox',
      decision: inboxGate({ state, isSelf: input.isSelf === true, force: input.force === true, whenIdle, inbound }),
    };
  };
}

/** The inbox act: one line to the peer's socket, the outcome read back from its records. */
function inboxAct(ctx: Session, view: PeerView, text: string) {
  return sendThroughInbox(view.peer, text, { replySocket: ctx.env.CLAUDE_CODE_MESSAGING_SOCKET || null, state: view.classification.state });
}

/** A message down the channel the route chose. */
function messageAct(ctx: Session, view: PeerView, route: Route, text: string): Promise<ActResult<SendExtra>> {
  return route.channel === 'inbox' ? inboxAct(ctx, view, text) : deliverAct(ctx, view.peer.pane.paneId, text);
}

/** send's and ask's request: the text is the payload and the message checked for control characters. */
function messageRequest(verb: 'send' | 'ask', target: string, text: string, opts: SendOptions): WriteRequest {
  return {
    verb,
    target,
    payload: text,
    message: text,
    raw: opts.raw === true,
    force: opts.force === true,
    route: channelRoute(opts.channel ?? 'auto', opts.whenIdleMs !== undefined),
  };
}

export function sendMessage(ctx: Session, target: string, text: string, opts: SendOptions = {}): Promise<WriteResult<SendExtra>> {
  const req = messageRequest('send', target, text, opts);
  return runWrite(
    ctx,
    req,
    (view, route) => messageAct(ctx, view, route, text),
    opts.whenIdleMs !== undefined ? { timeoutMs: opts.whenIdleMs, intervalMs: 500 } : undefined,
  );
}

export function runSlashCommand(
  ctx: Session,
  target: string,
  command: string,
  opts: { force?: boolean; confirm?: boolean } = {},
): Promise<WriteResult<CmdExtra>> {
  return runWrite<CmdExtra>(
    ctx,
    // A slash command is never raw: a control character in it is refused.
    { verb: 'cmd', target, payload: command, message: command, command, force: opts.force === true, confirm: opts.confirm === true },
    // Many slash commands never start a turn: no waiting for busy.
    async (view) => {
      const r = await deliverAct(ctx, view.peer.pane.paneId, command, {});
      return { ...r, extra: { ...r.extra, tier: slashTier(command) } };
    },
  );
}

export function pressEscape(ctx: Session, target: string, opts: { force?: boolean } = {}): Promise<WriteResult<EscExtra>> {
  return runWrite<EscExtra>(ctx, { verb: 'esc', target, payload: 'Escape', force: opts.force === true }, async (view) => {
    // A prompt just painted ignores keys for a moment, Escape too: wait as an answer does.
    const guard = view.classification.state === 'modal' ? view.since + ANSWER_GUARD_MS - ctx.clock.now() : 0;
    if (guard > 0) await ctx.clock.sleep(guard);
    await ctx.tmux.tmux(['send-keys', '-t', view.peer.pane.paneId, 'Escape']);
    await sleep(300);
    const after = (await observePane(ctx, view.peer.pane.paneId))?.classification.state ?? 'gone';
    const before = view.classification.state;
    return { outcome: 'delivered', detail: `Escape pressed (was ${before}, now ${after})`, ok: true, extra: { before, after } };
  });
}

export interface AskResult {
  sent: WriteResult<SendExtra>;
  /** Null when the message was not delivered. */
  reply: Reply | null;
}

export async function askPeer(
  ctx: Session,
  target: string,
  text: string,
  opts: Omit<SendOptions, 'whenIdleMs'> & { timeoutMs: number },
): Promise<AskResult> {
  let mark: TranscriptMark | null = null;
  let msgId: string | null = null;
  const { timeoutMs, ...send } = opts;
  const sent = await runWrite<SendExtra>(ctx, messageRequest('ask', target, text, send), async (view, route) => {
    if (route.channel === 'inbox') {
      const r = await inboxAct(ctx, view, text);
      mark = r.mark;
      msgId = r.msgId;
      return r;
    }
    const file = await transcriptOf(view.peer);
    mark = file ? { path: file.path, size: file.size } : null;
    return deliverAct(ctx, view.peer.pane.paneId, text);
  });
  if (!sent.ok) return { sent, reply: null };
  // Through the inbox our turn is found by its msg_id (the text Claude Code records is wrapped), and a busy or
  // modal peer reads it only later: the wait goes through the queue.
  const prompt = msgId !== null ? { msgId } : text;
  return { sent, reply: await collectReply(ctx, sent.peer.pane.paneId, prompt, mark, timeoutMs) };
}
