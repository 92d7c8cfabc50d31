// watch's events from two looks at the peers (src/watch/events.ts): real 2.1.332 captures as the peers'
// screens, transcript blocks as the observer reads them.
import { describe, expect, it } from 'vitest';
import { classifyPeer } from '../../src/classify/classify.js';
import { promptRef } from '../../src/classify/prompt-id.js';
import type { Peer } from '../../src/peers/discover.js';
import type { TextBlock } from '../../src/transcript/records.js';
import { diffPeers, type Track, type WatchEvent } from '../../src/watch/events.js';
import type { LivePeer } from '../../src/watch/observer.js';
import { loadCapture } from '../support/fixtures.js';

const AT = Date.parse('2026-12-03T10:00:00Z');

function peerIn(capture: string, opts: { pane?: string; blocks?: TextBlock[]; turnEnded?: boolean; record?: object } = {}): LivePeer {
  const c = loadCapture(capture);
  const paneId = opts.pane ?? '%1';
  const session = { ...(c.session ?? {}), name: 'api-tests', ...opts.record };
  const peer: Peer = {
    pane: {
      paneId,
      session: 'main',
      windowIndex: Number(paneId.slice(1)),
      paneIndex: 0,
      windowName: 'w',
      pid: 100,
      title: c.title,
      currentPath: '/w',
      currentCommand: 'claude',
      width: 160,
      height: 45,
      inMode: false,
      dead: false,
      address: `main:${paneId.slice(1)}.0`,
    },
    claude: { pid: 101, startedAtMs: 1, configDir: '/c', configFrom: 'HOME' },
    session,
    cwd: '/home/u/api',
    self: false,
  };
  const classification = classifyPeer({ title: c.title, screen: c.screen, session });
  const blocks = opts.blocks ?? [];
  const prompt = promptRef(paneId, classification, session);
  return {
    view: {
      peer,
      classification,
      transcript: null,
      tail: {
        blocks,
        lastStopReason: opts.turnEnded ? 'end_turn' : null,
        lastToolUse: 'Bash',
        turnEnded: opts.turnEnded ?? false,
        pendingToolUseId: classification.state === 'modal' ? 'toolu_1' : null,
      },
    },
    modalSeenAt: null,
    promptId: prompt?.id ?? null,
    promptLook: prompt?.look ?? null,
    promptSeenAt: null,
    inbound: null,
    capturedAt: AT,
    request: null,
  };
}

const kinds = (events: WatchEvent[]) => events.map((e) => e.event);
const user = (text: string, t: string, dm?: TextBlock['dm']): TextBlock => ({ role: 'user', text, timestamp: t, ...(dm ? { dm } : {}) });
const said = (text: string, t: string): TextBlock => ({ role: 'assistant', text, timestamp: t });

