// runWrite's route step: it says which channel a write takes and that channel's gate decision, on the
// settled view; the act is handed the route, the result and the audit line carry its channel.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runWrite, type Route } from '../../src/actions/write.js';
import type { Session } from '../../src/session/session.js';
import { FakeIdlePeer, PANE_ID } from '../support/fake-idle-peer.js';

let peer: FakeIdlePeer;
let ctx: Session;
beforeEach(() => {
  peer = new FakeIdlePeer();
  ctx = peer.session();
});
afterEach(() => peer.remove());

const allowed = { allowed: true, forced: false, reason: 'test route' };

it('the act gets the route the route step chose; the result and the audit line carry its channel', async () => {
  const seen: Route[] = [];
  const r = await runWrite(
    ctx,
    {
      verb: 'send',
      target: PANE_ID,
      payload: 'x',
      route: (input) => ({ channel: 'inbox', decision: { ...allowed, reason: input.classification.state } }),
    },
    async (_view, route) => {
      seen.push(route);
      return { outcome: 'delivered', detail: 'done', ok: true, extra: { msg_id: 'm-1' } };
    },
  );
  expect(seen).toEqual([{ channel: 'inbox', decision: { ...allowed, reason: 'idle' } }]);
  expect(r).toMatchObject({ channel: 'inbox', outcome: 'delivered', gate: { allowed: true, reason: 'idle' }, extra: { msg_id: 'm-1' } });
  expect(peer.audit().at(-1)).toMatchObject({ verb: 'send', channel: 'inbox', msg_id: 'm-1', outcome: 'delivered' });
});

it('a route that refuses: the act never runs, and the refusal names the channel it was for', async () => {
  let acted = false;
  const refuse = { allowed: false, forced: false, reason: 'inbox: the peer holds messages' };
  const r = await runWrite(
    ctx,
    { verb: 'send', target: PANE_ID, payload: 'x', route: () => ({ channel: 'inbox', decision: refuse }) },
    async () => {
      acted = true;
      return { outcome: 'delivered', detail: '', ok: true };
    },
  );
  expect(acted).toBe(false);
  expect(r).toMatchObject({ channel: 'inbox', outcome: 'refused', ok: false, detail: 'refused: inbox: the peer holds messages' });
  expect(peer.audit().at(-1)).toMatchObject({ channel: 'inbox', outcome: 'refused' });
  expect(peer.typed()).toEqual([]);
});

it('without a route: keystrokes, gated by the matrix', async () => {
  const r = await runWrite(ctx, { verb: 'answer', target: PANE_ID, payload: 'y' }, async () => ({
    outcome: 'delivered',
    detail: '',
    ok: true,
  }));
  expect(r).toMatchObject({ channel: 'keys', outcome: 'refused', detail: 'refused: peer is idle, not on a modal' });
  expect(peer.audit().at(-1)).toMatchObject({ channel: 'keys', outcome: 'refused' });
});
