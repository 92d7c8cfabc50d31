// Delivery's waits with fake timers, against its exported constants: the paste must show within
// PASTE_SHOW_MS, the box must empty within SUBMIT_CONFIRM_MS of Enter (one more Enter, then give
// up), and a prompt waits up to BUSY_CONFIRM_MS for the peer to show busy. Each wait gives up at
// its constant, not before, and ends early when the screen changes in time. The box is looked at
// every DELIVERY_POLL_MS, so the last look is at the deadline or less than one poll after it.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import {
  BUSY_CONFIRM_MS,
  DELIVERY_POLL_MS,
  ENTER_AFTER_PASTE_MS,
  PASTE_SHOW_MS,
  SUBMIT_CONFIRM_MS,
  deliverText,
  type DeliverOptions,
  type DeliveryOutcome,
} from '../../src/actions/deliver.js';
import { systemClock } from '../../src/session/session.js';
import { TmuxClient } from '../../src/tmux/client.js';
import { BUSY_TITLE, FakePane, PANE_ID, SOCKET } from '../support/fake-pane.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const TEXT = 'run the tests';

/** Starts delivering TEXT to the pane; `doneAt` and `outcome` are set when it resolves. */
function deliver(pane: FakePane, opts: DeliverOptions = {}) {
  const ctx = { tmux: new TmuxClient(SOCKET, pane.runner), clock: systemClock };
  const run = { t0: Date.now(), doneAt: null as number | null, outcome: null as DeliveryOutcome | null };
  void deliverText(ctx, PANE_ID, TEXT, opts).then((o) => {
    run.doneAt = Date.now();
    run.outcome = o;
  });
  return run;
}

/** `t` is at `deadline` or less than one poll after it. */
function atDeadline(t: number, deadline: number) {
  expect(t).toBeGreaterThanOrEqual(deadline);
  expect(t).toBeLessThan(deadline + DELIVERY_POLL_MS);
}

/** A pane where the paste shows at once. */
function pastes(pane: FakePane) {
  pane.onPaste = (text) => pane.set({ draft: text });
  return pane;
}

it('a paste that never shows is given up on after PASTE_SHOW_MS, not before, and nothing is pressed', async () => {
  const pane = new FakePane();
  const run = deliver(pane);
  await vi.advanceTimersByTimeAsync(PASTE_SHOW_MS - 1);
  expect(run.doneAt).toBeNull();
  await vi.advanceTimersByTimeAsync(DELIVERY_POLL_MS);
  atDeadline(run.doneAt!, run.t0 + PASTE_SHOW_MS);
  atDeadline(pane.captures.at(-1)!, run.t0 + PASTE_SHOW_MS);
  expect(run.outcome).toMatchObject({ outcome: 'not-submitted', box: '' });
  expect(run.outcome!.detail).toContain(`within ${PASTE_SHOW_MS} ms`);
  expect(pane.enters).toEqual([]);
});

it('a paste that shows just before PASTE_SHOW_MS is delivered; one that shows a poll after it is not', async () => {
  const inTime = new FakePane();
  inTime.onPaste = (text) => inTime.later(PASTE_SHOW_MS - 1, { draft: text });
  inTime.onEnter = () => inTime.set({ draft: '' });
  const ok = deliver(inTime);
  const late = new FakePane();
  late.onPaste = (text) => late.later(PASTE_SHOW_MS + DELIVERY_POLL_MS, { draft: text });
  const notOk = deliver(late);
  await vi.advanceTimersByTimeAsync(PASTE_SHOW_MS + 1000);
  expect(ok.outcome).toMatchObject({ outcome: 'delivered', detail: 'submitted' });
  // Enter goes ENTER_AFTER_PASTE_MS after the look that saw the text.
  const sawText = inTime.captures.find((t) => t >= ok.t0 + PASTE_SHOW_MS - 1)!;
  expect(inTime.enters).toEqual([sawText + ENTER_AFTER_PASTE_MS]);
  expect(notOk.outcome).toMatchObject({ outcome: 'not-submitted' });
  atDeadline(notOk.doneAt!, notOk.t0 + PASTE_SHOW_MS);
  expect(late.enters).toEqual([]);
});

