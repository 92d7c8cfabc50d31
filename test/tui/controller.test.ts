// The controller's own refusals, before any tmux command: nothing is run, the notice says why; and a key
// on another host's row: the verb sent down its link (a fake one here), once, and what came back.
import { describe, expect, it } from 'vitest';
import type { VerbContext } from '../../src/cli/context.js';
import { Controller } from '../../src/dashboard/controller.js';
import { refusingActions } from '../../src/dashboard/dashboard-actions.js';
import { aimOf } from '../../src/dashboard/rows.js';
import { createDashboardStore, setRows, update } from '../../src/dashboard/store.js';
import { LinkDropped, type CallResult, type HostLink } from '../../src/remote/host-link.js';
import { row } from '../support/tui-harness.js';

function fakeCtx(callerPane: string | null, calls: string[][]): VerbContext {
  const tmux = { tmux: async (args: string[]) => (calls.push(args), '') };
  return { callerPane, socket: { path: '/tmp/s.sock', source: '--socket' }, tmux } as unknown as VerbContext;
}

describe('controller', () => {
  it('o outside tmux says why it cannot jump and how to get there, and runs nothing', async () => {
    const store = createDashboardStore('/tmp/s.sock');
    setRows(store, [row({ state: 'idle', paneId: '%7' })]);
    const calls: string[][] = [];
    await new Controller(fakeCtx(null, calls), store).jump();
    expect(store.getState().notice?.text).toBe(
      'o jumps only when the dashboard runs inside a pane of /tmp/s.sock; to go there: tmux -S /tmp/s.sock attach -t %7',
    );
    expect(calls).toEqual([]);
  });

  it('with a refused socket every action says why and nothing runs', async () => {
    const store = createDashboardStore('/x');
    const actions = refusingActions(store, 'no tmux server the dashboard may use');
    await actions.answer('1');
    expect(store.getState().notice).toEqual({ kind: 'error', text: 'not done: no tmux server the dashboard may use' });
  });
});

