// `answer` as an engine function: the prompt on screen is planned (answer.ts), checked against the
// prompt the caller aimed at, given time to take keys, pressed, and confirmed from the strongest
// signal there is. `delivered` is claimed only when the prompt closed or moved on: a key Claude Code
// ignored (it moved the cursor, or nothing) is never taken for an answer, or the caller would answer
// again and the second key would land on the next prompt.
import { promptRef, type PromptRef } from '../classify/prompt-id.js';
import { modalSubject, type Modal } from '../classify/screen.js';
import type { PeerView } from '../peers/observe.js';
import { observePane } from '../session/peers.js';
import type { Session } from '../session/session.js';
import { gate } from '../gates/gates.js';
import { claimRequest, readClosed, type PermissionRequest } from '../hook/requests.js';
import { answerKeyTable, optionText, planAnswer, type AnswerKeyRow, type AnswerPlan } from './answer.js';
import { readPending, requestOnScreen } from '../hook/on-screen.js';
import { alreadyAnswered, decisionFor, hookPickup, HOOK_PICKUP_MS, questionDecision } from './answer-hook.js';
import type { SettledView } from './settle.js';
import { runWrite, type ActResult, type Router, type WriteResult } from './write.js';

/**
 * Claude Code 2.1.3xx ignores keys that arrive within ~150 ms of painting a prompt (a digit then only
 * moves the cursor, Enter does nothing; `scripts/measure-input-guard.mjs` measures it, the binary holds
 * 150, 250 and 700 ms constants for it). A key is pressed no sooner than this after the prompt was first
 * seen, and the screen is read again just before.
 */
export const ANSWER_GUARD_MS = 400;
/** How long the prompt may take to close or move on after the key, on a loaded machine. */
export const ANSWER_CONFIRM_MS = 10_000;
/** Between two looks while confirming. */
export const ANSWER_POLL_MS = 100;
/** How long the cursor of an unnumbered list may take to reach the option before Enter. */
export const CURSOR_MOVE_MS = 3_000;

export interface AnswerOptions {
  force?: boolean;
  /** Allow an option that widens the peer's permissions (always allow, auto mode, accept edits…). */
  confirm?: boolean;
  /** The prompt this answer is for (`status --json`'s prompt_id): refused, nothing typed, when another is open. */
  promptId?: string;
  /** When the caller first saw that prompt (the dashboard's poller): the wait for the prompt to take keys counts from there. */
  promptSeenAt?: number;
  /** `n` through the hook: what Claude is told (why not, what to do instead). */
  message?: string;
  /** Who answers, for the request's record (the audit log names the caller pane besides). */
  by?: string;
}

/** What an answer reports beside its outcome (`answer --json`). */
export interface AnswerExtra {
  /** The prompt on screen when the answer was planned (null: none, or still opening); a request's id (rq-…) through the hook. */
  prompt_id: string | null;
  /** Through the hook: the request answered, and the decision handed to Claude Code. */
  request_id?: string;
  decision?: { behavior: 'allow' | 'deny'; message?: string; updatedPermissions?: unknown[]; answers?: Record<string, string> };
  /** What each key would pick there. */
  keys: AnswerKeyRow[];
  /** The option picked: its key as pressed (a digit, Enter, Escape), its words, whether it widens permissions. */
  key?: string;
  option?: string;
  widens?: boolean;
  /** The prompt's kind and what it asks (the tool and its command, file or URL). */
  prompt?: string | null;
  subject?: string[];
  /** The state after the key, and the signals that said the prompt closed (none: unconfirmed). */
  after?: string;
  confirmed_by?: string[];
}

/** The same prompt: what it asks is unchanged, and the ids agree where both are known. */
function samePrompt(a: PromptRef | null, b: PromptRef | null): boolean {
  return a !== null && b !== null && a.look === b.look && (a.id === null || b.id === null || a.id === b.id);
}

const refused = (detail: string, extra: AnswerExtra): ActResult<AnswerExtra> => ({
  outcome: 'refused',
  detail: `refused: ${detail}`,
  ok: false,
  extra,
});

/** y, n or a as one letter; null for a number (an option as shown: keys only). */
function meaningKey(key: string): 'y' | 'n' | 'a' | null {
  const k = key.toLowerCase();
  return k === 'y' || k === 'yes' ? 'y' : k === 'n' || k === 'no' ? 'n' : k === 'a' || k === 'always' ? 'a' : null;
}

/** Where the answer goes: the hook, when a request of this peer's is the prompt on screen; else keys. */
interface HookChoice {
  dir: string | null;
  request: PermissionRequest | null;
  /** --prompt rq-… named a request that is not the one on screen, or not pending: why (nothing is sent). */
  refusal: string | null;
}

