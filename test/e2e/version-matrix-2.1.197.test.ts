// The version matrix's 2.1.197 counterpart of version-matrix-2.1.332.test.ts, on what differs: 2.1.197 has no
// auto mode, its Bash prompt has three options and No is 3 (4 on 2.1.332, where 3 switches to auto mode), and
// the fake API's keywords raise the same prompt kinds from its request shape (environment block in `system`).
// The rest of test/e2e covers 2.1.197's states. A missing or different binary fails the file.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { typeInto, type ClaudePeer } from '../../demo/claude-peer.js';
import { eventually } from '../support/run-cli.js';
import { lastToolUse } from '../support/transcripts.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';

const VERSION = '2.1.197';

let w: WriteHarness;
let peer: ClaudePeer;
beforeAll(async () => {
  w = await startWriteHarness({ version: VERSION });
  peer = await w.h.start('manual');
}, 90_000);
afterAll(async () => w?.close());

type Status = {
  state: string;
  prompt: string | null;
  version: string | null;
  modal: { options: Array<{ key: string; label: string }> } | null;
  answer_keys: Array<{ key: string; option: string | null }> | null;
};
const status = async (): Promise<Status> => JSON.parse((await w.run(['status', peer.paneId, '--json'])).stdout) as Status;
const reaches = (ok: (s: Status) => boolean, what: string) =>
  eventually(async () => ((s) => (ok(s) ? s : null))(await status()), 25_000, what);

it(`the peer runs ${VERSION}, whose only startup mode is manual: auto mode is refused before anything starts`, async () => {
  expect(peer.version).toBe(VERSION);
  expect(peer.permissionMode).toBe('default');
  await expect(w.h.start('auto', { permissionMode: 'auto' })).rejects.toThrow(/2\.1\.197 has no auto mode/);
});

it('Bash prompt: three options, n is 3. No (4 on 2.1.332), y is 1. Yes', { timeout: 90_000 }, async () => {
  for (const key of ['n', 'y'] as const) {
    await reaches((s) => s.state === 'idle', 'idle');
    const before = lastToolUse(peer.configDir)?.id;
    await typeInto(w.h.tmux.socketPath, peer.paneId, 'please run bash now', w.h.tmux.env);
    const s = await reaches((x) => x.state === 'modal' && x.prompt === 'bash', 'the Bash prompt');
    expect(s.modal?.options.map((o) => o.key)).toEqual(['1', '2', '3']);
    expect(s.modal?.options.at(-1)?.label).toBe('No');
    expect(s.answer_keys?.find((k) => k.key === 'n')?.option).toBe('No');
    const call = await eventually(() => ((c) => (c && c.id !== before ? c : null))(lastToolUse(peer.configDir)), 10_000, 'the tool call');
    const touched = String(call.input.command).replace(/^touch /, '');
    const r = JSON.parse((await w.run(['answer', peer.paneId, key, '--json'])).stdout);
    expect(r).toMatchObject(
      key === 'n' ? { outcome: 'delivered', key: '3', option: 'No' } : { outcome: 'delivered', key: '1', option: 'Yes' },
    );
    if (key === 'y') await eventually(() => existsSync(touched), 15_000, 'the approved touch');
    else {
      await reaches((x) => x.state === 'idle', 'idle after No');
      expect(existsSync(touched)).toBe(false);
    }
  }
  // The sessions record (written from the first turn on) names the version claude-dm reports.
  expect((await status()).version).toBe(VERSION);
});
