// Where the dashboard sits on its server (a pane, or a popup a client opened), and what `o`
// runs from each: the exact tmux argv, through a fake runner. test/tui-terminal/popup.test.ts
// does the same in a real popup of a real client.
import { describe, expect, it } from 'vitest';
import { Controller } from '../../src/dashboard/controller.js';
import { createDashboardStore, setRows } from '../../src/dashboard/store.js';
import { callerSeat, locateCaller, type SeatFacts } from '../../src/session/caller.js';
import { openSession } from '../../src/session/session.js';
import { insideTmux } from '../../src/tmux/socket.js';
import { FakeRunner, type Expectation } from '../support/fake-runner.js';
import { row } from '../support/tui-harness.js';

const SOCK = '/nonexistent/cdm-seat.sock';
const PANES = [
  { paneId: '%0', tty: '/dev/pts/3' },
  { paneId: '%4', tty: '/dev/pts/5' },
];
const facts = (f: Partial<SeatFacts>): SeatFacts => ({
  env: { pane: null, session: '$2' },
  tty: '/dev/pts/9',
  panes: PANES,
  startedByServer: true,
  ...f,
});

describe('insideTmux', () => {
  it("reads $TMUX's session number as its id", () => {
    expect(insideTmux({ TMUX: '/tmp/s,123,2' })).toEqual({ socket: '/tmp/s', pane: null, session: '$2' });
    expect(insideTmux({ TMUX: '/tmp/s,123,2', TMUX_PANE: '%4' })).toEqual({ socket: '/tmp/s', pane: '%4', session: '$2' });
    expect(insideTmux({ TMUX: '/tmp/s' })).toEqual({ socket: '/tmp/s', pane: null, session: null });
    expect(insideTmux({})).toBeNull();
  });
});

describe('callerSeat', () => {
  const cases: Array<[string, Partial<SeatFacts>, ReturnType<typeof callerSeat>]> = [
    ['a popup: a terminal the server opened, no pane of its own', {}, { kind: 'popup', sessionId: '$2' }],
    [
      "a popup on a server whose global environment kept someone's $TMUX_PANE",
      { env: { pane: '%4', session: '$2' } },
      { kind: 'popup', sessionId: '$2' },
    ],
    ['a pane: its terminal is that pane', { env: { pane: '%4', session: '$2' }, tty: '/dev/pts/5' }, { kind: 'pane', paneId: '%4' }],
    ['a pane whose $TMUX_PANE was unset', { tty: '/dev/pts/3' }, { kind: 'pane', paneId: '%0' }],
    [
      'a terminal window started from a pane (not by the server): that pane, as before',
      { env: { pane: '%4', session: '$2' }, startedByServer: false },
      { kind: 'pane', paneId: '%4' },
    ],
    ['no terminal to tell by: $TMUX_PANE, as before', { env: { pane: '%4', session: '$2' }, tty: null }, { kind: 'pane', paneId: '%4' }],
    ['no terminal and no pane: nowhere', { tty: null }, null],
    ['not opened by the server, no $TMUX_PANE: nowhere', { startedByServer: false }, null],
    ['$TMUX without a session number: nowhere to find the client', { env: { pane: null, session: null } }, null],
    ['$TMUX names another server, or none', { env: null, tty: '/dev/pts/5' }, null],
  ];
  for (const [what, f, want] of cases) it(what, () => expect(callerSeat(facts(f))).toEqual(want));
});

const LIST_PANES: Expectation = {
  args: ['-u', '-S', SOCK, 'list-panes', '-a', '-F', '#{pid} #{pane_id} #{pane_tty}'],
  result: { stdout: '4242 %0 /dev/pts/3\n4242 %4 /dev/pts/5\n4242 %7 /dev/pts/6\n' },
};
const popupTerminal = () => ({ tty: '/dev/pts/9', sessionLeaderParent: 4242 });

function session(env: NodeJS.ProcessEnv, script: Expectation[]) {
  const runner = new FakeRunner(script);
  return { runner, ctx: openSession({ socket: SOCK }, { env: { HOME: '/nonexistent', ...env }, runner }) };
}

