// The engine checks every message it would type, whoever calls it (the CLI checks early too, the
// dashboard did not): a control character is refused with nothing typed and one audit line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { askPeer, runSlashCommand, sendMessage } from '../../src/actions/write-verbs.js';
import { FakeIdlePeer, PANE_ID } from '../support/fake-idle-peer.js';

let peer: FakeIdlePeer;
beforeEach(() => {
  peer = new FakeIdlePeer();
});
afterEach(() => peer.remove());

const CONTROLS: Array<[name: string, text: string, code: string]> = [
  ['C0 ESC (the paste end marker)', 'hi \x1b[201~ there', '1b'],
  ['C0 BEL', 'ring\x07', '07'],
  ['DEL', 'del\x7f', '7f'],
  ['C1 CSI', 'csi\x9b31m', '9b'],
  ['C1 NEL', 'next\x85line', '85'],
];

describe('send, ask and cmd refuse a control character in what they would type', () => {
  it.each(CONTROLS)('%s: refused, nothing typed, one audit line each, a one-line reason', async (_name, text, code) => {
    const ctx = peer.session();
    const sent = await sendMessage(ctx, PANE_ID, text);
    const asked = await askPeer(ctx, PANE_ID, text, { timeoutMs: 1000 });
    const ran = await runSlashCommand(ctx, PANE_ID, `/rename ${text}`);
    for (const r of [sent, asked.sent, ran]) {
      expect(r).toMatchObject({ ok: false, outcome: 'refused', gate: null });
      expect(r.detail).toMatch(new RegExp(`^refused: the message holds control character 0x${code} at index \\d+ .*--raw$`));
      expect(r.detail).not.toMatch(/\n/);
    }
    expect(asked.reply).toBeNull();
    expect(peer.typed()).toEqual([]);
    expect(peer.audit().map((l) => [l.verb, l.outcome, l.payload])).toEqual([
      ['send', 'refused', text],
      ['ask', 'refused', text],
      ['cmd', 'refused', `/rename ${text}`],
    ]);
  });

  it('an empty message is refused the same way', async () => {
    const r = await sendMessage(peer.session(), PANE_ID, '');
    expect(r).toMatchObject({ ok: false, outcome: 'refused', detail: 'refused: the message is empty: nothing to send' });
    expect(peer.typed()).toEqual([]);
    expect(peer.audit()).toHaveLength(1);
  });

  // The refusals above are the check's doing: on this peer the gate lets each verb type.
  it('raw lets send and ask paste the same text, and cmd pastes a clean command', async () => {
    const ctx = peer.session();
    const [, text] = CONTROLS[3]!;
    await sendMessage(ctx, PANE_ID, text, { raw: true });
    await askPeer(ctx, PANE_ID, text, { timeoutMs: 1000, raw: true });
    await runSlashCommand(ctx, PANE_ID, '/rename clean');
    const loaded = peer.typed().filter((c) => c.args[0] === 'load-buffer');
    expect(loaded.map((c) => c.input)).toEqual([text, text, '/rename clean']);
    expect(peer.typed().filter((c) => c.args[0] === 'paste-buffer')).toHaveLength(3);
  });
});
