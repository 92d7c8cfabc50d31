// The fault matrix: races and failures around a write. Each case checks what reached the
// peer byte for byte (the synthetic peer logs every byte it receives and every prompt it
// takes), the exit code, the one-line error, and that the audit log has exactly one whole
// line for the write.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSession } from '../../src/session/session.js';
import { Controller } from '../../src/dashboard/controller.js';
import { Poller } from '../../src/dashboard/poller.js';
import { createDashboardStore, selectedRow } from '../../src/dashboard/store.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { cli, cliWaiting, eventually, type CliResult } from '../support/run-cli.js';
import { startSyntheticPeer, type SyntheticPeer, type SyntheticState } from '../support/synthetic-peers.js';
import { alive } from '../../src/util/alive.js';

const execFileAsync = promisify(execFile);
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

let tmux: PrivateTmux;
beforeEach(() => {
  tmux = startPrivateTmux();
});
afterEach(() => tmux.kill());

const stateEnv = () => ({ XDG_RUNTIME_DIR: tmux.dir, CLAUDE_DM_AUDIT_LOG: join(tmux.dir, 'audit.log') });
const run = (args: string[], signal?: AbortSignal) => cli(tmux, args, { env: stateEnv(), ...(signal ? { signal } : {}) });
const waitingVerb = (args: string[]) => cliWaiting(tmux, args, { env: stateEnv() });

