// The write verbs as engine functions: the CLI and the dashboard call these, so both go
// through the same lock, gate, box check and audit log. Each returns a WriteResult.
import { setTimeout as sleep } from 'node:timers/promises';
import { observePane, type VerbContext } from '../cli/context.js';
import { slashTier } from '../gates/gates.js';
import { transcriptOf } from '../peers/observe.js';
import { modalSubject, resolveAnswerKey } from './answer.js';
import { deliverText, type DeliverOptions } from './deliver.js';
import { collectReply, type Reply, type TranscriptMark } from './reply.js';
import { runWrite, type ActResult, type WriteResult } from './write.js';

/** How long the modal may take to close or change after the key. */
export const ANSWER_CONFIRM_MS = 3000;

/** deliverText as a write act: delivered, or not submitted with what the box holds. */
export async function deliverAct(ctx: VerbContext, paneId: string, text: string, opts: DeliverOptions = { awaitBusy: true }): Promise<ActResult> {
  const d = await deliverText(ctx.tmux, paneId, text, opts);
  return d.outcome === 'delivered'
    ? { outcome: 'delivered', detail: d.detail, ok: true, extra: { toctou_ms: Math.round(d.windowMs * 10) / 10 } }
    : { outcome: 'not-submitted', detail: `not submitted: ${d.detail}`, ok: false, extra: { box: d.box } };
}

export interface SendOptions {
  force?: boolean;
  /** send --when-idle: wait up to this long, under the lock, for the gate to open. */
  whenIdleMs?: number;
}

export function sendMessage(ctx: VerbContext, target: string, text: string, opts: SendOptions = {}): Promise<WriteResult> {
  return runWrite(
    ctx,
    { verb: 'send', target, payload: text, force: opts.force === true },
    (view) => deliverAct(ctx, view.peer.pane.paneId, text),
    opts.whenIdleMs !== undefined ? { timeoutMs: opts.whenIdleMs, intervalMs: 500 } : undefined,
  );
}

export function runSlashCommand(ctx: VerbContext, target: string, command: string, opts: { force?: boolean; confirm?: boolean } = {}): Promise<WriteResult> {
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

export function pressEscape(ctx: VerbContext, target: string, opts: { force?: boolean } = {}): Promise<WriteResult> {
  return runWrite(ctx, { verb: 'esc', target, payload: 'Escape', force: opts.force === true }, async (view) => {
    await ctx.tmux.tmux(['send-keys', '-t', view.peer.pane.paneId, 'Escape']);
    await sleep(300);
    const after = (await observePane(ctx, view.peer.pane.paneId))?.classification.state ?? 'gone';
    const before = view.classification.state;
    return { outcome: 'delivered', detail: `Escape pressed (was ${before}, now ${after})`, ok: true, extra: { before, after } };
  });
}

export function answerModal(ctx: VerbContext, target: string, key: string, opts: { force?: boolean } = {}): Promise<WriteResult> {
  return runWrite(ctx, { verb: 'answer', target, payload: key, force: opts.force === true }, async (view) => {
    const modal = view.classification.modal;
    if (!modal) return { outcome: 'refused', detail: 'refused: no modal options on screen', ok: false };
    const option = resolveAnswerKey(modal, key);
    if (!option) {
      const shown = modal.options.map((o) => `${o.key}. ${o.label}`).join(', ');
      return { outcome: 'refused', detail: `refused: no option ${JSON.stringify(key)} on screen (options: ${shown})`, ok: false };
    }
    const subject = modalSubject(modal);
    await ctx.tmux.tmux(['send-keys', '-t', view.peer.pane.paneId, option.key]);
    // Confirm the modal took the key: it closes or shows something else.
    const before = JSON.stringify(modal.lines);
    const deadline = Date.now() + ANSWER_CONFIRM_MS;
    let after = 'unknown';
    while (Date.now() < deadline) {
      await sleep(80);
      const now = await observePane(ctx, view.peer.pane.paneId);
      if (!now) break;
      const c = now.classification;
      after = c.state;
      if (c.state !== 'modal' || JSON.stringify(c.modal?.lines) !== before) break;
    }
    const extra = { key: option.key, option: option.label, prompt: view.classification.prompt ?? null, subject, after };
    if (after === 'modal' && Date.now() >= deadline) {
      return { outcome: 'unconfirmed', detail: `pressed ${option.key} (${option.label}) but the modal did not change`, ok: false, extra };
    }
    return { outcome: 'delivered', detail: `answered ${option.key}. ${option.label}`, ok: true, extra };
  });
}

export interface AskResult {
  sent: WriteResult;
  /** Null when the message was not delivered. */
  reply: Reply | null;
}

export async function askPeer(ctx: VerbContext, target: string, text: string, opts: { force?: boolean; timeoutMs: number }): Promise<AskResult> {
  let mark: TranscriptMark | null = null;
  const sent = await runWrite(ctx, { verb: 'ask', target, payload: text, force: opts.force === true }, async (view) => {
    const file = await transcriptOf(view.peer);
    mark = file ? { path: file.path, size: file.size } : null;
    return deliverAct(ctx, view.peer.pane.paneId, text);
  });
  if (!sent.ok) return { sent, reply: null };
  return { sent, reply: await collectReply(ctx, sent.peer.pane.paneId, text, mark, opts.timeoutMs) };
}
