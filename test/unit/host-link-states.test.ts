// HostLink's states over a scripted Transport and a clock the test moves (the Clock port HostLink takes from
// the session): no process, no real time, no timers patched into globals. Up after a hello,
// stale after three silent beats (its call in flight dropped, never sent again), down with back-off that
// doubles and resets once the host works, the bundle shipped once when it is missing, a hello that never
// comes ending the run.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoffMs, HostLink, LinkDropped, type LinkState } from '../../src/remote/host-link.js';
import { BEAT_MS, encodeLine, type Up } from '../../src/remote/protocol.js';
import type { Transport, TransportEnd, TransportHandlers, TransportRun } from '../../src/remote/transport.js';
import { manualClock, type ManualClock } from '../support/manual-clock.js';
import { HELLO, sampleRow } from '../support/scripted-agent.js';

/** One run of the scripted transport: what the link wrote to it, and the far side's voice. */
interface FakeRun {
  written: string[];
  say(m: Up | string): void;
  end(end?: Partial<TransportEnd>): void;
  killed: boolean;
}

/** A transport whose every run is scripted by the test; `missing`: the first run says the bundle is not there. */
function fakeTransport(opts: { missing?: boolean } = {}) {
  const runs: FakeRun[] = [];
  let shipped = 0;
  const transport: Transport = {
    bundlePath: '"$HOME/.cache/claude-dm/claude-dm-test.mjs"',
    ship: async () => {
      shipped++;
    },
    open(h: TransportHandlers): TransportRun {
      let open = true;
      const run: FakeRun = {
        written: [],
        killed: false,
        say: (m) => open && h.onLine(typeof m === 'string' ? m : encodeLine(m).trimEnd()),
        end: (e = {}) => {
          if (!open) return;
          open = false;
          h.onClose({ code: 0, signal: null, startError: null, lastStderr: null, ...e });
        },
      };
      runs.push(run);
      if (opts.missing && runs.length === 1) queueMicrotask(() => (run.say('CDM-MISSING'), run.end()));
      return {
        pid: 1000 + runs.length,
        write: (text) => (open ? (run.written.push(text), true) : false),
        abort: () => run.end({ signal: 'SIGKILL', code: null }),
        kill: () => ((run.killed = true), run.end({ signal: 'SIGKILL', code: null })),
        close: async () => run.end(),
      };
    },
  };
  return { transport, runs, shipped: () => shipped };
}

const hello: Up = JSON.parse(HELLO) as Up;
const rowsMsg: Up = { t: 'rows', at: 1, rows: [sampleRow()], error: null };

let links: HostLink[] = [];
let clock: ManualClock;
beforeEach(() => {
  clock = manualClock();
});
afterEach(async () => {
  await Promise.all(links.map((l) => l.close()));
  links = [];
  // close() cancels every timer it started: nothing of a closed link fires later.
  expect(clock.pending()).toBe(0);
});

function link(transport: Transport, reconnect = true) {
  const states: LinkState[] = [];
  const l = new HostLink({ host: { name: 'build', transport: 'unused' }, transport, reconnect, clock, onState: (s) => states.push(s) });
  links.push(l);
  l.start();
  return { l, states, kinds: () => states.map((s) => s.kind) };
}