/** Every audit line, parsed: a torn line fails here. */
function audit(): Array<Record<string, unknown>> {
  const path = join(tmux.dir, 'audit.log');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function peerIn(state: SyntheticState, expectState: string): Promise<SyntheticPeer> {
  const p = await startSyntheticPeer(tmux, 'p', state);
  await eventually(async () => JSON.parse((await run(['status', p.paneId, '--json'])).stdout).state === expectState, 10_000, expectState);
  return p;
}

const idleEcho = (extra: Partial<SyntheticState> = {}) => peerIn({ capture: '2.1.197__idle__2', echo: true, ...extra }, 'idle');

/** A second process typing into the pane, as a human at the keyboard would. */
const humanTypes = (p: SyntheticPeer, text: string) =>
  execFileAsync('tmux', ['-S', tmux.socketPath, 'send-keys', '-t', p.paneId, '-l', text], { env: tmux.env });

function oneLineError(r: CliResult, code: number, pattern: RegExp) {
  expect(r.code).toBe(code);
  expect(r.stderr.split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^claude-dm: /);
  expect(r.stderr).toMatch(pattern);
}

describe('races between our check and our Enter', () => {
  it('control: an echoing peer takes a send as one prompt, and the audit log says delivered', async () => {
    const p = await idleEcho();
    const r = await run(['send', p.paneId, 'hello-4711']);
    expect(r.code, r.stderr).toBe(0);
    expect(p.submitted()).toEqual(['hello-4711']);
    expect(p.received()).toBe(`${PASTE_START}hello-4711${PASTE_END}\r`);
    expect(audit()).toEqual([expect.objectContaining({ verb: 'send', outcome: 'delivered', payload: 'hello-4711' })]);
  });

  it('a human types between the gate check and Enter: nothing is pressed, and both texts stay in the box', async () => {
    // The peer draws nothing typed until the human's keys are in too (a slow terminal),
    // so the second process always lands inside the window.
    const p = await idleEcho({ holdEchoFor: 'HUMAN' });
    const sending = run(['send', p.paneId, 'ours-1']);
    await eventually(() => p.received().includes(PASTE_END), 10_000, 'our paste');
    await humanTypes(p, 'HUMAN');
    const r = await sending;
    oneLineError(r, 1, /not submitted: box changed: it holds "ours-1HUMAN", not only our message; nothing was pressed/);
    expect(p.received()).toBe(`${PASTE_START}ours-1${PASTE_END}HUMAN`);
    expect(p.submitted()).toEqual([]);
    expect(await tmux.tmux('capture-pane', '-p', '-t', p.paneId)).toContain('❯\u00a0ours-1HUMAN');
    expect(audit()).toEqual([expect.objectContaining({ verb: 'send', outcome: 'not-submitted' })]);
  });

  it('a permission modal opens as our paste lands: no Enter and no digit reach it', async () => {
    const p = await idleEcho({ onPaste: { capture: '2.1.197__permission_bash__1', status: 'waiting' } });
    const r = await run(['send', p.paneId, 'ours-2']);
    oneLineError(r, 1, /input box is gone \(a modal opened\?\); nothing was pressed/);
    expect(p.received()).toBe(`${PASTE_START}ours-2${PASTE_END}`);
    expect(audit()).toEqual([expect.objectContaining({ verb: 'send', outcome: 'not-submitted' })]);
    expect(JSON.parse((await run(['status', p.paneId, '--json'])).stdout)).toMatchObject({ state: 'modal' });
  });

  it('the peer turns busy as our text lands: Enter is not pressed (it would queue behind another turn)', async () => {
    const p = await idleEcho({ onPaste: { title: '⠂ Someone else’s turn', status: 'busy' } });
    const r = await run(['send', p.paneId, 'ours-3']);
    oneLineError(r, 1, /the peer turned busy before Enter; the message sits in its input box, nothing was pressed/);
    expect(p.received()).toBe(`${PASTE_START}ours-3${PASTE_END}`);
    expect(p.submitted()).toEqual([]);
    expect(audit()).toEqual([expect.objectContaining({ outcome: 'not-submitted' })]);
  });

  it('two dashboards press 1 on the same modal at once: exactly one answer lands, the other is refused by the re-check', async () => {
    // The peer's modal closes (it turns busy) on the first key it gets, as Claude Code's does.
    const p = await peerIn(
      { capture: '2.1.197__permission_bash__1', onKey: { capture: '2.1.197__busy_tool__1', status: 'busy' } },
      'modal',
    );
    const dashboards = [0, 1].map(() => {
      const ctx = openSession({ socket: tmux.socketPath }, { env: { ...tmux.env, ...stateEnv() } });
      const store = createDashboardStore(tmux.socketPath);
      return { store, poller: new Poller({ ctx, store, sweepMs: 60_000, watchFiles: false }), controller: new Controller(ctx, store) };
    });
    for (const d of dashboards) {
      await eventually(
        async () => {
          await d.poller.tick();
          return selectedRow(d.store.getState())?.state === 'modal';
        },
        10_000,
        'the modal on the dashboard',
      );
    }
    await Promise.all(dashboards.map((d) => d.controller.answer('1')));
    const notices = dashboards.map((d) => d.store.getState().notice!).sort((x, y) => x.kind.localeCompare(y.kind));
    expect(notices.map((n) => n.kind)).toEqual(['error', 'ok']);
    expect(notices[0]!.text).toMatch(/refused: peer is busy/);
    expect(notices[1]!.text).toMatch(/answered 1\. Yes/);
    expect(p.received()).toBe('1');
    expect(
      audit()
        .map((l) => l.outcome)
        .sort(),
    ).toEqual(['delivered', 'refused']);
  });

  it('two claude-dm answer commands at once: the same through the CLI', async () => {
    const p = await peerIn(
      { capture: '2.1.197__permission_bash__1', onKey: { capture: '2.1.197__busy_tool__1', status: 'busy' } },
      'modal',
    );
    const [a, b] = await Promise.all([run(['answer', p.paneId, '1']), run(['answer', p.paneId, '1'])]);
    expect([a.code, b.code].sort()).toEqual([0, 1]);
    expect([a, b].find((r) => r.code === 1)!.stderr).toMatch(/refused: peer is busy/);
    expect(p.received()).toBe('1');
    expect(
      audit()
        .map((l) => l.outcome)
        .sort(),
    ).toEqual(['delivered', 'refused']);
  });
});

describe('screens that must get nothing', () => {
  for (const [what, capture] of [
    ['the ctrl+o transcript viewer', '2.1.197__transcript_viewer__1'],
    ['a pager opened by ctrl+g', '2.1.197__external_editor__1'],
  ] as const) {
    // esc stays allowed on other, as the gate table says (refused only on a draft): in the
    // captured viewer, Escape closes it and the draft underneath survives.
    it(`${what}: send, ask, cmd and answer are refused and no byte reaches the pane`, async () => {
      // Title ✳ and sessions status idle, as captured: only the screen says "no box".
      const p = await peerIn({ capture, status: 'idle' }, 'other');
      for (const args of [
        ['send', p.paneId, 'x'],
        ['ask', p.paneId, 'x', '5'],
        ['cmd', p.paneId, '/status'],
        ['answer', p.paneId, '1'],
      ]) {
        const r = await run(args);
        oneLineError(r, 1, /refused: /);
      }
      expect(p.received()).toBe('');
      expect(audit().map((l) => l.outcome)).toEqual(['refused', 'refused', 'refused', 'refused']);
    });
  }
});

describe('the peer or the server goes away mid-command', () => {
  it('the pane dies while send --when-idle waits: exit 1, "gone", one audit line', async () => {
    const p = await peerIn({ capture: '2.1.197__busy__1', echo: true }, 'busy');
    const { done: sending } = await waitingVerb(['send', p.paneId, 'later', '30', '--when-idle']);
    await tmux.tmux('kill-pane', '-t', p.paneId);
    const r = await sending;
    oneLineError(r, 1, /is gone/);
    expect(p.submitted()).toEqual([]);
    expect(audit()).toEqual([expect.objectContaining({ verb: 'send', outcome: 'vanished' })]);
  });

  it('the pane dies while ask waits for the reply: exit 1, the message was delivered, the reason is on stderr', async () => {
    const p = await idleEcho();
    const asking = run(['ask', p.paneId, 'question-1', '30']);
    await eventually(() => p.submitted().length === 1, 10_000, 'the question to be submitted');
    await tmux.tmux('kill-pane', '-t', p.paneId);
    const r = await asking;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/pane (closed|is gone)/);
    expect(audit()).toEqual([expect.objectContaining({ verb: 'ask', outcome: 'delivered' })]);
  });

  it('the tmux server is killed mid-wait: a one-line error, exit 1, no sentinel', async () => {
    const p = await peerIn({ capture: '2.1.197__busy__1' }, 'busy');
    const { done: waiting } = await waitingVerb(['wait', p.paneId, '0.2', '30']);
    process.kill(tmux.serverPid, 'SIGKILL');
    const r = await waiting;
    oneLineError(r, 1, /the tmux server on .* went away mid-command \(killed, or its socket removed\)$/);
    expect(r.stdout).toBe('');
  });

  it('the socket file is removed mid-wait: a one-line error, exit 1, no sentinel', async () => {
    const p = await peerIn({ capture: '2.1.197__busy__1' }, 'busy');
    const { done: waiting } = await waitingVerb(['wait', p.paneId, '0.2', '30']);
    rmSync(tmux.socketPath);
    const r = await waiting;
    oneLineError(r, 1, /the tmux server on .* went away mid-command \(killed, or its socket removed\)$/);
    expect(r.stdout).toBe('');
  });

  it('the server is killed while send --when-idle waits: exit 1 saying so, and the audit line says error', async () => {
    const p = await peerIn({ capture: '2.1.197__busy__1', echo: true }, 'busy');
    const { done: sending } = await waitingVerb(['send', p.paneId, 'later', '30', '--when-idle']);
    process.kill(tmux.serverPid, 'SIGKILL');
    const r = await sending;
    oneLineError(r, 1, /went away mid-command/);
    expect(audit()).toEqual([expect.objectContaining({ verb: 'send', outcome: 'error', detail: expect.stringContaining('went away') })]);
  });

  it('the server is killed while send waits for its text to show: one-line error, nothing pressed, one audit line', async () => {
    const p = await idleEcho({ holdEchoFor: 'never-typed' });
    const sending = run(['send', p.paneId, 'ours-4']);
    await eventually(() => p.received().includes(PASTE_END), 10_000, 'our paste');
    process.kill(tmux.serverPid, 'SIGKILL');
    const r = await sending;
    // The same meaning as mid-wait: the verb ran and did not succeed (exit 1), not a target error.
    oneLineError(r, 1, /the tmux server on .* went away mid-command \(killed, or its socket removed\)$/);
    expect(p.received()).toBe(`${PASTE_START}ours-4${PASTE_END}`);
    expect(audit()).toEqual([expect.objectContaining({ verb: 'send', outcome: 'error' })]);
  });
});