export function answerModal(ctx: Session, target: string, key: string, opts: AnswerOptions = {}): Promise<WriteResult<AnswerExtra>> {
  const choice: HookChoice = { dir: null, request: null, refusal: null };
  // Chosen on the settled view, under the lock: the channel is in the result and the audit line.
  const route: Router = (input, view) => {
    Object.assign(choice, chooseHook(ctx, view, key, opts));
    // A request named by --prompt that is over says so first, whatever the peer shows now (idle, most likely).
    if (choice.refusal !== null) return { channel: 'keys', decision: { allowed: false, forced: false, reason: choice.refusal } };
    return { channel: choice.request ? 'hook' : 'keys', decision: gate(input) };
  };
  const req = { verb: 'answer' as const, target, payload: key, force: opts.force === true, confirm: opts.confirm === true, route };
  return runWrite(ctx, req, (view) =>
    choice.request && choice.dir ? answerByHook(ctx, view, key, choice.request, choice.dir, opts) : answerAct(ctx, view, key, opts),
  );
}

/** A question goes through the hook by its option's number (questionDecision); a permission by y, n or a. */
const hookTakes = (r: PermissionRequest, key: string): boolean =>
  meaningKey(key) !== null ? r.tool !== 'AskUserQuestion' : questionDecision(r, key, '', 0) !== null;

function chooseHook(ctx: Session, view: PeerView, key: string, opts: AnswerOptions): HookChoice {
  const { dir, requests } = readPending(ctx);
  const onScreen = requestOnScreen(requests, view);
  if (opts.promptId?.startsWith('rq-')) {
    if (onScreen?.id === opts.promptId) {
      if (!hookTakes(onScreen, key))
        return {
          dir,
          request: null,
          refusal: `the request ${opts.promptId} (${onScreen.tool}) takes ${onScreen.tool === 'AskUserQuestion' ? "one of its options' numbers" : 'y, n or a'}; nothing was sent`,
        };
      return { dir, request: onScreen, refusal: null };
    }
    const pending = requests.some((r) => r.id === opts.promptId);
    return {
      dir,
      request: null,
      refusal: pending
        ? `the request ${opts.promptId} is not the prompt on screen; nothing was sent`
        : alreadyAnswered(opts.promptId, dir ? readClosed(dir, opts.promptId) : null, null),
    };
  }
  return { dir, request: onScreen && hookTakes(onScreen, key) ? onScreen : null, refusal: null };
}

async function answerAct(ctx: Session, view: SettledView, key: string, opts: AnswerOptions): Promise<ActResult<AnswerExtra>> {
  if (opts.message !== undefined)
    return refused(
      "--message goes only through claude-dm's permission hook, and no request of this prompt is pending there (claude-dm hooks status); nothing was typed",
      { prompt_id: promptRef(view.peer.pane.paneId, view.classification, view.peer.session)?.id ?? null, keys: keysOf(view) },
    );
  const paneId = view.peer.pane.paneId;
  const prompt = promptRef(paneId, view.classification, view.peer.session);
  const promptId = prompt?.id ?? null;
  if (opts.promptId !== undefined && promptId !== opts.promptId) {
    const now = promptId === null ? (prompt ? 'a prompt still opening (ask status again)' : 'no prompt') : `prompt ${promptId}`;
    return refused(`the prompt ${opts.promptId} is not the one on screen (${now}); nothing was typed`, {
      prompt_id: promptId,
      keys: keysOf(view),
    });
  }
  const choice = planAnswer(view.classification, key);
  if (!choice.ok) return refused(choice.reason, { prompt_id: promptId, keys: keysOf(view) });
  const modal = view.classification.modal;
  if (!prompt || !modal) return refused('no prompt on screen to answer', { prompt_id: promptId, keys: keysOf(view) });
  const label = optionText(choice.plan.option);
  const extra: AnswerExtra = {
    key: choice.plan.option.key,
    option: label,
    widens: choice.plan.widens,
    prompt: view.classification.prompt ?? null,
    prompt_id: promptId,
    subject: modalSubject(modal),
    keys: keysOf(view),
  };
  if (choice.plan.widens && opts.confirm !== true) {
    return refused(`${JSON.stringify(label)} widens the peer's permissions: add --confirm to pick it`, extra);
  }

  const ready = await promptTakesKeys(ctx, view, prompt, opts);
  if (!ready) return refused('the prompt changed while claude-dm waited for it to take keys; nothing was typed', extra);
  const plan = planAnswer(ready.classification, key);
  if (!plan.ok || optionText(plan.plan.option) !== label) return refused('the prompt changed before the key; nothing was typed', extra);

  const pressed = await pressAnswer(ctx, paneId, ready.classification.modal!, plan.plan);
  if (!pressed.ok) return refused(pressed.detail, extra);
  const confirmed = await confirmAnswer(ctx, ready, prompt);
  const what = plan.plan.stroke.kind === 'digit' ? `${plan.plan.option.key}. ${label}` : `${JSON.stringify(label)} (${pressed.detail})`;
  if (confirmed.by.length === 0) {
    return {
      outcome: 'unconfirmed',
      detail: `pressed ${pressed.detail} (${label}), but nothing says it was taken after ${ANSWER_CONFIRM_MS / 1000} s: ${confirmed.now}`,
      ok: false,
      extra: { ...extra, after: confirmed.after, confirmed_by: [] },
    };
  }
  return {
    outcome: 'delivered',
    detail: `answered ${what} (the prompt closed: ${confirmed.by.join(', ')})`,
    ok: true,
    extra: { ...extra, after: confirmed.after, confirmed_by: confirmed.by },
  };
}

