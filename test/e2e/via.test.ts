// --via over a real transport: a local `sh -c` (the far side is this machine, in a
// separate process with its own HOME for the shipped bundle), against a REAL peer.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import type { ClaudePeer } from '../../demo/claude-peer.js';
import { cli, eventually } from '../support/run-cli.js';
import { userPrompts } from '../support/transcripts.js';
import { requireTool, skipWithout } from '../support/needs.js';
import { hasSshd, startSshd } from '../support/sshd.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';

let w: WriteHarness;
let peer: ClaudePeer;
let farHome: string;
beforeAll(async () => {
  w = await startWriteHarness({ version: '2.1.197' });
  peer = await w.h.start('remote-peer');
  farHome = join(w.h.tmux.dir, 'far-home');
  mkdirSync(farHome);
}, 60_000);
afterAll(async () => w?.close());

const via = (args: string[]) =>
  cli(w.h.tmux, ['--via', 'sh -c', ...args, '--socket', w.h.tmux.socketPath], { env: { ...w.env, HOME: farHome } });

it('ships the bundle once, then list, status, peek and a gated send work through it', { timeout: 60_000 }, async () => {
  const list = await via(['list']);
  expect(list.code, list.stderr).toBe(0);
  const cache = join(farHome, '.cache/claude-dm');
  expect(readdirSync(cache).filter((f) => f.endsWith('.mjs'))).toHaveLength(1);
  const addr = (await w.h.tmux.tmux('display', '-p', '-t', peer.paneId, '#{session_name}:#{window_index}.#{pane_index}')).trim();
  expect(list.stdout).toMatch(new RegExp(`sh:${addr.replace('.', '\\.')}\\s+🟢 idle`));

  const json = JSON.parse((await via(['list', '--json'])).stdout);
  expect(json.peers[0]).toMatchObject({ address: `sh:${addr}`, state: 'idle' });

  const status = await via(['status', `sh:${addr}`]);
  expect(status.stdout).toMatch(/state:\s+🟢 idle/);
  expect(status.stdout).toMatch(/send\s+allowed/);

  const sent = await via(['send', `sh:${addr}`, 'hello across the transport']);
  expect(sent.code, sent.stderr).toBe(0);
  await eventually(() => userPrompts(peer.configDir).includes('hello across the transport'), 10_000, 'the prompt');
  await w.becomes(peer, 'idle');
  const peek = await via(['peek', `sh:${addr}`, '2', '--json']);
  expect(JSON.parse(peek.stdout)).toMatchObject({
    address: `sh:${addr}`,
    blocks: [{ role: 'user', text: 'hello across the transport' }, { role: 'assistant' }],
  });
  expect(readdirSync(cache).filter((f) => f.endsWith('.mjs'))).toHaveLength(1); // shipped once
});

it("transport failures are one-line errors carrying the transport's own message", async () => {
  const r = await cli(w.h.tmux, ['--via', 'sh -c "echo no route to host >&2; exit 255"', 'list'], { env: { ...w.env, HOME: farHome } });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^claude-dm: --via sh -c echo no route to host >&2; exit 255 failed: no route to host$/);
  const missing = await cli(w.h.tmux, ['--via', 'no-such-transport-here box', 'list'], { env: { ...w.env, HOME: farHome } });
  expect(missing).toMatchObject({ code: 1, stderr: 'claude-dm: --via: no-such-transport-here is not installed here' });
  // A far side whose shell finds no node.
  const noNode = await cli(w.h.tmux, ['--via', "sh -c 'PATH=/nonexistent; exec /bin/sh'", 'list'], { env: { ...w.env, HOME: farHome } });
  expect(noNode.code).toBe(1);
  expect(noNode.stderr).toMatch(/^claude-dm: --via .*: no node on the far side \(claude-dm needs node ≥ 20 there\)$/);
  expect(existsSync(join(farHome, '.cache'))).toBe(true);
  expect((await cli(w.h.tmux, ['--via', 'sh -c', 'tail', 'x'])).stderr).toMatch(/over --via use wait, then peek/);
});

// Over real ssh: .ci/run installs openssh-server; on a machine without it (or not root,
// which sshd's privilege separation needs) this one skips, except under CI, where it fails.
it.skipIf(skipWithout(hasSshd()))(
  'over a real sshd on 127.0.0.1: list, status, peek and a gated send (needs openssh-server and root)',
  { timeout: 90_000 },
  async () => {
    requireTool(hasSshd(), 'openssh-server (/usr/sbin/sshd) and root');
    const sshHome = join(w.h.tmux.dir, 'ssh-home');
    mkdirSync(sshHome);
    const sshd = await startSshd(sshHome);
    // Runs even when the test times out on a hung await (a finally block would not).
    onTestFinished(() => sshd.stop());
    {
      const prefix = sshd.via;
      const run = (args: string[]) => cli(w.h.tmux, ['--via', prefix, ...args, '--socket', w.h.tmux.socketPath], { env: w.env });
      const addr = (await w.h.tmux.tmux('display', '-p', '-t', peer.paneId, '#{session_name}:#{window_index}.#{pane_index}')).trim();
      await w.becomes(peer, 'idle');
      const list = await run(['list']);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout, `stderr: ${list.stderr}`).toMatch(new RegExp(`127\\.0\\.0\\.1:${addr.replace('.', '\\.')}\\s+🟢 idle`));
      const label = '127.0.0.1';
      expect((await run(['status', `${label}:${addr}`])).stdout).toMatch(/send\s+allowed/);
      const sent = await run(['send', `${label}:${addr}`, 'hello over ssh']);
      expect(sent.code, sent.stderr).toBe(0);
      await eventually(() => userPrompts(peer.configDir).includes('hello over ssh'), 10_000, 'the prompt');
      const peek = JSON.parse((await run(['peek', `${label}:${addr}`, '3', '--json'])).stdout);
      expect(peek.blocks.map((b: { text: string }) => b.text)).toContain('hello over ssh');
      expect(readdirSync(join(sshHome, '.cache/claude-dm')).filter((f) => f.endsWith('.mjs'))).toHaveLength(1); // shipped once
    }
  },
);
