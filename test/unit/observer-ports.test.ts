// The live observer's parts without processes or real files: the capture plan (pure), and the watcher port
// (a fake watcher, the observer's whole look on a fake 2.1.332 pane): what it watches, and that a change it
// hears brings a tick at once rather than at the next interval.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeProjectDir } from '../../src/transcript/locate.js';
import { capturePlan, type KnownPeer } from '../../src/watch/capture-plan.js';
import { LiveObserver, type LiveSnapshot, type Watcher } from '../../src/watch/observer.js';
import { FakePromptPane, removeFakePromptPanes } from '../support/fake-prompt-pane.js';
import { manualClock } from '../support/manual-clock.js';
import { eventually } from '../support/run-cli.js';

afterEach(removeFakePromptPanes);

describe('the capture plan', () => {
  const known = (entries: Array<[string, Partial<KnownPeer>]>) =>
    new Map(entries.map(([id, k]) => [id, { key: 'k', recheck: false, capturedAt: 0, ...k }]));
  const base = { now: 10_000, poked: false, lastSweepAt: 0, intervalMs: 1000, sweepMs: 4000 };

  it('a peer new, changed or waiting for a recheck is captured; a quiet one only when the sweep comes to it', () => {
    const peers = ['%1', '%2', '%3', '%4'].map((paneId) => ({ paneId, key: paneId === '%2' ? 'changed' : 'k' }));
    const k = known([
      ['%1', { capturedAt: 9_000 }],
      ['%2', { capturedAt: 9_000 }],
      ['%3', { recheck: true, capturedAt: 9_900 }],
    ]);
    // %4 is new; %1 was captured a second ago (under half the sweep): not yet.
    expect(capturePlan({ ...base, peers, known: k })).toEqual({ capture: ['%2', '%3', '%4'], swept: true });
  });

  it('the sweep takes the stalest few a tick (peers × interval / sweep), oldest first', () => {
    const peers = Array.from({ length: 8 }, (_, i) => ({ paneId: `%${i}`, key: 'k' }));
    const k = known(peers.map((p, i) => [p.paneId, { capturedAt: 1000 * (8 - i) }]));
    expect(capturePlan({ ...base, peers, known: k }).capture).toEqual(['%7', '%6']);
  });

  it("the sweep passes over a pane whose window printed nothing since its capture (tmux's window_activity, whole seconds)", () => {
    // All captured at 5.5 s, each window last active in another second; %4's tmux gave no activity.
    const peers = [
      { paneId: '%1', key: 'k', windowActivity: 4 },
      { paneId: '%2', key: 'k', windowActivity: 5 },
      { paneId: '%3', key: 'k', windowActivity: 7 },
      { paneId: '%4', key: 'k' },
    ];
    const k = known(peers.map((p) => [p.paneId, { capturedAt: 5_500 }]));
    // %1: quiet since before the capture's second. %2: active in the capture's own second (before or after it,
    // unknown): looked at. %3: active after. A changed key is captured whatever its window did.
    // (A sweep as long as the interval: every stale pane is due this tick.)
    const plan = { ...base, intervalMs: 4000, known: k };
    expect(capturePlan({ ...plan, peers }).capture).toEqual(['%2', '%3', '%4']);
    expect(capturePlan({ ...plan, peers: [{ ...peers[0]!, key: 'changed' }] }).capture).toEqual(['%1']);
  });

  it('a poked tick leaves the sweep to the timer, unless the last sweep is an interval old', () => {
    const peers = [{ paneId: '%1', key: 'k' }];
    const k = known([['%1', { capturedAt: 0 }]]);
    expect(capturePlan({ ...base, peers, known: k, poked: true, lastSweepAt: 9_500 })).toEqual({ capture: [], swept: false });
    expect(capturePlan({ ...base, peers, known: k, poked: true, lastSweepAt: 9_000 })).toEqual({ capture: ['%1'], swept: true });
  });
});

describe('the watcher port', () => {
  it("watches the peer's sessions folder and transcript; a change it hears is a tick at once", async () => {
    const pane = new FakePromptPane();
    const dir = join(pane.configDir, 'projects', encodeProjectDir('/nonexistent/work'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'fake-session.jsonl'), `${JSON.stringify({ type: 'user', message: { role: 'user', content: 'hi' } })}\n`);
    const added: string[] = [];
    let change = (): void => undefined;
    let closed = false;
    const watcher = (onChange: () => void): Watcher => {
      change = onChange;
      return { add: (p) => void added.push(p), close: async () => void (closed = true) };
    };
    const ticks: LiveSnapshot[] = [];
    // An interval far longer than the test: every tick after the first is one a change asked for.
    const observer = new LiveObserver({
      ctx: pane.session(),
      watchFiles: true,
      watcher,
      intervalMs: 600_000,
      onTick: (s) => void ticks.push(s),
    });
    observer.start();
    await eventually(() => ticks.length === 1, 5_000, 'the first tick');
    // (The requests folder of claude-dm's hook is watched too when there is one: not a file of this peer's.)
    expect(added.filter((p) => !p.endsWith(join('claude-dm', 'requests'))).sort()).toEqual(
      [join(dir, 'fake-session.jsonl'), join(pane.configDir, 'sessions')].sort(),
    );
    change();
    change(); // close together: one tick
    await eventually(() => ticks.length === 2, 5_000, 'the tick the change asked for');
    await observer.stop();
    expect(closed).toBe(true);
    expect(ticks).toHaveLength(2);
  });
});

describe("the session's clock", () => {
  it('the next tick is a timer on the session clock: it runs when that clock has moved, and stop() cancels it', async () => {
    const clock = manualClock();
    const pane = new FakePromptPane({ clock });
    const ticks: LiveSnapshot[] = [];
    const observer = new LiveObserver({ ctx: pane.session(), intervalMs: 1000, onTick: (s) => void ticks.push(s) });
    observer.start();
    await eventually(() => ticks.length === 1 && clock.pending() === 1, 5_000, 'the first tick, and the next one set on the clock');
    await clock.advance(1000);
    await eventually(() => ticks.length === 2 && clock.pending() === 1, 5_000, 'the second tick, once the clock moved');
    expect(ticks[1]!.at - ticks[0]!.at).toBeLessThanOrEqual(1000);
    await observer.stop();
    expect(clock.pending()).toBe(0);
  });
});

describe('stopping', () => {
  it('stop() waits for the tick in flight: nothing it started (a tmux call, a control client) outlives the observer', async () => {
    const pane = new FakePromptPane();
    let finish = (): void => undefined;
    const held = new Promise<void>((resolve) => (finish = resolve));
    let ticks = 0;
    const observer = new LiveObserver({ ctx: pane.session(), onTick: () => (ticks++, held) });
    observer.start();
    await eventually(() => ticks === 1, 5_000, 'a tick in flight');
    let stopped = false;
    const stopping = observer.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
    expect(ticks).toBe(1);
  });
});