const keysOf = (v: PeerView) => answerKeyTable(v.classification);

/**
 * The answer as a decision on the request the hook holds: planned on the screen as a key would be (what y, n
 * and a mean there, whether it widens, refused the same way), claimed once, picked up by the hook, then
 * confirmed as a key is (the prompt closed). No key reaches the pane, and no wait for it to take keys.
 */
async function answerByHook(
  ctx: Session,
  view: SettledView,
  key: string,
  request: PermissionRequest,
  dir: string,
  opts: AnswerOptions,
): Promise<ActResult<AnswerExtra>> {
  const choice = planAnswer(view.classification, key);
  const base: AnswerExtra = { prompt_id: request.id, request_id: request.id, keys: keysOf(view) };
  if (!choice.ok) return refused(choice.reason, base);
  const modal = view.classification.modal!;
  const label = optionText(choice.plan.option);
  const extra: AnswerExtra = {
    ...base,
    key: meaningKey(key) ?? key,
    option: label,
    widens: choice.plan.widens,
    prompt: view.classification.prompt ?? null,
    subject: modalSubject(modal),
  };
  if (choice.plan.widens && opts.confirm !== true) {
    return refused(`${JSON.stringify(label)} widens the peer's permissions: add --confirm to pick it`, extra);
  }
  const k = meaningKey(key);
  if (opts.message !== undefined && k !== 'n')
    return refused('--message goes with n (what Claude is told on a No); nothing was sent', extra);
  const by = opts.by ?? `claude-dm (pid ${process.pid})`;
  const decision =
    k !== null ? decisionFor(k, request, by, ctx.clock.now(), opts.message) : questionDecision(request, key, by, ctx.clock.now());
  if (decision === null) return refused(`${key} is not one of the question's own options; nothing was sent`, extra);
  const answers = decision.updatedInput?.answers as Record<string, string> | undefined;
  // The number picks the same option on screen and in the request, or nothing is sent.
  if (answers && !Object.values(answers).includes(choice.plan.option.label))
    return refused(`option ${key} on screen (${JSON.stringify(label)}) is not the request's; nothing was sent`, extra);
  const { updatedPermissions, message, behavior } = decision;
  extra.decision = {
    behavior,
    ...(message ? { message } : {}),
    ...(updatedPermissions ? { updatedPermissions } : {}),
    ...(answers ? { answers } : {}),
  };
  const claim = claimRequest(dir, request.id, decision);
  if (!claim.won) return refused(alreadyAnswered(request.id, readClosed(dir, request.id), claim.standing), extra);
  const closed = await hookPickup(ctx, dir, request.id);
  if (closed === null)
    return {
      outcome: 'unconfirmed',
      detail: `the hook did not take the answer within ${HOOK_PICKUP_MS / 1000} s (request ${request.id}): look at the peer before answering again`,
      ok: false,
      extra: { ...extra, confirmed_by: [] },
    };
  if (closed.how === 'over' || closed.decision?.at !== decision.at)
    return refused(`the request ${request.id} ended before the hook took the answer (${closed.why}); nothing was sent`, extra);
  const prompt = promptRef(view.peer.pane.paneId, view.classification, view.peer.session);
  const confirmed = prompt ? await confirmAnswer(ctx, view, prompt) : { by: [], after: view.classification.state, now: '' };
  const said = `${behavior === 'allow' ? 'allowed' : 'denied'} ${JSON.stringify(label)} through the hook (request ${request.id})`;
  return {
    outcome: 'delivered',
    detail: `${said}${confirmed.by.length ? ` (the prompt closed: ${confirmed.by.join(', ')})` : ''}`,
    ok: true,
    extra: { ...extra, after: confirmed.after, confirmed_by: ['request closed', ...confirmed.by] },
  };
}

/**
 * Waits until the prompt has been on screen for ANSWER_GUARD_MS, from the first time it was seen (by this
 * write, or by the caller that aimed at it), then reads it again: the view to press on, or null when
 * the prompt is no longer the same.
 */
