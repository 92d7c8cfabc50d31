// What the dashboard writes to the terminal when a peer opens a modal: the bell by default,
// with --notify an OSC 9 notification naming the peer and what it asks (wrapped for tmux's
// passthrough when the dashboard runs inside tmux).
import { describe, expect, it } from 'vitest';
import { makeContext } from '../../src/cli/context.js';
import { notifier } from '../../src/dashboard/notify.js';
import { bashModalRow } from '../support/tui-harness.js';

const ctxWith = (env: NodeJS.ProcessEnv) =>
  makeContext({ socket: '/nonexistent/sock' }, { env, io: { out: () => undefined, err: () => undefined } });

describe('modal notifications', () => {
  const row = bashModalRow({ address: 'main:3.0' });

  it('rings the bell, and writes nothing else, by default', () => {
    const written: string[] = [];
    notifier(ctxWith({}), false, (s) => written.push(s))(row);
    expect(written).toEqual(['\x07']);
  });

  it('with --notify: one OSC 9 sequence naming the peer, the tool and its command', () => {
    const written: string[] = [];
    notifier(ctxWith({}), true, (s) => written.push(s))(row);
    expect(written).toEqual(['\x1b]9;claude-dm: main:3.0 needs you — Bash command: touch /home/u1/touched-2\x07']);
  });

  it('inside tmux: the same sequence in a tmux passthrough, its ESCs doubled', () => {
    const written: string[] = [];
    // Another server's $TMUX: no tmux message on a client of ours, only the terminal sequence.
    notifier(ctxWith({ TMUX: '/elsewhere/sock,1,0', TMUX_PANE: '%9' }), true, (s) => written.push(s))(row);
    expect(written).toEqual(['\x1bPtmux;\x1b\x1b]9;claude-dm: main:3.0 needs you — Bash command: touch /home/u1/touched-2\x07\x1b\\']);
  });
});
