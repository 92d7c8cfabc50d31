// Check–type–verify–enter. The text goes in as one bracketed paste (quotes, $, tabs,
// newlines and non-ASCII intact); Enter is pressed only once the input box shows exactly
// our text (or Claude Code's placeholder for a long paste). If the box holds anything
// else, nothing is pressed and nothing is deleted: no Ctrl-C, no Ctrl-U, ever.
import { classifyPeer } from '../classify/classify.js';
import { MARKERS } from '../classify/markers.js';
import { findInputBox, findModal, screenFromAnsi, type Screen } from '../classify/screen.js';
import type { Session } from '../session/session.js';
import { PaneGone, type TmuxClient } from '../tmux/client.js';
import { nodeCrypto } from '../util/lazy-crypto.js';

/** How long the pasted text may take to show in the box. */
export const PASTE_SHOW_MS = 3000;
/** How long the box may take to empty after Enter. */
export const SUBMIT_CONFIRM_MS = 3000;
/** How often the box (or the busy signs) are looked at while waiting. */
export const DELIVERY_POLL_MS = 40;
/** The pause between the paste showing and Enter: sent together, Claude Code can take the Enter as part of the paste. */
export const ENTER_AFTER_PASTE_MS = 60;

/** What delivery needs of the session: tmux, and the clock its waits run on. */
export type DeliveryContext = Pick<Session, 'tmux' | 'clock'>;

export type BoxCheck = 'ours' | 'empty' | 'other';

const squash = (s: string) => s.replace(/\s+/gu, '');

/** Does the box show exactly `text`? Long pastes show as `[Pasted text #N +K lines]`. */
export function boxMatches(box: string, text: string): boolean {
  if (squash(box) === squash(text)) return true;
  const placeholder = MARKERS.pastedPlaceholder.pattern.exec(box.trim());
  if (!placeholder) return false;
  const newlines = (text.match(/\n/gu) ?? []).length;
  return placeholder[1] === undefined ? newlines === 0 : Number(placeholder[1]) === newlines;
}

export interface BoxView {
  check: BoxCheck;
  /** What the box holds now ('' when empty); null when there is no input box (a modal?). */
  box: string | null;
  modal: boolean;
}

/** What the input box on this screen holds, measured against our text. */
function boxViewOf(screen: Screen, text: string): BoxView {
  const box = findInputBox(screen);
  if (!box) return { check: 'other', box: null, modal: findModal(screen) !== null };
  if (box.draft === '') return { check: 'empty', box: '', modal: false };
  return { check: boxMatches(box.draft, text) ? 'ours' : 'other', box: box.draft, modal: false };
}

export async function readBox(tmux: TmuxClient, paneId: string, text: string): Promise<BoxView> {
  return boxViewOf(screenFromAnsi(await tmux.capturePane(paneId)), text);
}

export type DeliveryOutcome =
  /** windowMs: from the last look at the box to Enter sent — the check-to-keystroke gap that remains. */
  { outcome: 'delivered'; detail: string; windowMs: number } | { outcome: 'not-submitted'; detail: string; box: string | null };

/**
 * The last look before Enter: the box and the title in one tmux call, so that as little
 * time as possible passes between what we saw and the keystroke.
 */
async function lastLook(tmux: TmuxClient, paneId: string, text: string): Promise<{ box: BoxView; busy: boolean }> {
  const { screen, title } = await screenAndTitle(tmux, paneId);
  return { box: boxViewOf(screen, text), busy: looksBusy(title, screen) };
}

/** The screen and the pane title in one tmux call. */
async function screenAndTitle(tmux: TmuxClient, paneId: string): Promise<{ screen: Screen; title: string }> {
  const out = await tmux.tmux(['capture-pane', '-p', '-e', '-t', paneId, ';', 'display-message', '-p', '-t', paneId, '#{pane_title}']);
  const lines = out.replace(/\n$/, '').split('\n');
  const title = lines.pop() ?? '';
  return { screen: screenFromAnsi(lines.join('\n')), title };
}

/**
 * Busy by the screen and title alone, as the classifier reads them: 2.1.197 spins its title, 2.1.332
 * keeps `✳` inside tmux and shows busy only in the footer, the spinner line and the prompt's grey.
 */
function looksBusy(title: string, screen: Screen): boolean {
  return classifyPeer({ title, screen }).state === 'busy';
}

/** Reads the box until `until` holds or `ms` have passed (the last look is at or just after the deadline). */
async function waitForBox(
  ctx: DeliveryContext,
  paneId: string,
  text: string,
  until: (v: BoxView) => boolean,
  ms: number,
): Promise<BoxView> {
  const deadline = ctx.clock.now() + ms;
  let view = await readBox(ctx.tmux, paneId, text);
  while (!until(view) && ctx.clock.now() < deadline) {
    await ctx.clock.sleep(DELIVERY_POLL_MS);
    view = await readBox(ctx.tmux, paneId, text);
  }
  return view;
}

