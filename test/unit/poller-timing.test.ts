// The poller's timing with fake timers, against its exported constants: with nothing changing it
// backs off from the interval up to IDLE_BACKOFF × the interval, and a poke (a watcher, an action)
// runs a tick after POKE_FIRST_MS and starts the back-off again; pokes during a tick make one more tick,
// POKE_COALESCE_MS after it.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { Poller } from '../../src/dashboard/poller.js';
import { DEFAULT_INTERVAL_MS, IDLE_BACKOFF, POKE_COALESCE_MS, POKE_FIRST_MS } from '../../src/watch/observer.js';
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

it('a poke during a long wait ticks after POKE_FIRST_MS, coalesces, and starts the back-off again', async () => {
  const { runner, polls } = emptyServer();
  const p = poller(runner, 1000);
  p.start();
  await vi.advanceTimersByTimeAsync(20_000); // well into the longest wait
  const before = polls.length;
  const pokedAt = Date.now();
  p.poke();
  p.poke(); // coalesced with the first
  await vi.advanceTimersByTimeAsync(POKE_FIRST_MS);
  expect(polls.length).toBe(before + 1);
  expect(polls.at(-1)! - pokedAt).toBe(POKE_FIRST_MS);
  // The poked tick is the first quiet one again: the next wait is 1.5 intervals, not IDLE_BACKOFF of them.
  await vi.advanceTimersByTimeAsync(1500);
  expect(polls.length).toBe(before + 2);
  expect(polls.at(-1)! - polls.at(-2)!).toBe(1500);
  await p.stop();
});

it('pokes during a poked tick make one more tick, POKE_COALESCE_MS after it ends; during a timer tick, POKE_FIRST_MS', async () => {
  const polls: number[] = [];
  let release: (() => void) | null = null;
  const runner: Runner = {
    async run(_file, args) {
      if (args.includes('list-panes')) {
        polls.push(Date.now());
        // The tick after the poke waits here until the test lets it go.
        if (polls.length === 3 || polls.length === 5) await new Promise<void>((r) => (release = r));
      }
      return { stdout: '', stderr: '', exitCode: 0 };
    },
  };
  const p = poller(runner, 1000);
  p.start();
  await vi.advanceTimersByTimeAsync(1500); // the first tick, then the second (after 1.5 intervals: quiet)
  expect(polls).toHaveLength(2);
  p.poke();
  await vi.advanceTimersByTimeAsync(POKE_FIRST_MS);
  expect(polls).toHaveLength(3);
  p.poke();
  p.poke();
  await vi.advanceTimersByTimeAsync(100);
  expect(polls).toHaveLength(3); // still in its tick
  const endedAt = Date.now();
  release!();
  await vi.advanceTimersByTimeAsync(POKE_COALESCE_MS);
  expect(polls).toHaveLength(4);
  expect(polls.at(-1)! - endedAt).toBe(POKE_COALESCE_MS);
  // The timer's next tick (after two quiet ones: 2 intervals) is held; a poke then ticks POKE_FIRST_MS after it.
  await vi.advanceTimersByTimeAsync(2000);
  expect(polls).toHaveLength(5);
  p.poke();
  const timerEndedAt = Date.now();
  release!();
  await vi.advanceTimersByTimeAsync(POKE_FIRST_MS);
  expect(polls).toHaveLength(6);
  expect(polls.at(-1)! - timerEndedAt).toBe(POKE_FIRST_MS);
  await p.stop();
});
