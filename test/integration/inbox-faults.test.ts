// Faults on the inbox channel (item 6 of the inbox issue), against a synthetic peer with a fake 2.1.332-style
// inbox. Each case checks the exit code, a one-line error or an exact delivery, that nothing was typed into the
// pane (the synthetic peer logs every byte it receives), the audit line (channel, outcome), and that the peer
// token appears nowhere.
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { cli, eventually, type CliResult } from '../support/run-cli.js';
import { startSyntheticPeer, type SyntheticPeer } from '../support/synthetic-peers.js';
import { addFakeInbox, FAKE_TOKEN, type FakeInbox, type InboxBehaviour } from '../support/fake-inbox.js';
import { MAX_LINE_CHARS } from '../../src/inbox/wire.js';

let tmux: PrivateTmux;
let inbox: FakeInbox | null = null;
beforeEach(() => {
  tmux = startPrivateTmux();
});
afterEach(async () => {
  await inbox?.close();
  inbox = null;
  tmux.kill();
});

const stateEnv = () => ({ XDG_RUNTIME_DIR: tmux.dir, CLAUDE_DM_AUDIT_LOG: join(tmux.dir, 'audit.log'), CLAUDE_CODE_MESSAGING_SOCKET: '' });
const run = (args: string[]) => cli(tmux, args, { env: stateEnv() });

function audit(): Array<Record<string, unknown>> {
  const path = join(tmux.dir, 'audit.log');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function peerWithInbox(behaviour: InboxBehaviour): Promise<SyntheticPeer> {
  const p = await startSyntheticPeer(tmux, 'p', { capture: '2.1.197__idle__2', echo: true });
  await eventually(async () => JSON.parse((await run(['status', p.paneId, '--json'])).stdout).state === 'idle', 10_000, 'idle');
  inbox = await addFakeInbox(p, tmux.dir, behaviour);
  return p;
}

/** A one-line error, nothing typed, one audit line on the inbox channel, the token nowhere. */
function refusedCleanly(r: CliResult, p: SyntheticPeer, pattern: RegExp, outcome: string) {
  expect(r.code).toBe(1);
  expect(r.stderr.split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^claude-dm: /);
  expect(r.stderr).toMatch(pattern);
  expect(p.received()).toBe('');
  const lines = audit();
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ verb: 'send', outcome });
  noToken(r);
}

function noToken(r: CliResult) {
  expect(r.stdout + r.stderr).not.toContain(FAKE_TOKEN);
  if (existsSync(join(tmux.dir, 'audit.log'))) expect(readFileSync(join(tmux.dir, 'audit.log'), 'utf8')).not.toContain(FAKE_TOKEN);
}