async function promptTakesKeys(ctx: Session, view: SettledView, prompt: PromptRef | null, opts: AnswerOptions): Promise<PeerView | null> {
  const aimed = opts.promptId !== undefined && opts.promptId === prompt?.id && opts.promptSeenAt !== undefined;
  const seen = aimed ? Math.min(view.since, opts.promptSeenAt!) : view.since;
  const wait = seen + ANSWER_GUARD_MS - ctx.clock.now();
  if (wait <= 0) return view;
  await ctx.clock.sleep(wait);
  const now = await observePane(ctx, view.peer.pane.paneId);
  if (!now) return null;
  return samePrompt(prompt, promptRef(now.peer.pane.paneId, now.classification, now.peer.session)) ? now : null;
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
  const deadline = ctx.clock.now() + CURSOR_MOVE_MS;
  for (;;) {
    const now = await observePane(ctx, paneId);
    const m = now?.classification.modal;
    const sameModal =
      m?.style === 'cursor' && JSON.stringify(m.options.map((o) => o.label)) === JSON.stringify(modal.options.map((o) => o.label));
    if (!sameModal) return { ok: false, detail: 'the prompt changed while the cursor moved; nothing was chosen' };
    if (m.options[stroke.to]?.selected) break;
    if (ctx.clock.now() >= deadline) {
      const at = m.options.find((o) => o.selected)?.label ?? 'nothing';
      return {
        ok: false,
        detail: `the cursor is on ${JSON.stringify(at)}, not ${JSON.stringify(plan.option.label)}; Enter was not pressed`,
      };
    }
    await ctx.clock.sleep(50);
  }
  await ctx.tmux.tmux(['send-keys', '-t', paneId, 'Enter']);
  return { ok: true, detail: moves === 0 ? 'Enter' : `${Math.abs(moves)}× ${moves > 0 ? 'Down' : 'Up'}, Enter` };
}

interface Confirmation {
  /** The signals that moved: `screen` (two looks in a row), `sessions record`, `transcript`; empty when none did. */
  by: string[];
  /** The state last seen (`gone` when the pane closed). */
  after: string;
  /** What the peer shows now, for an unconfirmed answer. */
  now: string;
}

/**
 * Watches the peer until its prompt closed or moved on: the screen shows no modal, or another prompt, in
 * two looks in a row; the sessions record leaves this prompt's `waiting`; the transcript gets the result
 * of the tool call the prompt asked about. A cursor that moved is none of these.
 */
async function confirmAnswer(ctx: Session, before: PeerView, prompt: PromptRef): Promise<Confirmation> {
  const paneId = before.peer.pane.paneId;
  const record = before.peer.session;
  const waitingSince = record?.status === 'waiting' ? (record.statusUpdatedAt ?? record.updatedAt ?? null) : null;
  const pending = before.tail?.pendingToolUseId ?? null;
  const deadline = ctx.clock.now() + ANSWER_CONFIRM_MS;
  let screenMoves = 0;
  let last: PeerView;
  for (;;) {
    await ctx.clock.sleep(ANSWER_POLL_MS);
    const now = await observePane(ctx, paneId);
    if (!now) return { by: [], after: 'gone', now: 'the pane closed after the key' };
    last = now;
    const c = now.classification;
    const onScreen = promptRef(paneId, c, now.peer.session);
    screenMoves = c.state !== 'modal' || onScreen?.look !== prompt.look ? screenMoves + 1 : 0;
    const by: string[] = [];
    if (screenMoves >= 2) by.push('screen');
    const s = now.peer.session;
    if (record?.status === 'waiting' && (s?.status !== 'waiting' || (s.statusUpdatedAt ?? s.updatedAt ?? null) !== waitingSince))
      by.push('sessions record');
    if (pending !== null && now.tail !== null && now.tail.pendingToolUseId !== pending) by.push('transcript');
    if (by.length > 0) return { by, after: c.state, now: '' };
    if (ctx.clock.now() >= deadline) break;
  }
  return { by: [], after: last.classification.state, now: describeOpenPrompt(last) };
}

function describeOpenPrompt(v: PeerView): string {
  const c = v.classification;
  if (c.state !== 'modal') return `the screen shows a ${c.state} peer, but the sessions record and the transcript did not move`;
  const at = c.modal?.options.find((o) => o.selected);
  const cursor = at ? ` with the cursor on ${JSON.stringify(c.modal?.style === 'numbered' ? `${at.key}. ${at.label}` : at.label)}` : '';
  const record = v.peer.session?.status === 'waiting' ? '; the sessions record still says waiting' : '';
  return `the prompt is still open${cursor}${record}`;
}