describe('HostLink over a scripted transport, on a clock the test moves', () => {
  it('sends the probe line first; up once the agent says hello, and subscribes', async () => {
    const t = fakeTransport();
    const { l } = link(t.transport);
    expect(t.runs[0]!.written[0]).toMatch(
      /^if ! command -v node .*exec node "\$HOME\/\.cache\/claude-dm\/claude-dm-test\.mjs" serve --stdio\n$/u,
    );
    t.runs[0]!.say(hello);
    expect(l.state).toMatchObject({ kind: 'up', working: false });
    expect(JSON.parse(t.runs[0]!.written[1]!)).toEqual({ t: 'subscribe', rows: true, events: false });
    t.runs[0]!.say(rowsMsg);
    expect(l.state).toMatchObject({ kind: 'up', working: true });
    expect(l.rows.map((r) => r.paneId)).toEqual(['build:%1']);
  });

  it('stale after three silent beats: the call in flight is dropped, never sent again; a beat brings it back', async () => {
    const t = fakeTransport();
    const { l, kinds } = link(t.transport);
    t.runs[0]!.say(hello);
    t.runs[0]!.say(rowsMsg);
    const call = l.call(['send', '%1', 'hi']);
    const dropped = expect(call).rejects.toBeInstanceOf(LinkDropped);
    await clock.advance(3 * BEAT_MS);
    expect(l.state.kind).toBe('up');
    // Looked at every second: stale within one of the third silent beat.
    await clock.advance(1000);
    expect(l.state.kind).toBe('stale');
    await dropped;
    const calls = t.runs[0]!.written.filter((w) => w.includes('"t":"call"'));
    expect(calls).toHaveLength(1);
    t.runs[0]!.say({ t: 'beat', at: 2 });
    expect(l.state.kind).toBe('up');
    expect(t.runs[0]!.written.filter((w) => w.includes('"t":"call"'))).toHaveLength(1);
    expect(kinds()).toEqual(['connecting', 'up', 'up', 'stale', 'up']);
  });

  it('a transport that ends is down with its reason; retried after 1 s, 2 s, 4 s; the back-off starts again once it works', async () => {
    const t = fakeTransport();
    const { l } = link(t.transport);
    t.runs[0]!.end({ code: 255, lastStderr: 'ssh: connect to host box port 22: Connection refused' });
    expect(l.state).toMatchObject({ kind: 'down', reason: 'unused: ssh: connect to host box port 22: Connection refused' });
    for (const [attempt, run] of [
      [0, 1],
      [1, 2],
      [2, 3],
    ] as const) {
      await clock.advance(backoffMs(attempt) - 1);
      expect(t.runs).toHaveLength(run);
      await clock.advance(1);
      expect(t.runs).toHaveLength(run + 1);
      if (run < 3) t.runs[run]!.end({ code: 1 });
    }
    expect(backoffMs(0)).toBe(1000);
    expect(backoffMs(2)).toBe(4000);
    // The fourth run works: a later drop waits 1 s again, not 8 s.
    t.runs[3]!.say(hello);
    t.runs[3]!.say(rowsMsg);
    t.runs[3]!.end({ signal: 'SIGKILL', code: null });
    expect(l.state).toMatchObject({ kind: 'down', reason: 'the transport ended (SIGKILL)' });
    await clock.advance(1000);
    expect(t.runs).toHaveLength(5);
  });

  it('a call in flight when the transport ends is LinkDropped, and not sent down the next run', async () => {
    const t = fakeTransport();
    const { l } = link(t.transport);
    t.runs[0]!.say(hello);
    const call = l.call(['answer', '%1', 'y']);
    t.runs[0]!.end({ code: 1 });
    await expect(call).rejects.toThrow(/dropped while the request was in flight \(the transport ended \(exit 1\)\)/u);
    await clock.advance(1000);
    t.runs[1]!.say(hello);
    expect(t.runs[1]!.written.some((w) => w.includes('"t":"call"'))).toBe(false);
    expect(l.sentCalls).toBe(1);
  });

  it('the bundle missing over there is shipped once, then the link connects again', async () => {
    const t = fakeTransport({ missing: true });
    const { l } = link(t.transport);
    await clock.advance(0);
    expect(t.shipped()).toBe(1);
    expect(t.runs).toHaveLength(2);
    t.runs[1]!.say(hello);
    expect(l.state.kind).toBe('up');
  });

  it('a far side that never says hello is killed at the deadline and down with why', async () => {
    const t = fakeTransport();
    const { l } = link(t.transport, false);
    await clock.advance(20_000);
    expect(t.runs[0]!.killed).toBe(true);
    expect(l.state).toMatchObject({ kind: 'down', reason: 'no answer within 20 s', retryAt: null });
  });
});
