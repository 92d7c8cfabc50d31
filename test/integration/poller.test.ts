// The dashboard's poller on a real tmux server with synthetic peers.
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openSession } from '../../src/session/session.js';
import { Poller } from '../../src/dashboard/poller.js';
import type { PeerRow } from '../../src/watch/peer-row.js';
import { createDashboardStore, update } from '../../src/dashboard/store.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { eventually } from '../support/run-cli.js';
import { rec, startSyntheticPeer, writeJsonl } from '../support/synthetic-peers.js';

let tmux: PrivateTmux;
beforeEach(() => {
  tmux = startPrivateTmux();
});
afterEach(() => tmux.kill());

function setup(opts: { watchFiles?: boolean; intervalMs?: number } = {}) {
  const ctx = openSession({ socket: tmux.socketPath }, { env: tmux.env });
  const store = createDashboardStore(tmux.socketPath);
  const modals: PeerRow[] = [];
  const poller = new Poller({ ctx, store, sweepMs: 60_000, onEnterModal: (r) => modals.push(r), ...opts });
  return { store, poller, modals };
}

it('captures only panes whose title, sessions record or transcript changed; tells once when a modal opens', async () => {
  const a = await startSyntheticPeer(tmux, 'a', { capture: '2.1.197__idle__2' });
  // b stays put (a busy peer's title flips every second, which counts as a change).
  const b = await startSyntheticPeer(tmux, 'b', { capture: '2.1.197__drafting__1' });
  const { store, poller, modals } = setup();
  await eventually(
    async () => {
      await poller.tick();
      const rows = store.getState().rows;
      return rows[a.paneId]?.state === 'idle' && rows[b.paneId]?.state === 'drafting';
    },
    10_000,
    'first states',
  );
  // One more tick takes in a sessions record a peer wrote just after the screen it drew (seen
  // on a loaded machine); a poller that captured on every tick would still fail below.
  await poller.tick();
  const captures = poller.stats.captures;
  await poller.tick();
  await poller.tick();
  expect(poller.stats.captures).toBe(captures); // nothing changed: nothing captured

  a.set({ capture: '2.1.197__permission_bash__1' }); // title ✳ → ✳, but the sessions record turns waiting
  await eventually(
    async () => {
      await poller.tick();
      return store.getState().rows[a.paneId]?.state === 'modal';
    },
    10_000,
    'a on a modal',
  );
  expect(poller.stats.captures - captures).toBeLessThanOrEqual(3); // only a, not b
  expect(modals.map((m) => m.paneId)).toEqual([a.paneId]);
  await poller.tick();
  expect(modals).toHaveLength(1);
  expect(store.getState().rows[a.paneId]!.modal!.options.map((o) => o.key)).toEqual(['1', '2', '3']);
});

it("the selected peer's transcript feeds the peer pane, and a vanished pane leaves the roster", async () => {
  const a = await startSyntheticPeer(tmux, 'a', { capture: '2.1.197__idle__2' });
  writeJsonl(a.transcriptPath(), [rec.user('question'), rec.assistant('answer')]);
  const { store, poller } = setup();
  await eventually(
    async () => {
      await poller.tick();
      return store.getState().blocks.length === 2;
    },
    10_000,
    'blocks',
  );
  expect(store.getState().blocks.map((b) => b.text)).toEqual(['question', 'answer']);
  appendFileSync(a.transcriptPath(), `${JSON.stringify(rec.user('more'))}\n`);
  update(store, { mode: 'tail' });
  await eventually(
    async () => {
      await poller.tick();
      return store.getState().blocks.at(-1)?.text === 'more';
    },
    10_000,
    'the new block',
  );
  await tmux.tmux('kill-pane', '-t', a.paneId);
  await poller.tick();
  expect(store.getState().rows[a.paneId]).toBeUndefined();
  expect(store.getState().selected).toBeNull();
});

it('file watchers refresh before the timer would', async () => {
  const a = await startSyntheticPeer(tmux, 'a', { capture: '2.1.197__idle__2' });
  await eventually(async () => (await tmux.tmux('display', '-p', '-t', a.paneId, '#{pane_title}')).startsWith('✳'), 10_000, 'peer drawn');
  const { store, poller } = setup({ watchFiles: true, intervalMs: 60_000 });
  poller.start();
  try {
    await eventually(() => store.getState().rows[a.paneId]?.state === 'idle', 10_000, 'first tick');
    // The watcher is up once a change in the sessions folder brings a tick (the interval is a minute): a
    // probe file is written until one does (chokidar adds the folder a moment after the first tick).
    const probe = join(a.configDir, 'sessions', 'watch.probe');
    const ticks = poller.stats.ticks;
    await eventually(
      () => {
        writeFileSync(probe, String(Date.now()));
        return poller.stats.ticks > ticks;
      },
      10_000,
      'the watcher up',
    );
    a.set({ capture: '2.1.197__permission_bash__1' });
    // Only a watcher can make this happen within the wait.
    await eventually(() => store.getState().rows[a.paneId]?.state === 'modal', 10_000, 'modal via watcher');
  } finally {
    await poller.stop();
  }
});