describe('controller on a remote row', () => {
  type Call = { argv: string[]; stdin: string | undefined };
  function remote(answer: (argv: string[]) => CallResult | Error) {
    const calls: Call[] = [];
    const link = {
      call: async (argv: string[], stdin?: string) => {
        calls.push({ argv, stdin });
        const r = answer(argv);
        if (r instanceof Error) throw r;
        return r;
      },
    } as unknown as HostLink;
    const store = createDashboardStore('/tmp/s.sock', [{ name: 'build', kind: 'up', since: 0 }]);
    const modal = row({
      state: 'modal',
      subtype: 'permission',
      host: 'build',
      paneId: 'build:%4',
      address: 'build:main:2.0',
      promptId: 'pr-0123456789ab',
    });
    setRows(store, [modal], null, 'build');
    const tmuxCalls: string[][] = [];
    const controller = new Controller(fakeCtx('%1', tmuxCalls), store, null, undefined, {
      link: (n) => (n === 'build' ? link : undefined),
    });
    return { calls, store, controller, modal, tmuxCalls };
  }
  const ok = (json: object): CallResult => ({ code: 0, stdout: `${JSON.stringify(json)}\n`, stderr: '' });

  it('an answer runs answer there, aimed at the prompt shown, --confirm only when confirmed; nothing typed here', async () => {
    const r = remote(() =>
      ok({
        verb: 'answer',
        target: 'main:2.0',
        pane_id: '%4',
        outcome: 'delivered',
        ok: true,
        state: 'modal',
        detail: 'answered 1 (Yes); the prompt closed',
        gate: null,
        channel: 'keys',
      }),
    );
    await r.controller.answer('1', false, aimOf(r.modal));
    await r.controller.answer('2', true, aimOf(r.modal));
    // A No's reason for the hook over there: one argument, whatever it starts with.
    await r.controller.answer('n', false, aimOf(r.modal), '--force is wrong here');
    expect(r.calls.map((c) => c.argv)).toEqual([
      ['answer', '--json', '--prompt', 'pr-0123456789ab', '%4', '--', '1'],
      ['answer', '--json', '--prompt', 'pr-0123456789ab', '--confirm', '%4', '--', '2'],
      ['answer', '--json', '--prompt', 'pr-0123456789ab', '--message=--force is wrong here', '%4', '--', 'n'],
    ]);
    expect(r.store.getState().notice).toEqual({ kind: 'ok', text: 'build:main:2.0: answered 1 (Yes); the prompt closed' });
    expect(r.tmuxCalls).toEqual([]);
  });

  it('send and ask give the text on stdin (never parsed as options there); f arms --force for one action', async () => {
    const r = remote((argv) =>
      argv[0] === 'ask'
        ? ok({
            reply: 'all green\nmore',
            blocks: [],
            stop_reason: 'end_turn',
            elapsed_ms: 40,
            status: 'done',
            target: 'main:2.0',
            channel: 'inbox',
          })
        : ok({
            verb: 'send',
            target: 'main:2.0',
            pane_id: '%4',
            outcome: 'queued',
            ok: true,
            state: 'idle',
            channel: 'inbox',
            detail: 'queued',
            gate: null,
          }),
    );
    update(r.store, { force: true });
    await r.controller.send('--rm -rf looks like a flag');
    expect(r.store.getState().notice?.text).toBe('build:main:2.0: queued through its inbox');
    await r.controller.ask('status?');
    expect(r.calls).toEqual([
      { argv: ['send', '--force', '--json', '--no-from', '%4', '--', '-'], stdin: '--rm -rf looks like a flag' },
      { argv: ['ask', '--json', '--no-from', '%4', '--', '-', '300'], stdin: 'status?' },
    ]);
    expect(r.store.getState().notice).toEqual({ kind: 'ok', text: 'build:main:2.0: replied: all green' });
  });

  it("a refusal over there is the host's words; a drop mid-call is unconfirmed and never sent again", async () => {
    let n = 0;
    const r = remote(() =>
      n++ === 0
        ? {
            code: 1,
            stdout: `${JSON.stringify({
              verb: 'esc',
              target: 'main:2.0',
              pane_id: '%4',
              ok: false,
              outcome: 'refused',
              state: 'busy',
              gate: { allowed: false, forced: false, reason: 'peer is busy' },
              detail: 'refused: the peer is busy (use --force)',
              channel: 'keys',
            })}\n`,
            stderr: '',
          }
        : new LinkDropped('build', 'the transport ended (signal SIGKILL)'),
    );
    await r.controller.esc();
    expect(r.store.getState().notice).toEqual({ kind: 'error', text: 'build:main:2.0: refused: the peer is busy (use --force)' });
    await r.controller.command('/clear', true);
    expect(r.calls.map((c) => c.argv)).toEqual([
      ['esc', '--json', '%4'],
      ['cmd', '--json', '--confirm', '%4', '--', '/clear'],
    ]);
    expect(r.store.getState().notice?.text).toMatch(
      /^build:main:2\.0: unconfirmed: the link to build dropped while the request was in flight .*it is not sent again$/u,
    );
  });

  it('o on a remote row says where the peer runs and runs nothing', async () => {
    const r = remote(() => new Error('not called'));
    await r.controller.jump();
    expect(r.store.getState().notice?.text).toBe(
      "o jumps only to this machine's peers; build:main:2.0 runs on build (there: tmux attach -t main:2.0)",
    );
    expect(r.calls).toEqual([]);
    expect(r.tmuxCalls).toEqual([]);
  });
});

