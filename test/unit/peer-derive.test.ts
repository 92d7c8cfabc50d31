// What the observer makes of a peer it just captured (src/watch/peer-derive.ts), as a pure function: a real
// 2.1.332 Bash prompt's capture and sessions record, the transcript's tail as a summary, times as numbers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Peer } from '../../src/peers/discover.js';
import type { SessionRecord } from '../../src/peers/session-record.js';
import type { TailSummary } from '../../src/transcript/read-tail.js';
import { derivePeer, inboundKeyOf, type ObservedPeer, type PeerReading } from '../../src/watch/peer-derive.js';
import { PROMPT_READ_MS } from '../../src/watch/prompt-read.js';
import { REPO_ROOT } from '../support/repo-root.js';

const DIR = join(REPO_ROOT, 'test/fixtures/screens-2.1.332');
const capture = (name: string) => {
  const meta = JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as { title: string; sessions: SessionRecord };
  return { screen: readFileSync(join(DIR, `${name}.ansi.txt`), 'utf8'), title: meta.title, session: meta.sessions };
};
const BASH = capture('2.1.332__default__permission_bash2');
const IDLE = capture('2.1.332__default__idle');

function peer(c: typeof BASH): Peer {
  return {
    pane: {
      paneId: '%6',
      session: 'p',
      windowIndex: 6,
      paneIndex: 0,
      windowName: 'work',
      pid: 4242,
      title: c.title,
      currentPath: '/work',
      currentCommand: 'claude',
      width: 120,
      height: 40,
      inMode: false,
      dead: false,
      address: 'p:6.0',
    },
    claude: { pid: c.session.pid!, startedAtMs: null, configDir: '/home/u/.claude', configFrom: 'HOME' },
    session: c.session,
    cwd: '/work',
    self: false,
  };
}

/** The transcript's tail: with the Bash call still waiting for its result, or without it (not written yet). */
const tail = (pending: boolean): TailSummary => ({
  blocks: [],
  pendingToolUseId: pending ? 'toolu_1' : null,
  lastToolUse: pending ? 'Bash' : null,
  lastStopReason: pending ? 'tool_use' : null,
  turnEnded: false,
});

const read = (over: Partial<PeerReading> & { c?: typeof BASH }): ObservedPeer => {
  const c = over.c ?? BASH;
  return derivePeer({
    peer: peer(c),
    before: undefined,
    key: 'k1',
    transcript: null,
    screen: c.screen,
    tail: tail(true),
    inbound: null,
    now: 10_000,
    ...over,
  });
};

describe('derivePeer', () => {
  it('a prompt read whole: modal, with an id, seen now, nothing to look at again', () => {
    const p = read({});
    expect(p.view.classification).toMatchObject({ state: 'modal', subtype: 'permission' });
    expect(p).toMatchObject({ modalSeenAt: 10_000, promptSeenAt: 10_000, recheck: false, readingSince: null, capturedAt: 10_000 });
    expect(p.promptId).toEqual(expect.any(String));
  });

  it('the same prompt a tick later keeps since when it has shown; another state clears it', () => {
    const first = read({});
    const again = read({ before: first, now: 11_000 });
    expect(again).toMatchObject({ modalSeenAt: 10_000, promptSeenAt: 10_000, promptId: first.promptId, look: first.look });
    const idle = read({ c: IDLE, before: again, now: 12_000, tail: tail(false) });
    expect(idle.view.classification.state).toBe('idle');
    expect(idle).toMatchObject({ modalSeenAt: null, promptSeenAt: null, promptId: null });
    expect(idle.look).not.toBe(again.look);
  });

  it('a prompt whose tool call is not in the transcript yet is held: the peer stays as last told, looked at again soon', () => {
    const idle = read({ c: IDLE, tail: tail(false) });
    const held = read({ before: idle, now: 10_100, tail: tail(false) });
    expect(held.view).toBe(idle.view); // nothing told yet
    expect(held).toMatchObject({ recheck: true, readingSince: 10_100, capturedAt: 10_100, promptId: null, key: idle.key });
    const whole = read({ before: held, now: 10_200 });
    expect(whole.view.classification.state).toBe('modal');
    expect(whole).toMatchObject({ readingSince: null, recheck: false });
    expect(whole.promptId).toEqual(expect.any(String));
  });

  it('held no longer than PROMPT_READ_MS: then told as read, with its id (its tool, when it comes, is told again)', () => {
    const idle = read({ c: IDLE, tail: tail(false) });
    const held = read({ before: idle, now: 10_000, tail: tail(false) });
    const still = read({ before: held, now: 10_000 + PROMPT_READ_MS - 1, tail: tail(false) });
    expect(still.view).toBe(idle.view);
    const told = read({ before: still, now: 10_000 + PROMPT_READ_MS, tail: tail(false) });
    expect(told.view.classification.state).toBe('modal');
    expect(told).toMatchObject({ readingSince: 10_000, recheck: false });
    expect(told.promptId).toEqual(expect.any(String));
  });

  it('a peer first seen on a prompt not read whole is shown, its prompt without an id', () => {
    const p = read({ tail: tail(false) });
    expect(p.view.classification.state).toBe('modal');
    expect(p).toMatchObject({ promptId: null, recheck: true, readingSince: 10_000 });
  });

  it('the inbound policy given is kept with the record fields it was read for', () => {
    const p = read({ inbound: 'holds' as PeerReading['inbound'] });
    expect(p.inbound).toBe('holds');
    expect(p.inboundKey).toBe(inboundKeyOf(peer(BASH)));
    expect(inboundKeyOf({ ...peer(BASH), cwd: '/elsewhere' })).not.toBe(p.inboundKey);
  });
});
