// One roster across machines over a real sshd on 127.0.0.1: this machine (its own private tmux, a synthetic
// peer) and a host reached by ssh whose tmux server runs a REAL Claude Code 2.1.332 peer (manual mode) offline.
// The roster shows both; `y` on the remote prompt approves it (the command runs there); the ssh transport killed
// mid-stream, the link reconnects; one ssh process per host at steady state.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeInto, type ClaudePeer } from '../../demo/claude-peer.js';
import { HostLink } from '../../src/remote/host-link.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { inCi, requireTool, skipWithout } from '../support/needs.js';
import { cli, eventually } from '../support/run-cli.js';
import { hasSshd, startSshd, type Sshd } from '../support/sshd.js';
import { syntheticPeerReading } from '../support/synthetic-peers.js';
import { lastToolUse } from '../support/transcripts.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';
import { regions } from '../tui-terminal/frame-check.js';
import { startTerminalDashboard } from '../tui-terminal/terminal.js';

const RUN = !skipWithout(hasSshd());
let here: PrivateTmux;
let far: WriteHarness;
let peer: ClaudePeer;
let sshd: Sshd;
let transport: string;

beforeAll(async () => {
  if (!RUN) return;
  requireTool(hasSshd(), 'openssh-server (/usr/sbin/sshd) and root');
  here = startPrivateTmux();
  far = await startWriteHarness({ version: '2.1.332' });
  peer = await far.h.start('remote', { permissionMode: 'default' });
  const sshHome = join(far.h.tmux.dir, 'ssh-home');
  mkdirSync(sshHome);
  sshd = await startSshd(sshHome);
  // The far side's tmux server is the harness's private one; its audit log and locks are its own.
  transport = `${sshd.via} env CLAUDE_DM_SOCKET=${far.h.tmux.socketPath} CLAUDE_DM_AUDIT_LOG=${join(far.stateDir, 'audit.log')} XDG_RUNTIME_DIR=${far.stateDir}`;
}, 180_000);
afterAll(async () => {
  sshd?.stop();
  await far?.close();
  here?.kill();
});

describe.skipIf(!RUN && !inCi())('across machines over ssh, a real 2.1.332 peer on the far host', () => {
  it(
    'the roster shows both machines; y on the remote prompt approves it there; both audit logs have it',
    { timeout: 120_000 },
    async () => {
      await syntheticPeerReading(here, 'mine', { capture: '2.1.332__default__idle' }, 'idle');
      await far.becomes(peer, 'idle', 30_000);
      const host = ['--host', `box=${transport}`];
      const list = await cli(here, ['list', '--json', ...host]);
      expect(list.code, list.stderr).toBe(0);
      const peers = JSON.parse(list.stdout).peers as Array<{ host: string; address: string; state: string; pane_id: string }>;
      expect(peers.map((p) => [p.host, p.state])).toEqual([
        ['local', 'idle'],
        ['box', 'idle'],
      ]);
      const remote = peers[1]!;
      expect(remote.address).toMatch(/^box:peers:\d+\.0$/u);

      const before = lastToolUse(peer.configDir)?.id;
      await typeInto(far.h.tmux.socketPath, peer.paneId, 'please run bash now', far.h.tmux.env);
      const status = await eventually(
        async () => {
          const s = JSON.parse((await cli(here, ['status', remote.address, '--json', ...host])).stdout || '{}') as {
            state: string;
            prompt_id: string | null;
          };
          return s.state === 'modal' && s.prompt_id ? s : null;
        },
        30_000,
        'the remote prompt',
      );
      const call = await eventually(() => ((c) => (c && c.id !== before ? c : null))(lastToolUse(peer.configDir)), 10_000, 'the tool call');
      const answered = await cli(here, ['answer', remote.address, 'y', '--prompt', status.prompt_id!, '--json', ...host]);
      expect(answered.code, answered.stderr).toBe(0);
      expect(JSON.parse(answered.stdout)).toMatchObject({ outcome: 'delivered', target: remote.address, option: 'Yes' });
      await eventually(
        () => existsSync(String(call.input.command).replace(/^touch /u, '')),
        20_000,
        'the approved command on the far host',
      );
      expect(far.audit().at(-1)).toMatchObject({ verb: 'answer', outcome: 'delivered' });
    },
  );

  it('the dashboard: both machines in one roster, the real prompt over ssh first; y approves it there', { timeout: 120_000 }, async () => {
    await far.becomes(peer, 'idle', 30_000);
    const env = { CLAUDE_DM_AUDIT_LOG: join(here.dir, 'dash-audit.log'), XDG_RUNTIME_DIR: here.dir };
    const dash = await startTerminalDashboard(here, 80, 24, env, ['--socket', here.socketPath, '--host', `box=${transport}`]);
    const remoteRow = (l: string[]) => regions(l).peerRows.find((x) => /^[▶ ] box:peers:\d+\.0 /u.test(x));
    await dash.shows(
      (l) => /local( up|✓)\s+box( up|✓)/u.test(regions(l).header) && remoteRow(l)?.includes('idle') === true,
      'both machines',
    );
    const before = lastToolUse(peer.configDir)?.id;
    await typeInto(far.h.tmux.socketPath, peer.paneId, 'please run bash now', far.h.tmux.env);
    await dash.shows((l) => remoteRow(l)?.includes('🔴') === true, 'the remote prompt in the roster', 30_000);
    const call = await eventually(() => ((c) => (c && c.id !== before ? c : null))(lastToolUse(peer.configDir)), 10_000, 'the tool call');
    await dash.keys('g');
    await dash.shows(
      (l) => remoteRow(l)?.startsWith('▶') === true && l.some((x) => x.includes('Do you want to proceed')),
      'the prompt selected and shown',
    );
    await dash.keys('y');
    await eventually(() => existsSync(String(call.input.command).replace(/^touch /u, '')), 30_000, 'the approved command on the far host');
    await dash.shows((l) => l.some((x) => /box:peers:\d+\.0: .*(answered|delivered)/u.test(x)), 'the notice');
    expect(
      far
        .audit()
        .filter((a) => a.verb === 'answer')
        .at(-1),
    ).toMatchObject({ outcome: 'delivered' });
    await dash.keys('q');
  });

  it(
    'one ssh process for the link at steady state; killed mid-stream, the link is down, then back with the roster',
    { timeout: 120_000 },
    async () => {
      const link = new HostLink({ host: { name: 'box', transport }, reconnect: true });
      link.start();
      try {
        await eventually(() => link.state.kind === 'up' && link.rows.length === 1, 60_000, 'the link up over ssh');
        const spawned = link.spawned;
        const pid = link.pid!;
        process.kill(pid, 'SIGKILL');
        await eventually(() => link.state.kind === 'down', 15_000, 'the link down');
        await eventually(() => link.state.kind === 'up', 60_000, 'the link up again');
        expect(link.spawned).toBe(spawned + 1);
        expect(link.rows.map((r) => r.host)).toEqual(['box']);
      } finally {
        await link.close();
      }
    },
  );
});
