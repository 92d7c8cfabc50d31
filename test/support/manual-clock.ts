// Clocks a test moves itself, for the engine's Clock port (src/session/session.ts): no real time, no fake
// timers patched into globals. `manualClock` moves only when `advance` says (its timers fire in order, each
// followed by the promise work it starts); `virtualClock` moves whenever something sleeps on it.
import type { Clock } from '../../src/session/session.js';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/** Lets promise callbacks (and whatever they chain) run before time moves on. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface ManualClock extends Clock {
  /** Moves time on by `ms`, firing each timer due on the way at its own time, in order. */
  advance(ms: number): Promise<void>;
  /** Timers not yet fired or cancelled. */
  pending(): number;
}

export function manualClock(start = 1_000_000): ManualClock {
  let t = start;
  let seq = 0;
  const timers = new Set<Timer>();
  const after = (ms: number, fn: () => void) => {
    const timer = { at: t + Math.max(0, ms), seq: seq++, fn };
    timers.add(timer);
    return () => void timers.delete(timer);
  };
  const next = (until: number) => [...timers].filter((x) => x.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
  return {
    now: () => t,
    sleep: (ms) => new Promise<void>((resolve) => after(ms, resolve)),
    after,
    async advance(ms) {
      const until = t + ms;
      await settle();
      for (let timer = next(until); timer; timer = next(until)) {
        timers.delete(timer);
        t = Math.max(t, timer.at);
        timer.fn();
        await settle();
      }
      t = until;
    },
    pending: () => timers.size,
  };
}

/** Time that moves only when something waits on it: the whole answer path runs at once, to the millisecond. */
export function virtualClock(start = 1_000_000): Clock {
  const clock = manualClock(start);
  return {
    now: clock.now,
    after: clock.after,
    sleep: async (ms) => {
      await clock.advance(ms);
    },
  };
}