describe('locateCaller', () => {
  it('in a popup: one list-panes, and the session $TMUX names', async () => {
    const { runner, ctx } = session({ TMUX: `${SOCK},4242,2` }, [LIST_PANES]);
    expect(await locateCaller(ctx, popupTerminal)).toEqual({ kind: 'popup', sessionId: '$2' });
    expect(runner.calls).toHaveLength(1);
  });

  it('a session leader the server did not start is no popup', async () => {
    const { ctx } = session({ TMUX: `${SOCK},4242,2` }, [LIST_PANES]);
    expect(await locateCaller(ctx, () => ({ tty: '/dev/pts/9', sessionLeaderParent: 1 }))).toBeNull();
  });

  it('outside tmux, or on another server: nothing is run', async () => {
    for (const env of [{}, { TMUX: '/nonexistent/other.sock,1,0', TMUX_PANE: '%1' }]) {
      const { runner, ctx } = session(env, []);
      expect(await locateCaller(ctx, popupTerminal)).toBeNull();
      expect(runner.calls).toEqual([]);
    }
  });
});

describe('o from a popup', () => {
  const jumpScript = (target: string): Expectation[] => [
    { args: ['-u', '-S', SOCK, 'display-message', '-p', '-t', target, '#{session_name}'], result: { stdout: 'work\n' } },
    {
      args: ['-u', '-S', SOCK, 'list-clients', '-F', '#{client_name}\x1f#{client_control_mode}\x1f#{client_session}\x1f#{client_activity}'],
      // The dashboard's own control-mode client is the busiest; another person's client is on another session.
      result: { stdout: '/dev/pts/4\x1f0\x1fwork\x1f100\nclient-9\x1f1\x1fwork\x1f300\n/dev/pts/8\x1f0\x1fother\x1f200\n' },
    },
    { args: ['-u', '-S', SOCK, 'switch-client', '-c', '/dev/pts/4', '-t', '%7'], result: {} },
    { args: ['-u', '-S', SOCK, 'select-window', '-t', '%7'], result: {} },
    { args: ['-u', '-S', SOCK, 'select-pane', '-t', '%7'], result: {} },
  ];

  function dashboard(env: NodeJS.ProcessEnv, script: Expectation[]) {
    const { runner, ctx } = session(env, script);
    const store = createDashboardStore(SOCK);
    setRows(store, [row({ state: 'idle', paneId: '%7' })]);
    let left = 0;
    const controller = new Controller(ctx, store, null, { locate: () => locateCaller(ctx, popupTerminal), leave: () => left++ });
    return { runner, store, controller, left: () => left };
  }

  it("switches the client that opened the popup to the peer's window and pane, then ends the dashboard", async () => {
    const d = dashboard({ TMUX: `${SOCK},4242,2` }, [LIST_PANES, ...jumpScript('$2')]);
    await d.controller.jump();
    expect(d.store.getState().notice?.kind).not.toBe('error');
    expect(d.runner.calls).toHaveLength(6);
    expect(d.left()).toBe(1);
  });

  it('in a pane: the client showing that pane, and the dashboard stays', async () => {
    const paneTerminal = { ...LIST_PANES, result: { stdout: '4242 %0 /dev/pts/3\n4242 %4 /dev/pts/9\n4242 %7 /dev/pts/6\n' } };
    const d = dashboard({ TMUX: `${SOCK},4242,2`, TMUX_PANE: '%4' }, [paneTerminal, ...jumpScript('%4')]);
    await d.controller.jump();
    expect(d.store.getState().notice?.kind).not.toBe('error');
    expect(d.left()).toBe(0);
  });

  it('a jump that fails says so, and the dashboard stays', async () => {
    const failing = jumpScript('$2');
    failing[2] = { ...failing[2]!, result: { exitCode: 1, stderr: "can't find pane: %7" } };
    const d = dashboard({ TMUX: `${SOCK},4242,2` }, [LIST_PANES, ...failing.slice(0, 3)]);
    await d.controller.jump();
    expect(d.store.getState().notice).toMatchObject({ kind: 'error', text: expect.stringMatching(/^jump failed: /) });
    expect(d.left()).toBe(0);
  });
});