it('no tmux server shows as a view-wide error, not a crash', async () => {
  const { store, poller } = setup();
  tmux.kill();
  await poller.tick();
  expect(store.getState().error).toMatch(/no tmux server on socket/);
});

it('a poked tick (a watcher, an action) captures only what changed: the draft sweep waits an interval', async () => {
  const a = await startSyntheticPeer(tmux, 'a', { capture: '2.1.197__idle__2' });
  const b = await startSyntheticPeer(tmux, 'b', { capture: '2.1.197__idle__1' });
  const ctx = openSession({ socket: tmux.socketPath }, { env: tmux.env });
  const store = createDashboardStore(tmux.socketPath);
  // sweepMs 0: a sweep re-captures every pane that printed; the interval is long, so no sweep comes due below.
  const poller = new Poller({ ctx, store, sweepMs: 0, intervalMs: 60_000 });
  await eventually(
    async () => {
      await poller.tick();
      return store.getState().rows[a.paneId]?.state === 'idle' && store.getState().rows[b.paneId]?.state === 'idle';
    },
    10_000,
    'first states',
  );
  // Nothing changes, and the sweep is not due: a poked tick captures nothing (once a peer's record
  // written just after its screen has been taken in; a sweeping tick would capture both, every time).
  await eventually(
    async () => {
      const before = poller.stats.captures;
      await poller.tick({ poked: true });
      return poller.stats.captures === before;
    },
    10_000,
    'a poked tick that captures nothing',
  );
  // A timer's tick sweeps only panes whose window printed since their capture (tmux's window_activity, whole
  // seconds): once both were captured a second after they last drew, a timer's tick takes neither.
  await eventually(
    async () => {
      const before = poller.stats.captures;
      await poller.tick();
      return poller.stats.captures === before;
    },
    10_000,
    "a timer's tick that captures nothing: both panes quiet since their capture",
  );
  // Both print (an SGR reset written to their terminals: output to tmux, the same screen): the next sweeps both.
  // Quiet since a capture a second after their last output, so this output's second is a later one.
  const activity = async () => {
    const panes = await ctx.tmux.listPanes();
    return [a.paneId, b.paneId].map((id) => panes.find((p) => p.paneId === id)?.windowActivity ?? 0);
  };
  const quiet = await activity();
  for (const id of [a.paneId, b.paneId])
    writeFileSync((await tmux.tmux('display-message', '-p', '-t', id, '#{pane_tty}')).trim(), '\x1b[0m');
  let captures = poller.stats.captures;
  await eventually(async () => (await activity()).every((at, i) => at > quiet[i]!), 10_000, 'tmux to see both panes print');
  await poller.tick();
  expect(poller.stats.captures - captures).toBe(2);
  captures = poller.stats.captures;
  const ticks = poller.stats.ticks;
  a.set({ capture: '2.1.197__permission_bash__1' });
  await eventually(
    async () => {
      await poller.tick({ poked: true });
      return store.getState().rows[a.paneId]?.state === 'modal';
    },
    10_000,
    'a on a modal',
  );
  expect(store.getState().rows[b.paneId]?.state).toBe('idle');
  // At most a, on each poked tick it took (a sweep would have taken b too, each time).
  const poked = poller.stats.ticks - ticks;
  expect(poller.stats.captures - captures).toBeGreaterThanOrEqual(1);
  expect(poller.stats.captures - captures).toBeLessThanOrEqual(poked);
});

it("reads a peer's inbound policy (four settings files) again when its sessions record changes, not on every tick", async () => {
  const inbox = { record: { messagingSocketPath: join(tmux.dir, 'no-such-inbox.sock') } };
  const p = await startSyntheticPeer(tmux, 'inbox', { capture: '2.1.332__default__idle', ...inbox });
  const { store, poller } = setup();
  const row = () => store.getState().rows[p.paneId];
  await eventually(
    async () => {
      await poller.tick();
      return row()?.state === 'idle';
    },
    10_000,
    'the peer idle',
  );
  // The synthetic peer may write its record twice as it starts: wait until a tick sees it unchanged.
  const written = () =>
    readdirSync(join(p.configDir, 'sessions'))
      .map((f) => readFileSync(join(p.configDir, 'sessions', f), 'utf8'))
      .join();
  await eventually(
    async () => {
      const before = written();
      await poller.tick();
      return written() === before;
    },
    10_000,
    'the record settled',
  );
  expect(row()!.inbound).toBeNull();
  writeFileSync(join(p.configDir, 'settings.json'), JSON.stringify({ crossSessionInbound: 'hold' }));
  for (let i = 0; i < 3; i++) await poller.tick({ poked: i > 0 });
  expect(row()!.inbound).toBeNull(); // its record did not change: the settings were not read again
  p.set({ capture: '2.1.332__default__idle', ...inbox }); // the peer writes its record anew
  await eventually(
    async () => {
      await poller.tick();
      return row()?.inbound === 'hold';
    },
    10_000,
    'the hold read with the new record',
  );
});
