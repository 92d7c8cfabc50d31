// The dashboard's compose box drops C0 controls as they are typed but not C1 ones (0x80-0x9f): the
// engine is what refuses them. Through the real Controller, on a fake idle peer that would take a paste.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Controller } from '../../src/dashboard/controller.js';
import { FakeIdlePeer, PANE_ID } from '../support/fake-idle-peer.js';
import { KEYS, renderDashboard, row, type Harness } from '../support/tui-harness.js';

let peer: FakeIdlePeer;
let h: Harness;
beforeEach(() => {
  peer = new FakeIdlePeer();
  const rows = [row({ state: 'idle', paneId: PANE_ID, address: 'main:1.0' })];
  h = renderDashboard(rows, {}, undefined, { columns: 160, rows: 30 }, (store) => new Controller(peer.session(), store));
});
afterEach(() => {
  h.unmount();
  peer.remove();
});

it('a send holding a C1 control (CSI 0x9b) is refused: the notice says why, nothing is typed, one audit line', async () => {
  await h.ready();
  await h.press(KEYS.enter);
  await h.waitForFrame((f) => f.includes('send to'), 'the compose box');
  await h.press('hi\x9b31m', KEYS.enter);
  const f = await h.waitForFrame((f) => f.includes('main:1.0: refused:'), 'the refusal on the notice line');
  expect(f).toContain('main:1.0: refused: the message holds control character 0x9b at index 2 (it would act as a keystroke)');
  expect(peer.typed()).toEqual([]);
  expect(peer.audit()).toMatchObject([{ verb: 'send', outcome: 'refused', payload: 'hi\x9b31m' }]);
});

it('the same send without the control character is pasted (the refusal above is the check, not the fake)', async () => {
  await h.ready();
  await h.press(KEYS.enter);
  await h.waitForFrame((f) => f.includes('send to'), 'the compose box');
  await h.press('hi31m', KEYS.enter);
  await h.waitForFrame((f) => f.includes('main:1.0: not submitted'), 'the outcome on the notice line');
  expect(
    peer
      .typed()
      .filter((c) => c.args[0] === 'load-buffer')
      .map((c) => c.input),
  ).toEqual(['hi31m']);
});