describe('self queued twice', () => {
  it('the same command again is refused; another waits its turn; each command is followed by its own notification', async () => {
    const p = await peerIn({ capture: '2.1.197__busy__1', echo: true }, 'busy');
    const own = { ...stateEnv(), TMUX: `${tmux.socketPath},${tmux.serverPid},0`, TMUX_PANE: p.paneId };
    const self = (...command: string[]) => cli(tmux, ['self', ...command, '--json'], { env: own });
    const workers: number[] = [];
    try {
      const first = await self('/context');
      const again = await self('/context');
      const other = await self('/rename', 'release-prep');
      for (const r of [first, other]) {
        expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'queued', ok: true });
        workers.push(JSON.parse(r.stdout).worker_pid as number);
      }
      expect(again.code).toBe(1);
      expect(JSON.parse(again.stdout)).toMatchObject({
        outcome: 'refused',
        detail: expect.stringMatching(/\/context is already queued on this pane \(worker pid \d+\)/),
      });
      expect(p.received()).toBe('');

      p.set({ capture: '2.1.197__idle__2', echo: true });
      await eventually(() => p.submitted().length === 4, 30_000, 'two commands and two notifications');
      const got = p.submitted();
      const note = (c: string) => `<notification>claude-dm self ${c} dispatched; output above</notification>`;
      // Either job may go first; neither is split by the other.
      const jobs = [
        ['/context', note('/context')],
        ['/rename release-prep', note('/rename release-prep')],
      ];
      expect([got.slice(0, 2), got.slice(2)]).toSatisfy(
        (pairs: string[][]) =>
          JSON.stringify(pairs) === JSON.stringify(jobs) || JSON.stringify(pairs) === JSON.stringify([...jobs].reverse()),
      );
      // Once both ran, the same command may be queued again.
      await eventually(() => workers.every((pid) => !alive(pid)), 10_000, 'the workers to exit');
      const later = await self('/context');
      workers.push(JSON.parse(later.stdout).worker_pid as number);
      expect(JSON.parse(later.stdout)).toMatchObject({ outcome: 'queued' });
    } finally {
      for (const pid of workers) if (alive(pid)) process.kill(pid);
    }
  });
});
