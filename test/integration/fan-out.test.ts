// Many peers at once, on a private tmux with synthetic peers that draw real Claude Code screens (keystroke
// channel: no inbox): send to several (named, --all, --filter), a line per peer, one refusal never holding
// the others, a peer named twice getting one message; wait --any and --all.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { cli, eventually } from '../support/run-cli.js';
import { rec, syntheticPeerReading, writeJsonl, type SyntheticPeer, type SyntheticState } from '../support/synthetic-peers.js';

let tmux: PrivateTmux;
beforeEach(() => {
  tmux = startPrivateTmux();
});
afterEach(() => tmux.kill());

/** A synthetic peer named in its record, once `status` reads it as `reads`. */
const peer = (name: string, state: SyntheticState, reads: string) =>
  syntheticPeerReading(tmux, name, { record: { name }, ...state }, reads);
const idleEcho = (name: string) => peer(name, { capture: '2.1.197__idle__2', echo: true }, 'idle');
const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const audit = () =>
  existsSync(join(tmux.dir, 'audit.log'))
    ? readFileSync(join(tmux.dir, 'audit.log'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];
const addr = async (p: SyntheticPeer) =>
  (await tmux.tmux('display', '-p', '-t', p.paneId, '#{session_name}:#{window_index}.#{pane_index}')).trim();

describe('send to several peers', () => {
  it('named before --: each gets it once (a peer named twice too), a line each, exit 0', async () => {
    const a = await idleEcho('alpha');
    const b = await idleEcho('beta');
    const r = await cli(tmux, ['send', a.paneId, b.paneId, a.paneId, '--', 'rebase on main please']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.lines.sort()).toEqual([`delivered to ${await addr(a)}`, `delivered to ${await addr(b)}`].sort());
    await eventually(() => a.submitted().length === 1 && b.submitted().length === 1, 10_000, 'both submitted');
    expect([a.submitted(), b.submitted()]).toEqual([['rebase on main please'], ['rebase on main please']]);
    expect(audit().filter((l) => l.verb === 'send')).toHaveLength(2);
  });

  it('one peer on a prompt is refused (its own gate), the other still gets it; JSON lines; exit 1', async () => {
    const a = await idleEcho('alpha');
    const m = await peer('blocked', { capture: '2.1.197__permission_bash__1' }, 'modal');
    const r = await cli(tmux, ['send', '--json', m.paneId, a.paneId, '--', 'hello both']);
    expect(r.code).toBe(1);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(2);
    const by = Object.fromEntries(lines.map((l) => [l.pane_id, l]));
    expect(by[a.paneId]).toMatchObject({ outcome: 'delivered', ok: true });
    expect(by[m.paneId]).toMatchObject({ outcome: 'refused', ok: false, detail: expect.stringMatching(/peer is modal/) });
    expect(m.received()).toBe('');
    await eventually(() => a.submitted().length === 1, 10_000, 'the idle one submitted');
  });

  it('--filter picks by state and name; --all every peer; bad selections are one-line usage errors', async () => {
    const a = await idleEcho('api-one');
    const b = await idleEcho('web-two');
    const d = await peer('drafter', { capture: '2.1.197__drafting__1' }, 'drafting');
    const byState = await cli(tmux, ['send', '--filter', 'state=idle', 'to the idle ones', '--json']);
    expect(byState.code, byState.stderr).toBe(0);
    expect(
      jsonLines(byState.stdout)
        .map((l) => l.pane_id)
        .sort(),
    ).toEqual([a.paneId, b.paneId].sort());
    expect(d.received()).toBe('');
    const byName = await cli(tmux, ['send', '--filter', 'name=api*', 'to api only', '--json']);
    expect(jsonLines(byName.stdout).map((l) => l.pane_id)).toEqual([a.paneId]);
    const all = await cli(tmux, ['send', '--all', 'to everyone', '--json']);
    expect(all.code).toBe(1); // the drafting peer refuses
    expect(
      jsonLines(all.stdout)
        .map((l) => [l.pane_id, l.outcome])
        .sort(),
    ).toEqual(
      [
        [a.paneId, 'delivered'],
        [b.paneId, 'delivered'],
        [d.paneId, 'refused'],
      ].sort(),
    );
    for (const [args, message] of [
      [['send', '--filter', 'colour=red', 'x'], /--filter takes KEY=GLOB terms/],
      [['send', '--all', a.paneId, '--', 'x'], /targets and --all\/--filter/],
      [['send', '--all', '--filter', 'state=idle', 'x'], /--all and --filter/],
      [['send', '--filter', 'name=nobody*', 'x'], /no peer matches --filter name=nobody\*/],
    ] as const) {
      const bad = await cli(tmux, [...args]);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr).toMatch(message);
      expect(bad.stderr.split('\n')).toHaveLength(1);
    }
    await eventually(() => a.submitted().length === 3 && b.submitted().length === 2, 10_000, 'what was delivered');
  });
});

describe('wait on several peers', () => {
  it('--any returns at the first that finishes, with its line; --all waits for every one', async () => {
    const done = await peer('done', { capture: '2.1.197__idle__2' }, 'idle');
    writeJsonl(done.transcriptPath(), [rec.user('hi'), rec.assistant('hello')]);
    const busy = await peer('busy', { capture: '2.1.197__busy__1' }, 'busy');
    const any = await cli(tmux, ['wait', '--any', busy.paneId, done.paneId, '--interval', '0.1', '--debounce', '0.2', '--timeout', '30']);
    expect(any).toMatchObject({ code: 0, lines: [`${await addr(done)} DONE`] });

    const all = cli(tmux, [
      'wait',
      '--all',
      busy.paneId,
      done.paneId,
      '--interval',
      '0.1',
      '--debounce',
      '0.2',
      '--timeout',
      '30',
      '--json',
    ]);
    busy.set({ capture: '2.1.197__permission_bash__1' });
    const r = await all;
    expect(r.code, r.stderr).toBe(0);
    expect(
      jsonLines(r.stdout)
        .map((l) => [l.pane_id, l.result])
        .sort(),
    ).toEqual(
      [
        [busy.paneId, 'MODAL'],
        [done.paneId, 'DONE'],
      ].sort(),
    );
  });

  it('a peer whose pane closes is GONE (exit 1); a timeout names who is still waited for', async () => {
    const busy = await peer('busy', { capture: '2.1.197__busy__1' }, 'busy');
    const other = await peer('other', { capture: '2.1.197__busy__1' }, 'busy');
    const otherAt = await addr(other);
    // The pane closes while wait waits: once its observer's control-mode client is attached (the targets resolved).
    const waiting = cli(tmux, ['wait', '--all', busy.paneId, other.paneId, '--interval', '0.1', '--timeout', '3']);
    await eventually(async () => (await tmux.tmux('list-clients', '-F', '#{client_control_mode}')).includes('1'), 10_000, 'wait observing');
    await tmux.tmux('kill-pane', '-t', other.paneId);
    const r = await waiting;
    expect(r.code, r.stderr).toBe(1);
    expect(r.lines).toEqual([`${otherAt} GONE`]);
    expect(r.stderr).toBe(`claude-dm: timed out after 3s waiting for ${await addr(busy)}`);
    const usage = await cli(tmux, ['wait', busy.paneId, other.paneId, '1', '2', '3']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/several targets take --any or --all/);
  });
});
