// `claude-dm hooks install | uninstall | status` on a private tmux: the settings file edited and given back, a
// malformed one refused and left alone, and status naming the running peers whose settings have the hook.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { cli } from '../support/run-cli.js';
import { startSyntheticPeer, type SyntheticPeer } from '../support/synthetic-peers.js';

let tmux: PrivateTmux;
let peer: SyntheticPeer;
beforeAll(async () => {
  tmux = startPrivateTmux();
  peer = await startSyntheticPeer(tmux, 'p', { capture: '2.1.197__permission_bash__1' });
}, 30_000);
afterAll(() => tmux.kill());

describe('hooks', () => {
  it("installs into the peer's own settings, status names it; uninstall gives the file back; a broken file is refused", async () => {
    const settings = join(peer.configDir, 'settings.json');
    mkdirSync(peer.configDir, { recursive: true });
    const before = '{\n  "model": "opus"\n}\n';
    writeFileSync(settings, before);
    const env = { HOME: peer.home, CLAUDE_CONFIG_DIR: '' };
    const run = (...args: string[]) => cli(tmux, ['hooks', ...args], { env });

    let status = JSON.parse((await run('status', '--json')).stdout) as {
      files: Array<{ settings: string; installed: boolean }>;
      peers: Array<{ pane_id: string; hook: boolean }>;
    };
    expect(status.files[0]).toMatchObject({ settings, installed: false });
    expect(status.peers.find((p) => p.pane_id === peer.paneId)).toMatchObject({ hook: false });

    expect((await run('install')).stdout).toMatch(
      /^installed claude-dm's PermissionRequest hook in .*settings\.json; running peers pick it up/u,
    );
    expect(readFileSync(settings, 'utf8')).toMatch(/"command": ".* hook permission-request"/u);
    status = JSON.parse((await run('status', '--json')).stdout);
    expect(status.files[0]).toMatchObject({ settings, installed: true });
    expect(status.peers.find((p) => p.pane_id === peer.paneId)).toMatchObject({ hook: true });
    expect((await run('status')).stdout).toMatch(new RegExp(`: hook in ${settings.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}`, 'u'));

    expect((await run('uninstall')).code).toBe(0);
    expect(readFileSync(settings, 'utf8')).toBe(before);

    writeFileSync(settings, '{"model": ');
    const broken = await run('install');
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toMatch(/settings\.json: it is not valid JSON \(line 1: .*\); fix it by hand, nothing was changed$/u);
    expect(broken.stderr.split('\n')).toHaveLength(1);
    expect(readFileSync(settings, 'utf8')).toBe('{"model": ');
  });

  it('takes install, uninstall or status only', async () => {
    const r = await cli(tmux, ['hooks', 'enable'], { env: { HOME: peer.home } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hooks takes install, uninstall or status; got "enable"/u);
  });
});