describe('diffPeers', () => {
  it('the first look is one snapshot per peer, with what every event carries; a peer already asking has its prompt told', () => {
    const { events } = diffPeers(
      null,
      [peerIn('2.1.332__default__idle'), peerIn('2.1.332__default__permission_bash2', { pane: '%2' })],
      AT,
    );
    expect(kinds(events)).toEqual(['snapshot', 'snapshot', 'prompt']);
    expect(events[0]).toEqual({
      ts: '2026-12-03T10:00:00.000Z',
      target: 'main:1.0',
      pane_id: '%1',
      name: 'api-tests',
      cwd: '/home/u/api',
      event: 'snapshot',
      state: 'idle',
      subtype: null,
      prompt: null,
      prompt_id: null,
      rule: 'idle',
      version: '2.1.332',
    });
    expect(events[1]).toMatchObject({ event: 'snapshot', state: 'modal', prompt: 'bash', prompt_id: expect.stringMatching(/^pr-/) });
    // A watch started while the peer waits learns what it asks and what y/n/a pick, under the snapshot's prompt id.
    expect(events[2]).toMatchObject({
      event: 'prompt',
      pane_id: '%2',
      prompt_id: events[1]!.event === 'snapshot' ? events[1]!.prompt_id : 'not a snapshot',
      subject: expect.arrayContaining(['touch /tmp/touched-15']),
      keys: { n: { option: 'No' } },
    });
  });

  it('idle → busy → prompt → idle: state events, the prompt with what y/n/a pick, then the turn', () => {
    let t: Map<string, Track> | null = diffPeers(null, [peerIn('2.1.332__default__idle')], AT).tracks;
    const step = (p: LivePeer) => {
      const d = diffPeers(t, [p], AT + 1000);
      t = d.tracks;
      return d.events;
    };
    expect(step(peerIn('2.1.332__default__busy'))).toEqual([expect.objectContaining({ event: 'state', from: 'idle', to: 'busy' })]);
    const asked = step(peerIn('2.1.332__default__permission_bash2'));
    expect(kinds(asked)).toEqual(['state', 'prompt']);
    expect(asked[1]).toMatchObject({
      event: 'prompt',
      prompt: 'bash',
      tool: 'Bash',
      subject: expect.arrayContaining(['touch /tmp/touched-15']),
      options: [
        { key: '1', label: 'Yes' },
        { key: '2', label: expect.stringMatching(/^Yes, and always allow/) },
        { key: '3', label: expect.stringMatching(/^Yes, and switch to auto mode/) },
        { key: '4', label: 'No' },
      ],
      keys: { y: { option: 'Yes', widens: false }, n: { option: 'No', widens: false }, a: { widens: true } },
    });
    const blocks = [user('please run bash now', '2026-12-03T10:00:01Z'), said('The command finished.', '2026-12-03T10:00:03Z')];
    const done = step(peerIn('2.1.332__default__idle', { blocks, turnEnded: true }));
    expect(done).toEqual([
      expect.objectContaining({ event: 'state', from: 'modal', to: 'idle' }),
      expect.objectContaining({ event: 'turn', stop_reason: 'end_turn', reply: 'The command finished.' }),
    ]);
    // The same look again tells nothing.
    expect(step(peerIn('2.1.332__default__idle', { blocks, turnEnded: true }))).toEqual([]);
  });

  it('a turn that started and ended between two looks is told; one already over at the first look is not', () => {
    const first = [user('hello', '2026-12-03T09:00:00Z'), said('ECHO: hello', '2026-12-03T09:00:01Z')];
    const { events, tracks } = diffPeers(null, [peerIn('2.1.332__default__idle', { blocks: first, turnEnded: true })], AT);
    expect(kinds(events)).toEqual(['snapshot']);
    const next = [...first, user('again', '2026-12-03T10:00:01Z'), said('ECHO: again', '2026-12-03T10:00:02Z')];
    const d = diffPeers(tracks, [peerIn('2.1.332__default__idle', { blocks: next, turnEnded: true })], AT + 2000);
    expect(d.events).toEqual([expect.objectContaining({ event: 'turn', reply: 'ECHO: again' })]);
  });

  it('a DM that reaches the peer is told once, with who sent it', () => {
    const { tracks } = diffPeers(null, [peerIn('2.1.332__default__idle')], AT);
    const dm = user('please rebase', '2026-12-03T10:00:01Z', { from: 'uds:/tmp/x.sock', pid: 4242 });
    const d = diffPeers(tracks, [peerIn('2.1.332__default__busy', { blocks: [dm] })], AT + 1000);
    expect(d.events.filter((e) => e.event === 'dm')).toEqual([
      expect.objectContaining({ event: 'dm', from: 'uds:/tmp/x.sock', pid: 4242, text: 'please rebase' }),
    ]);
    expect(diffPeers(d.tracks, [peerIn('2.1.332__default__busy', { blocks: [dm] })], AT + 2000).events).toEqual([]);
  });

  it('a peer that comes is `peer` (and its open prompt), one that goes is `gone`', () => {
    const { tracks } = diffPeers(null, [peerIn('2.1.332__default__idle')], AT);
    const d = diffPeers(tracks, [peerIn('2.1.332__default__permission_bash2', { pane: '%2' })], AT + 1000);
    expect(d.events.map((e) => [e.event, e.pane_id])).toEqual([
      ['peer', '%2'],
      ['prompt', '%2'],
      ['gone', '%1'],
    ]);
  });

  it('the next prompt that looks the same is a new prompt event (a new waiting period, a new prompt_id)', () => {
    const p1 = peerIn('2.1.332__default__permission_bash2', { record: { statusUpdatedAt: 1000 } });
    const { tracks } = diffPeers(null, [p1], AT);
    const p2 = peerIn('2.1.332__default__permission_bash2', { record: { statusUpdatedAt: 2000 } });
    const d = diffPeers(tracks, [p2], AT + 1000);
    expect(kinds(d.events)).toEqual(['prompt']);
    expect(d.events[0]).toMatchObject({ prompt_id: p2.promptId });
    expect(p2.promptId).not.toBe(p1.promptId);
  });

  it("a prompt told before claude-dm's hook registered its request is told again, named by the request", () => {
    const p1 = peerIn('2.1.332__default__permission_bash2');
    const { tracks } = diffPeers(null, [p1], AT);
    const request = { id: 'rq-0123456789ab', tool: 'Bash', input: { command: 'touch /x' }, suggestions: [], since: AT };
    const held = { ...p1, promptId: request.id, request };
    const d = diffPeers(tracks, [held], AT + 300);
    expect(kinds(d.events)).toEqual(['prompt']);
    expect(d.events[0]).toMatchObject({ prompt_id: 'rq-0123456789ab', request });
    expect(kinds(diffPeers(d.tracks, [held], AT + 600).events)).toEqual([]); // once
  });
});