describe('store across hosts', () => {
  it("each machine's rows are replaced alone; the oldest waiting prompt anywhere sorts first", () => {
    const store = createDashboardStore('/tmp/s.sock', [{ name: 'build', kind: 'up', since: 0 }]);
    setRows(store, [row({ state: 'modal', paneId: '%1', waitingSince: 2_000 })]);
    setRows(store, [row({ state: 'modal', paneId: 'build:%1', host: 'build', waitingSince: 1_000 })], null, 'build');
    expect(store.getState().visible).toEqual(['build:%1', '%1']);
    setRows(store, [], 'no tmux server on /tmp/s.sock');
    expect(store.getState().visible).toEqual(['build:%1']);
    expect(store.getState().error).toBe('no tmux server on /tmp/s.sock');
    setRows(store, [], null, 'build');
    expect(store.getState().visible).toEqual([]);
    expect(store.getState().error).toBe('no tmux server on /tmp/s.sock'); // a host's rows never clear this machine's error
  });
});

describe('controller on a row of a host that is not up', () => {
  it.each([
    [{ name: 'build', kind: 'stale' as const, since: 0 }, 'build:main:2.0: not sent: build is silent (stale); wait for it to come back'],
    [
      { name: 'build', kind: 'down' as const, since: 0, reason: 'the transport ended (exit 255)', retryAt: null },
      'build:main:2.0: not sent: build is down: the transport ended (exit 255); wait for it to come back',
    ],
  ])('%j: nothing is sent, the notice says why', async (status, text) => {
    const calls: string[][] = [];
    const link = { call: async (argv: string[]) => (calls.push(argv), { code: 0, stdout: '', stderr: '' }) } as unknown as HostLink;
    const store = createDashboardStore('/tmp/s.sock', [status]);
    const modal = row({ state: 'modal', host: 'build', paneId: 'build:%4', address: 'build:main:2.0', promptId: 'pr-0123456789ab' });
    setRows(store, [modal], null, 'build');
    const controller = new Controller(fakeCtx('%1', []), store, null, undefined, { link: () => link });
    await controller.answer('y', false, aimOf(modal));
    await controller.send('hello');
    expect(calls).toEqual([]);
    expect(store.getState().notice).toEqual({ kind: 'error', text });
  });
});

describe('controller without this machine (--no-local)', () => {
  it('+ with no host row selected starts nothing here and says why; a key aimed at a gone peer says so', async () => {
    const calls: string[][] = [];
    const store = createDashboardStore('/tmp/s.sock', [{ name: 'build', kind: 'connecting', since: 0 }], false);
    const controller = new Controller(fakeCtx('%1', calls), store);
    await controller.spawn();
    expect(store.getState().notice?.text).toBe(
      'not started: this dashboard leaves this machine out (--no-local); select a peer of the host to start one there',
    );
    await controller.send('hello', 'build:%9');
    expect(store.getState().notice?.text).toBe('send: not sent: that peer is no longer in the roster');
    expect(calls).toEqual([]);
  });
});

describe('controller on a remote row whose host answers with no report', () => {
  it("says the host's own failure line when it sent one, else what was wrong with the answer; never a guess", async () => {
    const replies: CallResult[] = [
      {
        code: 2,
        stdout: '',
        stderr: 'claude-dm: no pane %4 on /far/sock',
        failure: { kind: 'target', message: 'no pane %4 on /far/sock' },
      },
      { code: 0, stdout: '{"verb":"esc","ok":"yes"}\n', stderr: '' },
      { code: 1, stdout: 'Welcome to build-box\n', stderr: 'claude-dm: build:main:2.0: something' },
    ];
    const link = { call: async () => replies.shift()! } as unknown as HostLink;
    const store = createDashboardStore('/tmp/s.sock', [{ name: 'build', kind: 'up', since: 0 }]);
    setRows(store, [row({ state: 'idle', host: 'build', paneId: 'build:%4', address: 'build:main:2.0' })], null, 'build');
    const controller = new Controller(fakeCtx('%1', []), store, null, undefined, { link: () => link });
    const notices: string[] = [];
    for (let i = 0; i < 3; i++) {
      await controller.esc();
      notices.push(store.getState().notice!.text);
    }
    expect(notices).toEqual([
      'build:main:2.0: no pane %4 on /far/sock',
      'build:main:2.0: the answer over there is not one: target is missing',
      'build:main:2.0: exit 1 there: its esc --json printed something else than JSON',
    ]);
  });
});