function paneGone(e: unknown): 'gone' {
  if (e instanceof PaneGone) return 'gone';
  throw e;
}

export async function pasteText(tmux: TmuxClient, paneId: string, text: string): Promise<void> {
  const buffer = `claude-dm-${process.pid}-${nodeCrypto().randomBytes(4).toString('hex')}`;
  await tmux.tmux(['load-buffer', '-b', buffer, '-'], Buffer.from(text, 'utf8'));
  await tmux.tmux(['paste-buffer', '-p', '-d', '-b', buffer, '-t', paneId]);
}

/** How long to hold on after Enter for the peer to show busy (Enter → spinner: 22–150 ms measured). */
export const BUSY_CONFIRM_MS = 1500;

async function showsBusy(tmux: TmuxClient, paneId: string): Promise<boolean> {
  const { screen, title } = await screenAndTitle(tmux, paneId);
  return looksBusy(title, screen);
}

export interface DeliverOptions {
  /**
   * A prompt starts a turn: wait until the peer shows busy before returning, so the next
   * writer (waiting on the lock) sees busy rather than the idle frame before it.
   */
  awaitBusy?: boolean;
}

/** Pastes text into an empty input box, verifies it, presses Enter, confirms it was taken. */
export async function deliverText(ctx: DeliveryContext, paneId: string, text: string, opts: DeliverOptions = {}): Promise<DeliveryOutcome> {
  const { tmux } = ctx;
  await pasteText(tmux, paneId, text);
  // Wait until the box holds our text; stop early if it holds something that can never become it.
  const shown = await waitForBox(ctx, paneId, text, (v) => v.check === 'ours' || v.modal, PASTE_SHOW_MS);
  if (shown.check !== 'ours') {
    return {
      outcome: 'not-submitted',
      box: shown.box,
      detail:
        shown.box === null
          ? 'box changed: the input box is gone (a modal opened?); nothing was pressed'
          : shown.box === ''
            ? `the message did not appear in the input box within ${PASTE_SHOW_MS} ms; nothing was pressed`
            : `box changed: it holds ${JSON.stringify(shown.box.slice(0, 200))}, not only our message; nothing was pressed`,
    };
  }
  // A moment between the paste and Enter: sent together, Claude Code can take the Enter
  // as part of the paste and drop it.
  await ctx.clock.sleep(ENTER_AFTER_PASTE_MS);
  const last = await lastLook(tmux, paneId, text);
  const lookedAt = performance.now();
  if (last.box.check !== 'ours') {
    return {
      outcome: 'not-submitted',
      box: last.box.box,
      detail: `box changed just before Enter: it holds ${JSON.stringify((last.box.box ?? '(no input box)').slice(0, 200))}; nothing was pressed`,
    };
  }
  if (last.busy) {
    // Enter now would queue the message behind a turn someone else started.
    return {
      outcome: 'not-submitted',
      box: last.box.box,
      detail: 'box changed: the peer turned busy before Enter; the message sits in its input box, nothing was pressed',
    };
  }
  await tmux.tmux(['send-keys', '-t', paneId, 'Enter']);
  const windowMs = performance.now() - lookedAt;
  // A pane that closes right after Enter on a box holding exactly our text took the prompt and
  // exited (or was closed): the delivery stands, and the caller finds the pane gone.
  const goneAfterEnter = { outcome: 'delivered' as const, detail: 'submitted; the pane closed right after Enter', windowMs };
  let after = await waitForBox(ctx, paneId, text, (v) => v.check !== 'ours', SUBMIT_CONFIRM_MS).catch(paneGone);
  if (after === 'gone') return goneAfterEnter;
  if (after.check === 'ours') {
    // The box still holds exactly our text and nothing else: Enter was lost. One more is safe.
    await tmux.tmux(['send-keys', '-t', paneId, 'Enter']);
    after = await waitForBox(ctx, paneId, text, (v) => v.check !== 'ours', SUBMIT_CONFIRM_MS).catch(paneGone);
    if (after === 'gone') return goneAfterEnter;
    if (after.check === 'ours') {
      return { outcome: 'not-submitted', box: after.box, detail: 'Enter was not taken: the message is still in the input box' };
    }
  }
  if (opts.awaitBusy && after.check === 'empty') {
    // Submitted: this wait is only a courtesy to the next writer. A pane that closes now
    // (the peer exited right after taking the prompt) ends it; it does not undo the delivery.
    const deadline = ctx.clock.now() + BUSY_CONFIRM_MS;
    const busy = () => showsBusy(tmux, paneId).catch(() => true);
    while (!(await busy()) && ctx.clock.now() < deadline) await ctx.clock.sleep(DELIVERY_POLL_MS);
  }
  return { outcome: 'delivered', detail: 'submitted', windowMs };
}
