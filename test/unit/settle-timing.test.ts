// Settling with fake timers, against its exported constants: the gate is decided on two
// observations SETTLE_GAP_MS apart that agree; a screen that keeps changing is given up on after
// SETTLE_TRIES more looks and read as busy.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { observeSettled, SETTLE_GAP_MS, SETTLE_TRIES } from '../../src/actions/settle.js';
import type { PeerView } from '../../src/peers/observe.js';
import { systemClock } from '../../src/session/session.js';
import { TmuxClient } from '../../src/tmux/client.js';
import { FakePane, SOCKET } from '../support/fake-pane.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Starts settling on the pane; `doneAt` is set when it resolves. */
function settle(pane: FakePane) {
  const t0 = Date.now();
  const ctx = { tmux: new TmuxClient(SOCKET, pane.runner), clock: systemClock };
  const run = { t0, doneAt: null as number | null, view: null as PeerView | null };
  void observeSettled(ctx, pane.peer(), async () => pane.peer()).then((v) => {
    run.doneAt = Date.now();
    run.view = v;
  });
  return run;
}

const since = (t0: number, times: number[]) => times.map((t) => t - t0);
const gaps = (n: number) => Array.from({ length: n }, (_, k) => k * SETTLE_GAP_MS);

it('a screen that holds still is settled on the second look, SETTLE_GAP_MS after the first', async () => {
  const pane = new FakePane();
  pane.set({ draft: 'half a thought' });
  const run = settle(pane);
  await vi.advanceTimersByTimeAsync(SETTLE_GAP_MS - 1);
  expect(run.doneAt).toBeNull();
  await vi.advanceTimersByTimeAsync(1);
  expect(run.doneAt! - run.t0).toBe(SETTLE_GAP_MS);
  expect(since(run.t0, pane.captures)).toEqual(gaps(2));
  expect(run.view!.classification).toMatchObject({ state: 'drafting', draft: 'half a thought' });
});

it('a screen still being drawn is looked at again every SETTLE_GAP_MS until two looks agree', async () => {
  const pane = new FakePane();
  const typed = ['h', 'he', 'hel', 'hel'];
  pane.onCapture = (n) => pane.set({ draft: typed[Math.min(n, typed.length - 1)]! });
  const run = settle(pane);
  await vi.advanceTimersByTimeAsync(3 * SETTLE_GAP_MS - 1);
  expect(run.doneAt).toBeNull();
  await vi.advanceTimersByTimeAsync(1);
  expect(run.doneAt! - run.t0).toBe(3 * SETTLE_GAP_MS);
  expect(since(run.t0, pane.captures)).toEqual(gaps(4));
  expect(run.view!.classification).toMatchObject({ state: 'drafting', draft: 'hel' });
});

it('a screen that never holds still is given up on after SETTLE_TRIES more looks, as busy', async () => {
  const pane = new FakePane();
  pane.onCapture = (n) => pane.set({ draft: 'x'.repeat(n + 1) });
  const run = settle(pane);
  await vi.advanceTimersByTimeAsync(SETTLE_TRIES * SETTLE_GAP_MS - 1);
  expect(run.doneAt).toBeNull();
  await vi.advanceTimersByTimeAsync(1);
  expect(run.doneAt! - run.t0).toBe(SETTLE_TRIES * SETTLE_GAP_MS);
  expect(since(run.t0, pane.captures)).toEqual(gaps(SETTLE_TRIES + 1));
  expect(run.view!.classification).toMatchObject({ state: 'busy', rule: 'unsettled' });
  // Nothing more is looked at once it has given up.
  await vi.advanceTimersByTimeAsync(10 * SETTLE_GAP_MS);
  expect(pane.captures).toHaveLength(SETTLE_TRIES + 1);
});

it('a pane that closes while settling ends it with nothing to gate on', async () => {
  const pane = new FakePane();
  const ctx = { tmux: new TmuxClient(SOCKET, pane.runner), clock: systemClock };
  let result: PeerView | null | undefined;
  void observeSettled(ctx, pane.peer(), async () => null).then((v) => (result = v));
  await vi.advanceTimersByTimeAsync(SETTLE_GAP_MS);
  expect(result).toBeNull();
  expect(pane.captures).toHaveLength(1);
});
