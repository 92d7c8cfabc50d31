// claude-dm-tui's flags, the built bin run as a person would: --version, and --no-control
// (no control-mode client on the server) against the default (one read-only control client),
// in a real terminal: a pane of a private tmux server watching that same server.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { REPO_ROOT } from '../support/repo-root.js';
import { eventually } from '../support/run-cli.js';
import { startSyntheticPeer } from '../support/synthetic-peers.js';

const BIN = join(REPO_ROOT, 'dist', 'components', 'main.js');

it('--version prints the version and exits 0', () => {
  expect(execFileSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' })).toBe(`${VERSION}\n`);
});

it('a --host that is not in the hosts file is one line and exit 2, before it looks for a terminal', () => {
  const config = mkdtempSync(join(tmpdir(), 'cdm-tui-hosts-'));
  try {
    const r = spawnSync(process.execPath, [BIN, '--host', 'nosuch'], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: config },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^claude-dm-tui: .*no such (entry|file)[^\n]*\n$/u);
  } finally {
    rmSync(config, { recursive: true, force: true });
  }
});

describe('polling through a control-mode client, or not', () => {
  let tmux: PrivateTmux;
  beforeEach(() => {
    tmux = startPrivateTmux({ cols: 160, rows: 40 });
  });
  afterEach(() => tmux.kill());

  /** Starts the dashboard in a window of the server it watches; returns its pane once it shows the peer. */
  async function dashboard(extra: string[]): Promise<string> {
    await startSyntheticPeer(tmux, 'peer', { capture: '2.1.197__idle__2' });
    const pane = await tmux.newWindow('-n', 'dash', 'node', BIN, '--socket', tmux.socketPath, '--interval', '0.5', ...extra);
    await eventually(
      async () => (await tmux.tmux('capture-pane', '-p', '-t', pane)).includes('🟢 idle'),
      20_000,
      'the dashboard to show the peer',
    );
    return pane;
  }
  const controlClients = async () =>
    (await tmux.tmux('list-clients', '-F', '#{client_control_mode}')).split('\n').filter((l) => l.trim() === '1').length;

  it('by default one read-only control-mode client polls', { timeout: 40_000 }, async () => {
    await dashboard([]);
    expect(await controlClients()).toBe(1);
  });

  it('--no-control polls without one, and still shows the peers', { timeout: 40_000 }, async () => {
    const pane = await dashboard(['--no-control']);
    // Two more refreshes, to be sure none started one later.
    await new Promise((r) => setTimeout(r, 1200));
    expect(await controlClients()).toBe(0);
    expect(await tmux.tmux('capture-pane', '-p', '-t', pane)).toContain('🟢 idle');
  });
});
