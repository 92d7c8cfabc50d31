// Faults and hostile input that must end in a clear refusal, with nothing typed.
import { chmodSync, copyFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSocketSafety } from '../../src/tmux/socket.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { cli, eventually } from '../support/run-cli.js';
import { startSyntheticPeer } from '../support/synthetic-peers.js';

let tmux: PrivateTmux;
beforeEach(() => {
  tmux = startPrivateTmux();
});
afterEach(() => tmux.kill());

describe('sockets', () => {
  const socket = { path: '/s', source: 'CLAUDE_DM_SOCKET' as const };
  it("refuses another user's socket and a world-writable one unless --socket names it", () => {
    expect(() => checkSocketSafety(socket, 1000, () => ({ uid: 0, mode: 0o140700 }))).toThrow(
      /belongs to another user \(uid 0\): not typing there; name it with --socket/,
    );
    expect(() => checkSocketSafety(socket, 0, () => ({ uid: 0, mode: 0o140777 }))).toThrow(/is world-writable/);
    expect(() => checkSocketSafety({ path: '/s', source: '--socket' }, 1000, () => ({ uid: 0, mode: 0o140777 }))).not.toThrow();
    expect(() => checkSocketSafety(socket, 0, () => ({ uid: 0, mode: 0o140700 }))).not.toThrow();
  });

  it('a world-writable socket found through $CLAUDE_DM_SOCKET is refused before any tmux call', async () => {
    chmodSync(tmux.socketPath, 0o777);
    const r = await cli(tmux, ['list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is world-writable/);
    const named = await cli(tmux, ['list', '--socket', tmux.socketPath]);
    expect(named.code).toBe(0);
  });
});

describe('hostile targets and arguments', () => {
  it('targets that look like tmux commands or flags are unknown targets, and the server lives on', async () => {
    await startSyntheticPeer(tmux, 'p', { capture: '2.1.197__idle__2' });
    for (const target of [';kill-server', '\\;kill-server', '-t', '%0;kill-server', 'main:0.0 ; kill-server', '$(kill-server)', '-a']) {
      const r = await cli(tmux, ['status', '--', target]);
      expect(r.code, target).toBe(2);
      expect(r.stderr, target).toMatch(/^claude-dm: no peer /);
    }
    expect((await tmux.tmux('list-sessions')).length).toBeGreaterThan(0);
  });

  it('a non-Claude program that draws a Claude screen is not a peer, and nothing is typed into it', async () => {
    // The same screen and title, drawn by the same script under another name: not Claude Code.
    const p = await startSyntheticPeer(tmux, 'imposter', { capture: '2.1.197__idle__2' });
    const root = dirname(p.home);
    await tmux.tmux('kill-pane', '-t', p.paneId);
    copyFileSync(join(root, 'bin', 'claude'), join(root, 'bin', 'claude-lookalike'));
    const imposter = await tmux.newWindow(
      '-e',
      `HOME=${p.home}`,
      'node',
      join(root, 'bin', 'claude-lookalike'),
      join(root, 'control.json'),
    );
    await eventually(
      async () => (await tmux.tmux('capture-pane', '-p', '-t', imposter)).includes('❯\u00a0'),
      10_000,
      'the imposter to draw',
    );
    expect((await tmux.tmux('display', '-p', '-t', imposter, '#{pane_title}')).startsWith('✳')).toBe(true);
    const peers = JSON.parse((await cli(tmux, ['list', '--all', '--json'])).stdout).peers as Array<{
      pane_id: string;
      state: string;
      reason: string;
    }>;
    expect(peers.find((x) => x.pane_id === imposter)).toMatchObject({
      state: 'other',
      reason: expect.stringContaining('no Claude Code process'),
    });
    expect(JSON.parse((await cli(tmux, ['list', '--json'])).stdout).peers).toEqual([]);
    const r = await cli(tmux, ['send', imposter, 'intrusion-4711'], {
      env: { XDG_RUNTIME_DIR: tmux.dir, CLAUDE_DM_AUDIT_LOG: join(tmux.dir, 'a.log') },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not a Claude peer/);
    expect(await tmux.tmux('capture-pane', '-p', '-t', imposter)).not.toContain('intrusion-4711');
  });

  it('a pane in copy mode is other, and writes are refused', async () => {
    const p = await startSyntheticPeer(tmux, 'p', { capture: '2.1.197__idle__2' });
    await eventually(async () => JSON.parse((await cli(tmux, ['status', p.paneId, '--json'])).stdout).state === 'idle', 10_000, 'idle');
    await tmux.tmux('copy-mode', '-t', p.paneId);
    const st = JSON.parse((await cli(tmux, ['status', p.paneId, '--json'])).stdout);
    expect(st).toMatchObject({ state: 'other', reason: expect.stringContaining('copy or view mode') });
    const r = await cli(tmux, ['send', p.paneId, 'hi'], {
      env: { XDG_RUNTIME_DIR: tmux.dir, CLAUDE_DM_AUDIT_LOG: join(tmux.dir, 'a.log') },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused: peer is other/);
  });

  it('a 20×5 pane and an empty screen classify without crashing', async () => {
    const p = await startSyntheticPeer(tmux, 'tiny', { capture: '2.1.197__idle__2' });
    await tmux.tmux('resize-window', '-t', p.paneId, '-x', '20', '-y', '5');
    const r = await cli(tmux, ['status', p.paneId, '--json']);
    expect(r.code).toBe(0);
    expect(['idle', 'busy', 'drafting', 'modal', 'other']).toContain(JSON.parse(r.stdout).state);
    writeFileSync(join(tmux.dir, 'empty.txt'), '');
    const e = await cli(tmux, ['status', '--explain-file', join(tmux.dir, 'empty.txt'), '--json']);
    expect(JSON.parse(e.stdout)).toMatchObject({ state: 'other' });
  });
});
