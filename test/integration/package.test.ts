// The published shape: npm pack, install into a temp prefix, run both bins from there;
// and the single-file bundle run from a folder with no node_modules.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { cells } from '../../src/util/width.js';
import { eventually } from '../support/run-cli.js';
import { REPO_ROOT } from '../support/repo-root.js';
import { startSyntheticPeer } from '../support/synthetic-peers.js';

let tmux: PrivateTmux;
let dir: string;
beforeAll(async () => {
  tmux = startPrivateTmux();
  dir = mkdtempSync(join(tmpdir(), 'cdm-pkg-'));
  // A title with a ZWJ emoji: the bundles measure it with string-width, which they load on first use.
  await startSyntheticPeer(tmux, 'p', { capture: '2.1.197__permission_bash__1', title: '✳ 👩‍💻 Test task' });
});
afterAll(() => {
  tmux.kill();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => cleanEnv({ CLAUDE_DM_SOCKET: tmux.socketPath, HOME: join(dir, 'home') });

describe('npm package', () => {
  it('packs only built code and assets, installs into a prefix, and both bins run from there', { timeout: 180_000 }, () => {
    // npm test has built dist/ already: pack it as it is.
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    const info = JSON.parse(packed.slice(packed.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = info[0]!.files.map((f) => f.path);
    expect(files).toContain('dist/src/cli/main.js');
    expect(files).toContain('dist/components/main.js');
    expect(files).toContain('dist/claude-dm-portable.mjs');
    expect(files).toContain('dist/claude-dm.cjs');
    expect(files).toContain('skills/claude-dm/SKILL.md');
    expect(files).toContain('skills/claude-dm/bin/claude-dm');
    expect(files.filter((f) => /^(test|bench|scripts)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
    // The clone's harness (the fake API, the peers' harness, the demos, drift) is not published, built or not.
    expect(files.filter((f) => /(^|\/)(demo|drift|test|bench)\/|fake-anthropic|claude-peer|real-peers/.test(f))).toEqual([]);

    const prefix = join(dir, 'prefix');
    execFileSync(
      'npm',
      ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(dir, info[0]!.filename)],
      { encoding: 'utf8', stdio: 'pipe' },
    );
    const bin = (name: string) => join(prefix, 'bin', name);
    expect(execFileSync(bin('claude-dm'), ['--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(execFileSync(bin('claude-dm-tui'), ['--help'], { encoding: 'utf8' })).toMatch(/^usage: claude-dm-tui/);
    // --demo needs the clone: one line saying so, exit 2, nothing started.
    const demo = spawnSync(bin('claude-dm-tui'), ['--demo'], { encoding: 'utf8', env: env() });
    expect({ status: demo.status, stdout: demo.stdout }).toEqual({ status: 2, stdout: '' });
    expect(demo.stderr).toMatch(/^claude-dm-tui: --demo runs from a clone of claude-dm, .*npm run demo.*\n$/);
    expect(demo.stderr.split('\n')).toHaveLength(2);
    const list = JSON.parse(execFileSync(bin('claude-dm'), ['list', '--json'], { encoding: 'utf8', env: env() }));
    expect(list.peers).toEqual([expect.objectContaining({ state: 'modal', subtype: 'permission' })]);
    execFileSync(bin('claude-dm'), ['install-skill'], { encoding: 'utf8', env: env() });
    expect(existsSync(join(dir, 'home/.claude/skills/claude-dm/SKILL.md'))).toBe(true);
    expect(existsSync(join(dir, 'home/.claude/skills/claude-dm/bin/claude-dm'))).toBe(true);
  });
});

describe('portable bundle', () => {
  it('runs every read verb with plain node from a folder with no node_modules', async () => {
    const bare = join(dir, 'bare');
    execFileSync('mkdir', ['-p', bare]);
    copyFileSync(join(REPO_ROOT, 'dist/claude-dm-portable.mjs'), join(bare, 'claude-dm'));
    // The CommonJS bin is two files: the bundle and the start that runs it through its code cache.
    copyFileSync(join(REPO_ROOT, 'dist/claude-dm.cjs'), join(bare, 'claude-dm.cjs'));
    copyFileSync(join(REPO_ROOT, 'dist/claude-dm-cli.cjs'), join(bare, 'claude-dm-cli.cjs'));
    expect(readdirSync(bare).sort()).toEqual(['claude-dm', 'claude-dm-cli.cjs', 'claude-dm.cjs']);
    const run = (...args: string[]) =>
      execFileSync('node', [join(bare, 'claude-dm'), ...args], { cwd: bare, encoding: 'utf8', env: env() });
    const peers = await eventually(
      () =>
        (JSON.parse(run('list', '--json')) as { peers: Array<{ pane_id: string; state: string }> }).peers.filter(
          (p) => p.state === 'modal',
        ),
      10_000,
      'the peer',
    );
    const target = peers[0]!.pane_id;
    expect(JSON.parse(run('status', target, '--json'))).toMatchObject({ state: 'modal', gates: { answer: { allowed: true } } });
    expect(run('peek', target)).toBe('');
    expect(run('wait', target, '0.1', '5', '0')).toBe('MODAL\n');
    expect(run('--help')).toContain('claude-dm [options] <verb>');
    // The table: CWD starts in the same cell on the header and on the row whose title holds
    // 👩‍💻 (two cells), in both bundles.
    for (const bundle of ['claude-dm', 'claude-dm.cjs']) {
      const [header, row] = execFileSync('node', [join(bare, bundle), 'list'], { cwd: bare, encoding: 'utf8', env: env() }).split('\n');
      expect(row, bundle).toContain('👩‍💻 Test task');
      expect(cells(row!.slice(0, row!.lastIndexOf(' /') + 1)), bundle).toBe(cells(header!.slice(0, header!.indexOf('CWD'))));
    }
  });
});
