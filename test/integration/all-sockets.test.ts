// list --all-sockets over two private servers in one socket folder (TMUX_TMPDIR).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { startPrivateTmux, cleanEnv, type PrivateTmux } from '../support/private-tmux.js';
import { eventually } from '../support/run-cli.js';
import { startSyntheticPeer } from '../support/synthetic-peers.js';
import { VERBS } from '../../src/cli/verbs/index.js';

let dir: string;
let servers: PrivateTmux[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdm-sockdir-'));
  servers = [startPrivateTmux({ dir, name: 'default' }), startPrivateTmux({ dir, name: 'work' })];
});
afterEach(() => {
  for (const s of servers) s.kill();
  rmSync(dir, { recursive: true, force: true });
});

async function list(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    verbs: VERBS,
    env: cleanEnv({ TMUX_TMPDIR: dir }),
    io: { out: (l) => out.push(l), err: (l) => err.push(l) },
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

it('shows peers of every server, the non-default ones as -L NAME, and skips a stale socket', async () => {
  const a = await startSyntheticPeer(servers[0]!, 'a', { capture: '2.1.197__idle__2' });
  const b = await startSyntheticPeer(servers[1]!, 'b', { capture: '2.1.197__permission_bash__1' });
  writeFileSync(join(dir, `tmux-${process.getuid!()}`, 'not-a-socket'), '');
  const stale = startPrivateTmux({ dir, name: 'stale' });
  stale.tmuxSync('kill-server'); // leaves its socket file behind
  const r = await eventually(
    async () => {
      const res = await list(['list', '--all-sockets']);
      return /🟢 idle/.test(res.stdout) && /🔴 modal/.test(res.stdout) ? res : null;
    },
    10_000,
    'both peers',
  );
  expect(r.code).toBe(0);
  const addrA = (await servers[0]!.tmux('display', '-p', '-t', a.paneId, '#{session_name}:#{window_index}.#{pane_index}')).trim();
  const addrB = (await servers[1]!.tmux('display', '-p', '-t', b.paneId, '#{session_name}:#{window_index}.#{pane_index}')).trim();
  expect(r.stdout).toMatch(new RegExp(`\\n${addrA.replace('.', '\\.')}\\s+🟢 idle`));
  expect(r.stdout).toContain(`-L work ${addrB}`);
  // The address works as written: -L is an option of every verb.
  const status = await list(['status', '-L', 'work', addrB, '--json']);
  expect(JSON.parse(status.stdout)).toMatchObject({ state: 'modal', pane_id: b.paneId });
  const json = JSON.parse((await list(['list', '--all-sockets', '--json'])).stdout).peers as Array<{ address: string; socket: string }>;
  expect(json.map((p) => p.address).sort()).toEqual([addrA, `-L work ${addrB}`].sort());
  expect(json.find((p) => p.address.startsWith('-L'))!.socket).toMatch(/\/work$/);
});
