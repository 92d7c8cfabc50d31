// The poller's timing with fake timers, against its exported constants: with nothing changing it
// backs off from the interval up to IDLE_BACKOFF × the interval, and a poke (a watcher, an action)
// runs a tick after POKE_COALESCE_MS and starts the back-off again.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { Poller } from '../../src/dashboard/poller.js';
import { DEFAULT_INTERVAL_MS, IDLE_BACKOFF, POKE_COALESCE_MS } from '../../src/watch/observer.js';
import { createDashboardStore } from '../../src/dashboard/store.js';
import { openSession } from '../../src/session/session.js';
import type { Runner } from '../../src/tmux/runner.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A tmux server with no panes that notes when each poll asked for them. */
function emptyServer(): { runner: Runner; polls: number[] } {
  const polls: number[] = [];
  return {
    polls,
    runner: {
      async run(_file, args) {
        if (args.includes('list-panes')) polls.push(Date.now());
        return { stdout: '', stderr: '', exitCode: 0 };
      },
    },
  };
}

function poller(runner: Runner, intervalMs?: number) {
  const ctx = openSession({ socket: '/nonexistent/cdm-timing.sock' }, { env: { HOME: '/nonexistent' }, runner });
  return new Poller({ ctx, store: createDashboardStore(ctx.socket.path), ...(intervalMs ? { intervalMs } : {}) });
}

const gaps = (t: number[]) => t.slice(1).map((x, i) => x - t[i]!);

it('with nothing changing, the wait grows by half an interval a tick up to IDLE_BACKOFF intervals', async () => {
  const { runner, polls } = emptyServer();
  const p = poller(runner);
  p.start();
  await vi.advanceTimersByTimeAsync(DEFAULT_INTERVAL_MS * IDLE_BACKOFF * 8);
  await p.stop();
  const g = gaps(polls);
  // Nothing ever changes (no panes): after the k-th quiet tick the wait is (1 + k/2) intervals, capped.
  const expected = g.map((_, i) => Math.min(DEFAULT_INTERVAL_MS * IDLE_BACKOFF, DEFAULT_INTERVAL_MS * (1 + (i + 1) * 0.5)));
  expect(g).toEqual(expected);
  expect(g.at(-1)).toBe(DEFAULT_INTERVAL_MS * IDLE_BACKOFF);
});

it('a poke during a long wait ticks after POKE_COALESCE_MS, coalesces, and starts the back-off again', async () => {
  const { runner, polls } = emptyServer();
  const p = poller(runner, 1000);
  p.start();
  await vi.advanceTimersByTimeAsync(20_000); // well into the longest wait
  const before = polls.length;
  const pokedAt = Date.now();
  p.poke();
  p.poke(); // coalesced with the first
  await vi.advanceTimersByTimeAsync(POKE_COALESCE_MS);
  expect(polls.length).toBe(before + 1);
  expect(polls.at(-1)! - pokedAt).toBe(POKE_COALESCE_MS);
  // The poked tick is the first quiet one again: the next wait is 1.5 intervals, not IDLE_BACKOFF of them.
  await vi.advanceTimersByTimeAsync(1500);
  expect(polls.length).toBe(before + 2);
  expect(polls.at(-1)! - polls.at(-2)!).toBe(1500);
  await p.stop();
});
