// watch's output when the reader stops reading (src/watch/sink.ts): events coalesce per peer and kind,
// bounded however long the reader sleeps, and each says how many it stands for.
import { expect, it } from 'vitest';
import type { WatchEvent } from '../../src/watch/events.js';
import { EventSink, type LineOut } from '../../src/watch/sink.js';

/** A reader that takes `room` lines, then stops until drain() is called. */
function reader(room: number) {
  const lines: string[] = [];
  let drain: (() => void) | null = null;
  let left = room;
  const out: LineOut = {
    write: (l) => {
      lines.push(l);
      left--;
    },
    full: () => left <= 0,
    onDrain: (cb) => (drain = cb),
  };
  return {
    out,
    lines,
    /** The reader catches up: room for `n` more lines. */
    resume(n: number) {
      left = n;
      const cb = drain;
      drain = null;
      cb?.();
    },
  };
}

const base = (pane: string) => ({ ts: '2026-12-03T10:00:00.000Z', target: `main:${pane}.0`, pane_id: `%${pane}`, name: null, cwd: '/w' });
const state = (pane: string, from: string, to: string): WatchEvent =>
  ({ ...base(pane), event: 'state', from, to, subtype: null, prompt: null, rule: to }) as WatchEvent;
const json = (e: WatchEvent) => JSON.stringify(e);

it('while the reader takes lines, every event is written as it comes', () => {
  const r = reader(100);
  const sink = new EventSink(r.out, json);
  sink.push([state('1', 'idle', 'busy'), state('1', 'busy', 'idle')]);
  expect(r.lines.map((l) => JSON.parse(l).to)).toEqual(['busy', 'idle']);
  expect(sink.backlog).toBe(0);
});

it('a reader that stops: 10 000 changes of 3 peers are held as 3 events, bounded, and say what they merged', () => {
  const r = reader(1);
  const sink = new EventSink(r.out, json);
  sink.push([state('1', 'idle', 'busy')]); // taken; the reader is now full
  const states = ['busy', 'idle'];
  for (let i = 0; i < 10_000; i++) {
    const pane = String(1 + (i % 3));
    sink.push([state(pane, states[i % 2]!, states[(i + 1) % 2]!)]);
    expect(sink.backlog).toBeLessThanOrEqual(3);
  }
  expect(r.lines).toHaveLength(1);
  r.resume(100);
  const held = r.lines.slice(1).map((l) => JSON.parse(l) as WatchEvent & { from: string; to: string });
  expect(held.map((e) => e.pane_id).sort()).toEqual(['%1', '%2', '%3']);
  // Each stands for the changes of its peer: from where the held run started to where it ended.
  expect(held.reduce((n, e) => n + 1 + (e.merged ?? 0), 0)).toBe(10_000);
  for (const e of held) expect(e.merged).toBeGreaterThan(3000);
  expect(sink.backlog).toBe(0);
});

it('kinds are kept apart, a gone peer keeps only its gone, and writing resumes in order after a drain', () => {
  const r = reader(0);
  const sink = new EventSink(r.out, json);
  const turn = { ...base('1'), event: 'turn', stop_reason: 'end_turn', reply: 'done' } as WatchEvent;
  sink.push([state('1', 'idle', 'busy'), turn, state('2', 'idle', 'modal'), { ...base('2'), event: 'gone' } as WatchEvent]);
  expect(sink.backlog).toBe(3);
  r.resume(1);
  expect(r.lines.map((l) => JSON.parse(l).event)).toEqual(['state']);
  r.resume(100);
  expect(r.lines.map((l) => [JSON.parse(l).event, JSON.parse(l).pane_id])).toEqual([
    ['state', '%1'],
    ['turn', '%1'],
    ['gone', '%2'],
  ]);
  sink.push([state('1', 'busy', 'idle')]);
  expect(JSON.parse(r.lines.at(-1)!)).toMatchObject({ event: 'state', to: 'idle' });
  expect(JSON.parse(r.lines.at(-1)!).merged).toBeUndefined();
});