it('an Enter that is not taken is pressed once more after SUBMIT_CONFIRM_MS, then given up on after another', async () => {
  const pane = pastes(new FakePane());
  const run = deliver(pane);
  await vi.advanceTimersByTimeAsync(ENTER_AFTER_PASTE_MS);
  expect(pane.enters).toHaveLength(1);
  const first = pane.enters[0]!;
  await vi.advanceTimersByTimeAsync(SUBMIT_CONFIRM_MS - 1);
  expect(pane.enters).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(DELIVERY_POLL_MS);
  expect(pane.enters).toHaveLength(2);
  atDeadline(pane.enters[1]!, first + SUBMIT_CONFIRM_MS);
  const second = pane.enters[1]!;
  await vi.advanceTimersByTimeAsync(second + SUBMIT_CONFIRM_MS - 1 - Date.now());
  expect(run.doneAt).toBeNull();
  await vi.advanceTimersByTimeAsync(DELIVERY_POLL_MS);
  atDeadline(run.doneAt!, second + SUBMIT_CONFIRM_MS);
  expect(run.outcome).toMatchObject({ outcome: 'not-submitted', box: TEXT });
  expect(run.outcome!.detail).toContain('Enter was not taken');
  expect(pane.enters).toHaveLength(2);
});

it('an Enter taken just before SUBMIT_CONFIRM_MS is delivered with one Enter', async () => {
  const pane = pastes(new FakePane());
  pane.onEnter = () => pane.later(SUBMIT_CONFIRM_MS - 1, { draft: '' });
  const run = deliver(pane);
  await vi.advanceTimersByTimeAsync(ENTER_AFTER_PASTE_MS + SUBMIT_CONFIRM_MS + DELIVERY_POLL_MS);
  expect(run.outcome).toMatchObject({ outcome: 'delivered', detail: 'submitted' });
  expect(pane.enters).toHaveLength(1);
  atDeadline(run.doneAt!, pane.enters[0]! + SUBMIT_CONFIRM_MS - 1);
});

it('a prompt waits for busy up to BUSY_CONFIRM_MS after the box empties, not longer, and is delivered either way', async () => {
  const pane = pastes(new FakePane());
  pane.onEnter = () => pane.set({ draft: '' }); // taken, but the peer never shows busy
  const run = deliver(pane, { awaitBusy: true });
  await vi.advanceTimersByTimeAsync(ENTER_AFTER_PASTE_MS);
  const enter = pane.enters[0]!;
  await vi.advanceTimersByTimeAsync(BUSY_CONFIRM_MS - 1);
  expect(run.doneAt).toBeNull();
  await vi.advanceTimersByTimeAsync(DELIVERY_POLL_MS);
  atDeadline(run.doneAt!, enter + BUSY_CONFIRM_MS);
  expect(run.outcome).toMatchObject({ outcome: 'delivered', detail: 'submitted' });
});

it('a prompt returns at the first look that shows the peer busy', async () => {
  const pane = pastes(new FakePane());
  const spinsAfter = 100;
  pane.onEnter = () => {
    pane.set({ draft: '' });
    pane.later(spinsAfter, { title: BUSY_TITLE });
  };
  const run = deliver(pane, { awaitBusy: true });
  await vi.advanceTimersByTimeAsync(ENTER_AFTER_PASTE_MS + BUSY_CONFIRM_MS);
  atDeadline(run.doneAt!, pane.enters[0]! + spinsAfter);
  expect(run.outcome).toMatchObject({ outcome: 'delivered' });
});

it('without awaitBusy, delivery returns as soon as the box empties', async () => {
  const pane = pastes(new FakePane());
  pane.onEnter = () => pane.set({ draft: '' });
  const run = deliver(pane);
  await vi.advanceTimersByTimeAsync(ENTER_AFTER_PASTE_MS);
  expect(run.doneAt).toBe(pane.enters[0]);
  expect(run.outcome).toMatchObject({ outcome: 'delivered' });
});
