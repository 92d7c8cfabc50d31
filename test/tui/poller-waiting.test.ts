// How long a blocked peer has waited, as the poller fills it in: the sessions record's status
// time when it says waiting, else the moment the dashboard first saw the prompt, kept until
// the prompt goes. A real tmux on a private socket, synthetic peers drawing real captures.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeContext } from '../../src/cli/context.js';
import { Poller } from '../../src/dashboard/poller.js';
import { createDashboardStore } from '../../src/dashboard/store.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { eventually } from '../support/run-cli.js';
import { startSyntheticPeer } from '../support/synthetic-peers.js';

let tmux: PrivateTmux;
beforeEach(() => {
  tmux = startPrivateTmux();
});
afterEach(() => tmux.kill());

function setup() {
  const ctx = makeContext({ socket: tmux.socketPath }, { env: tmux.env, io: { out: () => undefined, err: () => undefined } });
  const store = createDashboardStore(tmux.socketPath);
  return { store, poller: new Poller({ ctx, store, sweepMs: 0 }) };
}

it('takes the sessions record status time; without one, the first sighting, kept across ticks and reset when the prompt goes', { timeout: 60_000 }, async () => {
  const recorded = await startSyntheticPeer(tmux, 'rec', { capture: '2.1.197__permission_bash__1', record: { statusUpdatedAt: 1_700_000_000_000 } });
  // No sessions record at all (as Claude Code before 2.1.x): only the screen says modal.
  const bare = await startSyntheticPeer(tmux, 'bare', { capture: '2.1.197__permission_bash__1', status: null });
  const { store, poller } = setup();
  const row = (id: string) => store.getState().rows[id];
  const before = Date.now();
  await eventually(async () => {
    await poller.tick();
    // The record can land a tick after the screen: until then the first sighting stands in.
    return row(recorded.paneId)?.waitingSince === 1_700_000_000_000 && row(bare.paneId)?.state === 'modal';
  }, 20_000, 'both on a modal, the recorded one with its record\'s status time');
  const seen = row(bare.paneId)!.waitingSince!;
  expect(seen).toBeGreaterThanOrEqual(before);
  await new Promise((r) => setTimeout(r, 50));
  await poller.tick();
  await poller.tick();
  expect(row(bare.paneId)!.waitingSince).toBe(seen);

  bare.set({ capture: '2.1.197__idle__2', status: null });
  await eventually(async () => {
    await poller.tick();
    return row(bare.paneId)?.state === 'idle';
  }, 20_000, 'bare idle');
  expect(row(bare.paneId)!.waitingSince).toBeNull();
  bare.set({ capture: '2.1.197__permission_bash__1', status: null });
  await eventually(async () => {
    await poller.tick();
    return row(bare.paneId)?.state === 'modal';
  }, 20_000, 'bare on a modal again');
  expect(row(bare.paneId)!.waitingSince!).toBeGreaterThan(seen);
});
