// The roster's LAST column (how long ago each peer's transcript changed) with fake timers, against
// the exported step: under a minute it moves in ELAPSED_STEP_MS steps, every row is labelled at the
// same whole step of the clock, and so the roster re-renders once per step however many rows it has.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { Roster } from '../../components/Roster.js';
import type { PeerRow } from '../../src/watch/peer-row.js';
import { rowTimes } from '../../src/dashboard/roster-view.js';
import { ELAPSED_STEP_MS } from '../../src/util/format.js';
import { steppedNow } from '../../hooks/use-now.js';
import { renderDashboard, row, type Harness } from '../support/tui-harness.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const MINUTE = 60_000;

let h: Harness | null = null;
// Only the clock the roster reads: React and Ink keep their real setImmediate and setTimeout.
beforeEach(() => vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: T0 }));
afterEach(() => {
  h?.unmount();
  h = null;
  vi.useRealTimers();
});

const tick = () => new Promise<void>((r) => setImmediate(r));

/** Under a minute, the label `ms` after a write: whole steps, in seconds. */
const stepLabel = (ms: number) => `${(Math.floor(ms / ELAPSED_STEP_MS) * ELAPSED_STEP_MS) / 1000}s`;

/** Times in (0, MINUTE) at which a peer written `age` before T0 crosses a step. */
function crossings(age: number): number[] {
  const out: number[] = [];
  for (let t = ELAPSED_STEP_MS - (age % ELAPSED_STEP_MS); t < MINUTE; t += ELAPSED_STEP_MS) out.push(t);
  return out;
}

it('the label stays put within a step and moves by one step at each boundary', () => {
  const r = row({ state: 'idle', lastWriteAt: T0 });
  for (let ms = 0; ms < MINUTE; ms += 1000) expect(rowTimes(r, T0 + ms).last).toBe(stepLabel(ms));
  expect(rowTimes(r, T0 + ELAPSED_STEP_MS - 1).last).toBe(rowTimes(r, T0).last);
  expect(rowTimes(r, T0 + ELAPSED_STEP_MS).last).not.toBe(rowTimes(r, T0).last);
  expect(rowTimes(r, T0 + MINUTE).last).toBe('1m');
  expect(rowTimes(row({ state: 'idle' }), T0 + MINUTE).last).toBe('-');
});

/** A row that counts its renders: RosterRow reads the address once each time it draws the line. */
function counted(r: PeerRow, renders: Map<string, number>): PeerRow {
  const address = r.address;
  return Object.defineProperty({ ...r }, 'address', {
    enumerable: true,
    get() {
      renders.set(r.paneId, (renders.get(r.paneId) ?? 0) + 1);
      return address;
    },
  });
}

it('every row is labelled at the same whole step of the clock: one re-render per step for all rows, none for a row without a label', async () => {
  const renders = new Map<string, number>();
  const half = ELAPSED_STEP_MS / 2;
  const fresh = counted(row({ state: 'idle', address: 'main:1.0', lastWriteAt: T0 }), renders);
  const offset = counted(row({ state: 'idle', address: 'main:2.0', lastWriteAt: T0 - half }), renders);
  const none = counted(row({ state: 'idle', address: 'main:3.0', lastWriteAt: null }), renders);
  h = renderDashboard([fresh, offset, none], {}, <Roster height={6} width={100} />);
  await h.waitForFrame((f) => f.includes('main:3.0'));
  const lineOf = (address: string) =>
    h!
      .frame()
      .split('\n')
      .find((l) => l.includes(address))!;
  expect(lineOf('main:1.0')).toMatch(/ 0s /);

  const seen = new Map<string, number[]>([
    [fresh.paneId, []],
    [offset.paneId, []],
    [none.paneId, []],
  ]);
  for (let ms = 1000; ms < MINUTE; ms += 1000) {
    const before = new Map(renders);
    vi.advanceTimersByTime(1000);
    for (let i = 0; i < 5; i++) await tick(); // React commits on setImmediate
    for (const [id, times] of seen) if (renders.get(id) !== before.get(id)) times.push(ms);
    // T0 is a whole step: the labels are those of the last whole step, for every row alike.
    const at = steppedNow(ELAPSED_STEP_MS, T0 + ms) - T0;
    expect(lineOf('main:1.0'), `at ${ms} ms`).toContain(` ${stepLabel(at)} `);
    expect(lineOf('main:2.0'), `at ${ms} ms`).toContain(` ${stepLabel(at + half)} `);
    expect(lineOf('main:3.0')).toMatch(/ - /);
  }
  const steps = crossings(0);
  expect(seen.get(fresh.paneId)).toEqual(steps);
  expect(seen.get(offset.paneId)).toEqual(steps);
  expect(seen.get(none.paneId)).toEqual([]);
});

it('rows quiet for minutes, written at different seconds, re-render together once a minute, and not at the steps between', async () => {
  const renders = new Map<string, number>();
  // T0 is a whole minute; the rows were written 3 to 4 minutes before it, at different seconds.
  const rs = [5_000, 23_000, 41_000, 59_000].map((s, i) =>
    counted(row({ state: 'idle', address: `main:${i + 1}.0`, lastWriteAt: T0 - 3 * MINUTE - s }), renders),
  );
  h = renderDashboard(rs, {}, <Roster height={6} width={100} />);
  await h.waitForFrame((f) => f.includes('main:4.0'));
  const first = rs.map((r) => renders.get(r.paneId) ?? 0);
  const rendersAt: number[] = [];
  const framesAt: number[] = [];
  for (let ms = 1000; ms <= 2 * MINUTE; ms += 1000) {
    const before = [...renders.values()].reduce((a, b) => a + b, 0);
    const frames = h.frames();
    vi.advanceTimersByTime(1000);
    for (let i = 0; i < 5; i++) await tick();
    if ([...renders.values()].reduce((a, b) => a + b, 0) !== before) rendersAt.push(ms);
    if (h.frames() !== frames) framesAt.push(ms);
  }
  // Once at each whole minute of the clock, every row at once; no frame at the steps between.
  expect(rendersAt).toEqual([MINUTE, 2 * MINUTE]);
  expect(framesAt).toEqual([MINUTE, 2 * MINUTE]);
  expect(rs.map((r, i) => (renders.get(r.paneId) ?? 0) - first[i]!)).toEqual([2, 2, 2, 2]);
  expect(h.frame()).toMatch(/main:1\.0 .* 5m /u);
  expect(h.frame()).toMatch(/main:4\.0 .* 5m /u);
});
