// The dashboard's real controller (what its keys call) on a private tmux with synthetic
// peers: send, ask, esc with force armed (passed to the gate, then cleared), jump (the
// person's client moves to the peer) and spawn (in the selected peer's folder).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeContext, type VerbContext } from '../../src/cli/context.js';
import { Controller } from '../../src/dashboard/controller.js';
import { Poller } from '../../src/dashboard/poller.js';
import { createDashboardStore, selectedRow, update, type DashboardStore } from '../../src/dashboard/store.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { eventually } from '../support/run-cli.js';
import {
  rec,
  startSyntheticPeer,
  syntheticClaudeOnPath,
  writeJsonl,
  type SyntheticPeer,
  type SyntheticState,
} from '../support/synthetic-peers.js';

let tmux: PrivateTmux;
beforeEach(() => {
  tmux = startPrivateTmux();
});
afterEach(() => tmux.kill());

const stateEnv = () => ({ XDG_RUNTIME_DIR: tmux.dir, CLAUDE_DM_AUDIT_LOG: join(tmux.dir, 'audit.log') });
const audit = () => {
  const path = join(tmux.dir, 'audit.log');
  return existsSync(path)
    ? readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];
};

interface Dashboard {
  ctx: VerbContext;
  store: DashboardStore;
  poller: Poller;
  controller: Controller;
}

function dashboard(env: NodeJS.ProcessEnv = {}): Dashboard {
  const ctx = makeContext(
    { socket: tmux.socketPath },
    { env: { ...tmux.env, ...stateEnv(), ...env }, io: { out: () => undefined, err: () => undefined } },
  );
  const store = createDashboardStore(tmux.socketPath);
  const poller = new Poller({ ctx, store, sweepMs: 60_000, watchFiles: false });
  return { ctx, store, poller, controller: new Controller(ctx, store) };
}

/** Polls until the dashboard shows the peer in this state, and selects it. */
async function select(d: Dashboard, p: SyntheticPeer, state: string): Promise<void> {
  await eventually(
    async () => {
      await d.poller.tick();
      return d.store.getState().rows[p.paneId]?.state === state;
    },
    10_000,
    `${p.paneId} ${state} on the dashboard`,
  );
  update(d.store, { selected: p.paneId });
  expect(selectedRow(d.store.getState())?.paneId).toBe(p.paneId);
}

const peer = (state: SyntheticState) => startSyntheticPeer(tmux, 'p', state);

describe('the real controller', () => {
  it('send types into the selected peer and says delivered', async () => {
    const d = dashboard();
    const p = await peer({ capture: '2.1.197__idle__2', echo: true });
    await select(d, p, 'idle');
    await d.controller.send('from the dashboard');
    expect(p.submitted()).toEqual(['from the dashboard']);
    expect(d.store.getState().notice).toMatchObject({ kind: 'ok', text: expect.stringMatching(/: delivered$/) });
    expect(audit()).toEqual([expect.objectContaining({ verb: 'send', outcome: 'delivered', payload: 'from the dashboard' })]);
  });

  it('ask sends, then shows the reply the peer wrote to its transcript', async () => {
    const d = dashboard();
    const p = await peer({ capture: '2.1.197__idle__2', echo: true });
    await select(d, p, 'idle');
    const asking = d.controller.ask('what is 6 times 7?');
    await eventually(() => p.submitted().length === 1, 10_000, 'the question');
    writeJsonl(p.transcriptPath(), [rec.user('what is 6 times 7?'), rec.assistant('42, as always')]);
    await asking;
    expect(p.submitted()).toEqual(['what is 6 times 7?']);
    expect(d.store.getState().notice).toMatchObject({ kind: 'ok', text: expect.stringMatching(/: replied: 42, as always$/) });
  });

  it('esc is refused on a draft; armed force reaches the gate once and is cleared', async () => {
    const d = dashboard();
    const p = await peer({ capture: '2.1.197__drafting__1' });
    await select(d, p, 'drafting');
    await d.controller.esc();
    expect(d.store.getState().notice).toMatchObject({ kind: 'error', text: expect.stringMatching(/refused: /) });
    expect(p.received()).toBe('');

    update(d.store, { force: true }); // what the f key does
    await d.controller.esc();
    expect(d.store.getState().force).toBe(false);
    expect(d.store.getState().notice).toMatchObject({ kind: 'ok', text: expect.stringMatching(/\(forced\)$/) });
    expect(p.received()).toBe('\x1b');
    expect(audit().map((l) => [l.outcome, (l.gate as { forced: boolean }).forced])).toEqual([
      ['refused', false],
      ['delivered', true],
    ]);

    // Disarmed: the next esc is refused again and nothing more reaches the peer.
    await select(d, p, 'drafting');
    await d.controller.esc();
    expect(d.store.getState().notice).toMatchObject({ kind: 'error' });
    expect(p.received()).toBe('\x1b');
  });

  it("jump moves the person's client to the selected peer", async () => {
    const p = await peer({ capture: '2.1.197__idle__2' });
    // The person: a client of another server's pane, attached to ours.
    const outer = startPrivateTmux({ cols: 150, rows: 20, command: `env -u TMUX tmux -S ${tmux.socketPath} attach -t main:0` });
    try {
      await eventually(async () => (await tmux.tmux('list-clients', '-F', '#{client_name}')).trim() !== '', 10_000, 'the person to attach');
      const dashboardPane = (await tmux.tmux('display', '-p', '-t', 'main:0', '#{pane_id}')).trim();
      const d = dashboard({ TMUX: `${tmux.socketPath},${tmux.serverPid},0`, TMUX_PANE: dashboardPane });
      await select(d, p, 'idle');
      const clientPane = async () => (await tmux.tmux('list-clients', '-F', '#{pane_id}')).trim();
      expect(await clientPane()).toBe(dashboardPane);
      await d.controller.jump();
      expect(d.store.getState().notice?.kind).not.toBe('error');
      expect(await clientPane()).toBe(p.paneId);
    } finally {
      outer.kill();
    }
  });

  it("spawn starts claude from PATH in the selected peer's folder and says when it is ready", async () => {
    // A `claude` on PATH that starts a synthetic peer and notes the folder it was started in.
    const started = join(tmux.dir, 'started-in');
    const env = syntheticClaudeOnPath(join(tmux.dir, 'spawned'), { sessionId: 'spawned', startedIn: started });

    const p = await peer({ capture: '2.1.197__idle__2' });
    const d = dashboard(env);
    await select(d, p, 'idle');
    await d.controller.spawn();
    expect(d.store.getState().notice).toMatchObject({ kind: 'ok', text: expect.stringMatching(/^new peer \S+ is ready$/) });
    expect(readFileSync(started, 'utf8').trim()).toBe(p.cwd);
    await d.poller.tick();
    const rows = Object.values(d.store.getState().rows);
    expect(rows.filter((r) => r.cwd === p.cwd)).toHaveLength(2);
  });
});
