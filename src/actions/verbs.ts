// The write verbs as engine functions: the CLI and the dashboard call these, so both go
// through the same lock, gate, box check and audit log. Each returns a WriteResult.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Session } from '../session/session.js';
import { observePane } from '../session/peers.js';
import { slashTier } from '../gates/gates.js';
import { transcriptOf } from '../peers/observe.js';
import { answerKeyTable, modalSubject, optionText, planAnswer, type AnswerPlan } from './answer.js';
import type { Modal } from '../classify/screen.js';
import { deliverText, type DeliverOptions } from './deliver.js';
import { collectReply, type Reply, type TranscriptMark } from './reply.js';
import { runWrite, type ActResult, type WriteRequest, type WriteResult } from './write.js';
import { gate, type GateDecision, type GateInput } from '../gates/gates.js';
import type { PeerView } from '../peers/observe.js';
import { chooseChannel, inboxGate, type ChannelWish } from '../inbox/channel.js';
import { inboundOf, inboxAdvert, sendThroughInbox } from '../inbox/send.js';

/** How long the modal may take to close or change after the key. */
export const ANSWER_CONFIRM_MS = 3000;

/** deliverText as a write act: delivered, or not submitted with what the box holds. */
export async function deliverAct(
  ctx: Session,
  paneId: string,
  text: string,
  opts: DeliverOptions = { awaitBusy: true },
): Promise<ActResult> {
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
}

/**
 * The gate for send/ask: first the channel (from the peer's files), then that channel's matrix. It sets
 * req.channel, which the act and the audit line read.
 */
function channelGate(req: WriteRequest, wish: ChannelWish, whenIdle: boolean): (input: GateInput, view: PeerView) => GateDecision {
  return (input, view) => {
    const advert = inboxAdvert(view.peer);
    const inbound = advert.socketPath ? inboundOf(view.peer) : null;
    const choice = chooseChannel(wish, advert, inbound);
    if (!choice.ok) return { allowed: false, forced: false, reason: choice.reason };
    req.channel = choice.channel;
    if (choice.channel === 'keys') return gate(input);
    return inboxGate({ state: input.classification.state, isSelf: input.isSelf === true, force: input.force === true, whenIdle, inbound });
  };
}

/** The inbox act: one line to the peer's socket, the outcome read back from its records. */
async function inboxAct(ctx: Session, view: PeerView, text: string): Promise<ActResult & { mark: TranscriptMark | null; msgId: string }> {
  return sendThroughInbox(view.peer, text, { replySocket: ctx.env.CLAUDE_CODE_MESSAGING_SOCKET || null, state: view.classification.state });
}

export function sendMessage(ctx: Session, target: string, text: string, opts: SendOptions = {}): Promise<WriteResult> {
  const req: WriteRequest = { verb: 'send', target, payload: text, force: opts.force === true };
  req.gate = channelGate(req, opts.channel ?? 'auto', opts.whenIdleMs !== undefined);
  return runWrite(
    ctx,
    req,
    (view) => (req.channel === 'inbox' ? inboxAct(ctx, view, text) : deliverAct(ctx, view.peer.pane.paneId, text)),
    opts.whenIdleMs !== undefined ? { timeoutMs: opts.whenIdleMs, intervalMs: 500 } : undefined,
  );
}

export function runSlashCommand(
  ctx: Session,
  target: string,
  command: string,
  opts: { force?: boolean; confirm?: boolean } = {},
): Promise<WriteResult> {
  return runWrite(
    ctx,
    { verb: 'cmd', target, payload: command, command, force: opts.force === true, confirm: opts.confirm === true },
    // Many slash commands never start a turn: no waiting for busy.
    async (view) => {
      const r = await deliverAct(ctx, view.peer.pane.paneId, command, {});
      return { ...r, extra: { ...r.extra, tier: slashTier(command) } };
    },
  );
}

export function pressEscape(ctx: Session, target: string, opts: { force?: boolean } = {}): Promise<WriteResult> {
  return runWrite(ctx, { verb: 'esc', target, payload: 'Escape', force: opts.force === true }, async (view) => {
    await ctx.tmux.tmux(['send-keys', '-t', view.peer.pane.paneId, 'Escape']);
    await sleep(300);
    const after = (await observePane(ctx, view.peer.pane.paneId))?.classification.state ?? 'gone';
    const before = view.classification.state;
    return { outcome: 'delivered', detail: `Escape pressed (was ${before}, now ${after})`, ok: true, extra: { before, after } };
  });
}

export interface AnswerOptions {
  force?: boolean;
  /** Allow an option that widens the peer's permissions (always allow, auto mode, accept edits…). */
  confirm?: boolean;
}

