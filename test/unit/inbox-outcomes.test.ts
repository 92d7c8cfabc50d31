// A message the peer held for its user or refused never reached Claude: not ok, exit 1, whether or not
// Claude Code wrote its enqueue record first (an enqueue alone means queued, which is ok).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitForWrite } from '../../src/cli/exit-codes.js';
import { runCli } from '../../src/cli/run.js';
import { judge, REACHED } from '../../src/inbox/outcome.js';
import type { Receipt } from '../../src/inbox/wire.js';
import { addFakeInbox, type FakeInbox } from '../support/fake-inbox.js';
import { FakeIdlePeer, PANE_ID, SOCKET } from '../support/fake-idle-peer.js';
import { VERBS } from '../../src/cli/verbs/index.js';

const TEXT = 'please hold this';
const MSG = 'msg-1';
const enqueue = { type: 'queue-operation', operation: 'enqueue', content: TEXT };
const holdLine = {
  type: 'system',
  content: `Held peer message \u2014 from an unidentified session; preview: \u00ab${TEXT}\u00bb \u2014 not delivered to Claude (1 held).`,
};
const refusal: Receipt = { status: 'expired', statusDetail: 'refused', origMsgId: MSG };

describe('held and refused, judged from the records', () => {
  it.each([
    ['held', 'without', [holdLine], []],
    ['held', 'with', [enqueue, holdLine], []],
    ['refused', 'without', [], [refusal]],
    ['refused', 'with', [enqueue], [refusal]],
  ] as const)('%s %s an enqueue record: not reached, so not ok and exit 1', (outcome, _with, records, receipts) => {
    const j = judge(records, receipts, { msgId: MSG, text: TEXT });
    expect(j.outcome).toBe(outcome);
    expect(REACHED).not.toContain(j.outcome);
    expect(exitForWrite({ ok: REACHED.includes(j.outcome) })).toBe(1);
  });

  it('the enqueue record alone is queued: reached (the cases above are held and refused winning over it)', () => {
    expect(judge([enqueue], [], { msgId: MSG, text: TEXT }).outcome).toBe('queued');
    expect(REACHED).toContain('queued');
  });
});

describe('held and refused through `claude-dm send` on a peer with an inbox', () => {
  let peer: FakeIdlePeer;
  let inbox: FakeInbox | null = null;
  beforeEach(() => {
    peer = new FakeIdlePeer({ claudePid: process.pid });
  });
  afterEach(async () => {
    await inbox?.close();
    inbox = null;
    peer.remove();
  });

  async function send(): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['--socket', SOCKET, 'send', PANE_ID, TEXT, '--no-from', '--json'], {
      verbs: VERBS,
      env: { ...peer.session().env, CLAUDE_CODE_MESSAGING_SOCKET: '' },
      io: { out: (l) => out.push(l), err: (l) => err.push(l) },
      runner: peer.runner,
      proc: peer.proc,
    });
    return { code, out, err };
  }

  it.each([
    ['hold', false, 'held'],
    ['hold', true, 'held'],
    ['refuse', false, 'refused'],
    ['refuse', true, 'refused'],
  ] as const)(
    'a peer that does %s (enqueue first: %s): exit 1, ok false, outcome %s, nothing typed',
    async (behaviour, enqueue, outcome) => {
      inbox = await addFakeInbox(peer, peer.dir, behaviour, { enqueue });
      const r = await send();
      expect(r.err).toEqual([]);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.out.join('\n'))).toMatchObject({ ok: false, outcome, channel: 'inbox' });
      expect(inbox.lines.filter((l) => l.type === 'user')).toHaveLength(1);
      expect(peer.typed()).toEqual([]);
      expect(peer.audit()).toMatchObject([{ verb: 'send', channel: 'inbox', outcome }]);
    },
  );
});