describe('inbox delivery', () => {
  it('control characters and the paste end marker arrive exactly as given; nothing is typed', async () => {
    const p = await peerWithInbox('accept');
    const st = JSON.parse((await run(['status', p.paneId, '--json'])).stdout);
    expect(st.channel).toMatchObject({
      channel: 'inbox',
      socket: inbox!.socketPath,
      inbox_send: { allowed: true, reason: 'inbox: delivered now' },
    });
    const text = 'ctl \x1b[201~ \x03 bare\rCR\ttab héllo 😀\nsecond line \x1b[200~';
    const r = await run(['send', p.paneId, text, '--raw', '--no-from', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'delivered', ok: true, channel: 'inbox' });
    const users = inbox!.lines.filter((l) => l.type === 'user');
    expect(users).toHaveLength(1);
    expect(users[0]!.message).toEqual({ role: 'user', content: text });
    expect(inbox!.lines[0]).toEqual({ type: 'auth', token: FAKE_TOKEN });
    expect(p.received()).toBe('');
    expect(audit()).toEqual([
      expect.objectContaining({ verb: 'send', channel: 'inbox', outcome: 'delivered', payload: text, msg_id: users[0]!.msg_id }),
    ]);
    noToken(r);
  });

  it('a message of just under the limit arrives whole; one over it is refused before connecting', async () => {
    const p = await peerWithInbox('accept');
    const big = 'x'.repeat(MAX_LINE_CHARS);
    const r = await run(['send', p.paneId, big, '--no-from']);
    refusedCleanly(r, p, /too long for the inbox \(\d+ characters encoded; Claude Code takes at most 1048576\)/, 'refused');
    expect(inbox!.lines).toEqual([]);
    const fits = 'y'.repeat(1_000_000);
    const ok = await run(['send', p.paneId, fits, '--no-from']);
    expect(ok.code, ok.stderr).toBe(0);
    expect((inbox!.lines.find((l) => l.type === 'user')!.message as { content: string }).content).toBe(fits);
  });

  it("inside a Claude session with an inbox, from is that session's reply address", async () => {
    const p = await peerWithInbox('accept');
    const r = await cli(tmux, ['send', p.paneId, 'who am I', '--no-from'], {
      env: { ...stateEnv(), CLAUDE_CODE_MESSAGING_SOCKET: '/tmp/cc-socks/4711.sock' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(inbox!.lines.find((l) => l.type === 'user')).toMatchObject({ from: 'uds:/tmp/cc-socks/4711.sock' });
    // Outside one, from is our own short-lived receipt socket beside the peer's.
    await run(['send', p.paneId, 'and now', '--no-from']);
    expect(inbox!.lines.filter((l) => l.type === 'user').at(-1)!.from).toMatch(
      new RegExp(`^uds:${inbox!.socketDir}/cdm-\\d+-[0-9a-f]{8}\\.sock$`),
    );
  });

  it('--inbox on a peer with no inbox fails clearly and types nothing', async () => {
    const p = await startSyntheticPeer(tmux, 'p', { capture: '2.1.197__idle__2', echo: true });
    await eventually(async () => JSON.parse((await run(['status', p.paneId, '--json'])).stdout).state === 'idle', 10_000, 'idle');
    const r = await run(['send', p.paneId, 'hello', '--inbox']);
    refusedCleanly(r, p, /--inbox: the peer advertises no inbox/, 'refused');
  });
});

describe('inbox faults', () => {
  it('a missing key file: nothing sent, nothing typed', async () => {
    const p = await peerWithInbox('accept');
    rmSync(inbox!.keyPath);
    refusedCleanly(await run(['send', p.paneId, 'hello']), p, /inbox key file .* is missing; nothing was sent \(--keys types/, 'refused');
    expect((await run(['status', p.paneId])).stdout).toMatch(
      /^channel: +none: its inbox cannot be used: its inbox key file .* is missing/m,
    );
    expect((await run(['doctor'])).stdout).toMatch(/^! .*send\/ask channel: none: its inbox cannot be used/m);
    expect(inbox!.lines).toEqual([]);
  });

  it('an unreadable key file', async () => {
    const p = await peerWithInbox('accept');
    rmSync(inbox!.keyPath);
    mkdirSync(inbox!.keyPath); // root reads any mode: a directory is what stays unreadable as a file
    refusedCleanly(await run(['send', p.paneId, 'hello']), p, /inbox key file .* is unreadable \(EISDIR\)/, 'refused');
  });

  it('a key left by an earlier process with the same pid', async () => {
    const p = await peerWithInbox('accept');
    writeFileSync(inbox!.keyPath, JSON.stringify({ peerToken: FAKE_TOKEN, procStart: '1' }));
    refusedCleanly(await run(['send', p.paneId, 'hello']), p, /earlier process with the same pid/, 'refused');
    expect(inbox!.lines).toEqual([]);
  });

  it('a stale socket: the peer is gone, its socket file left behind', async () => {
    const p = await peerWithInbox('accept');
    await inbox!.close();
    rmSync(inbox!.socketPath, { force: true });
    // A socket file nobody listens on (Python does not remove it on exit).
    execFileSync('python3', ['-c', 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])', inbox!.socketPath]);
    refusedCleanly(await run(['send', p.paneId, 'hello']), p, /inbox socket .* is stale: nobody listens on it/, 'error');
  });

  it('a socket owned by another user', async () => {
    const p = await peerWithInbox('accept');
    chownSync(inbox!.socketPath, 4242, 4242);
    refusedCleanly(await run(['send', p.paneId, 'hello']), p, /is owned by uid 4242, not by you/, 'refused');
    expect(inbox!.lines).toEqual([]);
  });

  it('a socket in a directory others can write', async () => {
    const p = await peerWithInbox('accept');
    chmodSync(inbox!.socketDir, 0o777);
    refusedCleanly(await run(['send', p.paneId, 'hello']), p, /is writable by others \(mode 777\)/, 'refused');
    expect(inbox!.lines).toEqual([]);
  });

  it('a peer that hangs up at once: not delivered, said so', async () => {
    const p = await peerWithInbox('close');
    const r = await run(['send', p.paneId, 'hello']);
    refusedCleanly(r, p, /(closed the connection|no record of it)/, String(audit()[0]?.outcome));
    expect(['dropped', 'unconfirmed']).toContain(audit()[0]!.outcome);
  });

  it('a peer that never answers nor records: unconfirmed, never delivered', async () => {
    const p = await peerWithInbox('silent');
    const r = await run(['send', p.paneId, 'hello']);
    refusedCleanly(r, p, /the peer has no record of it yet; it may not have arrived/, 'unconfirmed');
    expect(inbox!.lines.filter((l) => l.type === 'user')).toHaveLength(1);
  });
});
