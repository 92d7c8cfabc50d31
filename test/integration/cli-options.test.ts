// Global options wherever they stand (before the verb, as tmux and git users type them),
// locally and through --via, and a message on standard input carried across --via. A
// synthetic peer on a private tmux; --via runs through a local `sh -c` with its own HOME.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { cli, eventually } from '../support/run-cli.js';
import { REPO_ROOT } from '../support/repo-root.js';
import { syntheticPeerReading, type SyntheticPeer } from '../support/synthetic-peers.js';

const execFileAsync = promisify(execFile);

let tmux: PrivateTmux;
afterEach(() => tmux.kill());

/** Where $CLAUDE_DM_SOCKET points nowhere: only an option can find the server. */
const nowhere = () => ({
  CLAUDE_DM_SOCKET: join(tmux.dir, 'no-such-socket'),
  XDG_RUNTIME_DIR: tmux.dir,
  CLAUDE_DM_AUDIT_LOG: join(tmux.dir, 'audit.log'),
});

async function idleEcho(): Promise<{ p: SyntheticPeer; addr: string }> {
  const p = await syntheticPeerReading(tmux, 'p', { capture: '2.1.197__idle__2', echo: true }, 'idle');
  const addr = (await tmux.tmux('display', '-p', '-t', p.paneId, '#{session_name}:#{window_index}.#{pane_index}')).trim();
  return { p, addr };
}

describe('global options before the verb, locally', () => {
  beforeEach(() => {
    tmux = startPrivateTmux();
  });

  it('--socket PATH, --socket=PATH and --json before the verb', async () => {
    const { p } = await idleEcho();
    for (const args of [
      ['--socket', tmux.socketPath, 'list', '--json'],
      [`--socket=${tmux.socketPath}`, '--json', 'list'],
      ['--json', '--socket', tmux.socketPath, 'status', p.paneId],
    ]) {
      const r = await cli(tmux, args, { env: nowhere() });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout, args.join(' ')).toContain(p.paneId);
    }
  });

  it('a message that begins with - goes after --, and the error without it says so', async () => {
    const { p } = await idleEcho();
    const wrong = await cli(tmux, ['send', p.paneId, '-1 is the answer'], { env: nowhere() });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe(
      `claude-dm: unknown option "-1 is the answer" for send; an argument that begins with - goes after --, as in: claude-dm send … -- "-1 is the answer" (see claude-dm send --help)`,
    );
    expect(p.received()).toBe('');
    const right = await cli(tmux, ['--socket', tmux.socketPath, 'send', p.paneId, '--', '-1 is the answer'], { env: nowhere() });
    expect(right.code, right.stderr).toBe(0);
    expect(p.submitted()).toEqual(['-1 is the answer']);
  });
});

describe('-L NAME before the verb', () => {
  beforeEach(() => {
    tmux = startPrivateTmux({ name: 'cdm-named' });
  });

  it('-L NAME list finds the named server', async () => {
    const { p } = await idleEcho();
    const r = await cli(tmux, ['-L', 'cdm-named', 'list', '--json'], { env: nowhere() });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).peers.map((x: { pane_id: string }) => x.pane_id)).toEqual([p.paneId]);
  });
});

describe('--via with options anywhere, and stdin carried across', () => {
  let farHome: string;
  beforeEach(() => {
    tmux = startPrivateTmux();
    farHome = join(tmux.dir, 'far-home');
    mkdirSync(farHome);
  });
  const viaEnv = () => ({ ...nowhere(), HOME: farHome });

  it('status with --socket before the verb, between verb and target, and after the target', { timeout: 60_000 }, async () => {
    const { addr } = await idleEcho();
    const forms = [
      ['--via', 'sh -c', '--socket', tmux.socketPath, 'status', `sh:${addr}`, '--json'],
      ['--socket', tmux.socketPath, '--via', 'sh -c', 'status', '--json', `sh:${addr}`],
      ['--via', 'sh -c', 'status', '--socket', tmux.socketPath, `sh:${addr}`, '--json'],
      ['--via', 'sh -c', 'status', `sh:${addr}`, '--socket', tmux.socketPath, '--json'],
    ];
    for (const args of forms) {
      const r = await cli(tmux, args, { env: viaEnv() });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout), args.join(' ')).toMatchObject({ address: `sh:${addr}`, state: 'idle' });
    }
  });

  it('send - reads the message here and the far side gets it whole', { timeout: 60_000 }, async () => {
    const { p, addr } = await idleEcho();
    const message = 'from stdin, with \'quotes\', "double", $HOME and ünïcode';
    const r = await cli(tmux, ['--via', 'sh -c', '--socket', tmux.socketPath, 'send', `sh:${addr}`, '-'], {
      env: viaEnv(),
      stdin: () => `${message}\n`,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`delivered to ${addr}`);
    await eventually(() => p.submitted().length === 1, 10_000, 'the prompt');
    expect(p.submitted()).toEqual([message]);
  });
});

describe("the skill's fallback bin (bin/claude-dm, built by npm run build)", () => {
  beforeEach(() => {
    tmux = startPrivateTmux();
  });

  it('runs --via as SKILL.md says: it ships itself, though its name has no .mjs', { timeout: 60_000 }, async () => {
    const { addr } = await idleEcho();
    const farHome = join(tmux.dir, 'far-home');
    mkdirSync(farHome);
    // Where install-skill puts it: far from the checkout, so nothing of the repo is found by walking up.
    const bin = join(tmux.dir, 'home', '.claude', 'skills', 'claude-dm', 'bin', 'claude-dm');
    mkdirSync(dirname(bin), { recursive: true });
    copyFileSync(join(REPO_ROOT, 'skills', 'claude-dm', 'bin', 'claude-dm'), bin);
    const r = await execFileAsync(process.execPath, [bin, '--via', 'sh -c', '--socket', tmux.socketPath, 'list', '--json'], {
      env: { ...tmux.env, ...nowhere(), HOME: farHome },
    }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).peers).toEqual([expect.objectContaining({ address: `sh:${addr}`, state: 'idle' })]);
  });

  it(
    "list --format tmux over --via prints the far side's status-line count as it is (an idle peer: nothing)",
    { timeout: 60_000 },
    async () => {
      const { p } = await idleEcho();
      const farHome = join(tmux.dir, 'far-home');
      mkdirSync(farHome, { recursive: true });
      const viaEnv = () => ({ ...nowhere(), HOME: farHome });
      const idle = await cli(tmux, ['--via', 'sh -c', '--socket', tmux.socketPath, 'list', '--format', 'tmux'], { env: viaEnv() });
      expect(idle).toMatchObject({ code: 0, stdout: '', stderr: '' });
      p.set({ capture: '2.1.197__permission_bash__1' });
      await eventually(
        async () =>
          (await cli(tmux, ['--via', 'sh -c', '--socket', tmux.socketPath, 'list', '--format=tmux'], { env: viaEnv() })).stdout.includes(
            '🔴1',
          ),
        15_000,
        'the far side counting the prompt',
      );
    },
  );
});