export function answerModal(ctx: Session, target: string, key: string, opts: AnswerOptions = {}): Promise<WriteResult> {
  const req = { verb: 'answer' as const, target, payload: key, force: opts.force === true, confirm: opts.confirm === true };
  return runWrite(ctx, req, async (view) => {
    const choice = planAnswer(view.classification, key);
    if (!choice.ok)
      return { outcome: 'refused', detail: `refused: ${choice.reason}`, ok: false, extra: { keys: answerKeyTable(view.classification) } };
    const { plan } = choice;
    const modal = view.classification.modal!;
    const label = optionText(plan.option);
    const extra = {
      key: plan.option.key,
      option: label,
      widens: plan.widens,
      prompt: view.classification.prompt ?? null,
      subject: modalSubject(modal),
      keys: answerKeyTable(view.classification),
    };
    if (plan.widens && opts.confirm !== true) {
      return {
        outcome: 'refused',
        detail: `refused: ${JSON.stringify(label)} widens the peer's permissions: add --confirm to pick it`,
        ok: false,
        extra,
      };
    }
    const paneId = view.peer.pane.paneId;
    const pressed = await pressAnswer(ctx, paneId, modal, plan);
    if (!pressed.ok) return { outcome: 'refused', detail: `refused: ${pressed.detail}`, ok: false, extra };
    // Confirm the modal took the key: it closes or shows something else.
    const before = JSON.stringify(modal.lines);
    const deadline = Date.now() + ANSWER_CONFIRM_MS;
    let after = 'unknown';
    while (Date.now() < deadline) {
      await sleep(80);
      const now = await observePane(ctx, paneId);
      if (!now) break;
      const c = now.classification;
      after = c.state;
      if (c.state !== 'modal' || JSON.stringify(c.modal?.lines) !== before) break;
    }
    const how = pressed.detail;
    if (after === 'modal' && Date.now() >= deadline) {
      return {
        outcome: 'unconfirmed',
        detail: `pressed ${how} (${label}) but the modal did not change`,
        ok: false,
        extra: { ...extra, after },
      };
    }
    const what = plan.stroke.kind === 'digit' ? `${plan.option.key}. ${label}` : `${JSON.stringify(label)} (${how})`;
    return { outcome: 'delivered', detail: `answered ${what}`, ok: true, extra: { ...extra, after } };
  });
}

/**
 * Presses what the plan says. An unnumbered list is answered by moving the cursor, reading the
 * screen back, and pressing Enter only when the cursor sits on the chosen option of the same prompt.
 */
async function pressAnswer(ctx: Session, paneId: string, modal: Modal, plan: AnswerPlan): Promise<{ ok: boolean; detail: string }> {
  const { stroke } = plan;
  if (stroke.kind === 'digit') {
    await ctx.tmux.tmux(['send-keys', '-t', paneId, stroke.digit]);
    return { ok: true, detail: stroke.digit };
  }
  if (stroke.kind === 'key') {
    await ctx.tmux.tmux(['send-keys', '-t', paneId, stroke.key]);
    return { ok: true, detail: stroke.key };
  }
  const moves = stroke.to - stroke.from;
  if (moves !== 0) {
    await ctx.tmux.tmux(['send-keys', '-t', paneId, '-N', String(Math.abs(moves)), moves > 0 ? 'Down' : 'Up']);
  }
  const deadline = Date.now() + ANSWER_CONFIRM_MS;
  for (;;) {
    const now = await observePane(ctx, paneId);
    const m = now?.classification.modal;
    const sameModal =
      m?.style === 'cursor' && JSON.stringify(m.options.map((o) => o.label)) === JSON.stringify(modal.options.map((o) => o.label));
    if (!sameModal) return { ok: false, detail: 'the prompt changed while the cursor moved; nothing was chosen' };
    if (m.options[stroke.to]?.selected) break;
    if (Date.now() >= deadline) {
      const at = m.options.find((o) => o.selected)?.label ?? 'nothing';
      return {
        ok: false,
        detail: `the cursor is on ${JSON.stringify(at)}, not ${JSON.stringify(plan.option.label)}; Enter was not pressed`,
      };
    }
    await sleep(50);
  }
  await ctx.tmux.tmux(['send-keys', '-t', paneId, 'Enter']);
  return { ok: true, detail: moves === 0 ? 'Enter' : `${Math.abs(moves)}× ${moves > 0 ? 'Down' : 'Up'}, Enter` };
}

export interface AskResult {
  sent: WriteResult;
  /** Null when the message was not delivered. */
  reply: Reply | null;
}

export async function askPeer(
  ctx: Session,
  target: string,
  text: string,
  opts: { force?: boolean; timeoutMs: number; channel?: ChannelWish },
): Promise<AskResult> {
  let mark: TranscriptMark | null = null;
  let msgId: string | null = null;
  const req: WriteRequest = { verb: 'ask', target, payload: text, force: opts.force === true };
  req.gate = channelGate(req, opts.channel ?? 'auto', false);
  const sent = await runWrite(ctx, req, async (view) => {
    if (req.channel === 'inbox') {
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
  return { sent, reply: await collectReply(ctx, sent.peer.pane.paneId, prompt, mark, opts.timeoutMs) };
}
