// claude-dm spawn with the REAL Claude Code binary (offline, fake API).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DUMMY_API_KEY, findClaudeBinary, prepareClaudeHome } from '../../demo/claude-peer.js';
import { REPO_ROOT } from '../support/repo-root.js';
import { eventually } from '../support/run-cli.js';
import { userPrompts, transcriptRecords } from '../support/transcripts.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';

let w: WriteHarness;
let home: string;
let peerEnv: NodeJS.ProcessEnv;
beforeAll(async () => {
  w = await startWriteHarness({ version: '2.1.197' });
  home = join(w.h.tmux.dir, 'spawn-home');
  peerEnv = {
    HOME: home,
    ANTHROPIC_API_KEY: DUMMY_API_KEY,
    ANTHROPIC_BASE_URL: w.h.api.url,
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    CLAUDECODE: '1', // as if spawned from inside a Claude session: must not leak into the new peer
  };
}, 60_000);
const spawnedPids: number[] = [];
afterAll(async () => {
  // Spawned peers are panes of the harness's private server: closing it ends them. Wait
  // for them first, so nothing is still writing into the folders being removed.
  for (const pid of spawnedPids) {
    try {
      process.kill(pid, 'SIGHUP');
    } catch {
      // gone already
    }
  }
  await eventually(() => spawnedPids.every((pid) => !existsSync(`/proc/${pid}`)), 10_000, 'spawned peers to exit').catch(() => undefined);
  await w?.close();
});

it('spawns a peer that becomes idle, sends the prompt through the gate, and prints its address', { timeout: 90_000 }, async () => {
  const work = join(home, 'project');
  mkdirSync(work, { recursive: true });
  prepareClaudeHome(home, work, DUMMY_API_KEY);
  const r = await w.run(
    [
      'spawn',
      '--name',
      'fresh',
      '--cwd',
      work,
      '--claude-bin',
      findClaudeBinary('2.1.197'),
      '--json',
      '--',
      'reply: hello from the spawned peer',
    ],
    peerEnv,
  );
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as { address: string; pane_id: string; pid: number; prompt: { outcome: string } };
  spawnedPids.push(out.pid);
  expect(out.prompt.outcome).toBe('delivered');
  const configDir = join(home, '.claude');
  await eventually(
    () =>
      transcriptRecords(configDir).some((rec) => JSON.stringify(rec).includes('hello from the spawned peer') && rec.type === 'assistant'),
    20_000,
    'the reply',
  );
  // The prompt's own record can land after the reply's (Claude Code does not write in time order).
  await eventually(() => userPrompts(configDir).includes('reply: hello from the spawned peer'), 10_000, 'the prompt in the transcript');
  const listed = JSON.parse((await w.run(['list', '--json'])).stdout).peers as Array<{
    pane_id: string;
    state: string;
    address: string;
    pid: number;
  }>;
  expect(listed.find((p) => p.pane_id === out.pane_id)).toMatchObject({ address: out.address, pid: out.pid });
  await w.becomes({ paneId: out.pane_id, name: 'fresh' } as never, 'idle');
  const environ = (await import('node:fs')).readFileSync(`/proc/${out.pid}/environ`, 'utf8').split('\0');
  expect(environ).toContain(`ANTHROPIC_BASE_URL=${w.h.api.url}`);
  expect(environ.some((e) => e.startsWith('CLAUDECODE='))).toBe(false);
});

it('says which first-run dialog a new peer is stuck on (folder trust), instead of waiting forever', { timeout: 90_000 }, async () => {
  const untrusted = join(home, 'untrusted');
  mkdirSync(untrusted, { recursive: true });
  writeFileSync(join(home, 'marker'), '');
  const r = await w.run(['spawn', '--cwd', untrusted, '--claude-bin', findClaudeBinary('2.1.197')], peerEnv);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^claude-dm: the new peer \S+ \(%\d+\) is stuck on the folder-trust dialog: answer it in the pane/);
});

// The first-run screens of both versions, on the real binaries: each named in the error.
const BINARIES = { '2.1.197': findClaudeBinary(), '2.1.332': join(REPO_ROOT, 'node_modules/claude-code-2.1.332/bin/claude.exe') };
for (const [version, bin] of Object.entries(BINARIES)) {
  it(`${version}: a fresh HOME offline stops at the connectivity check, named, and its pane closes`, { timeout: 90_000 }, async () => {
    const fresh = join(w.h.tmux.dir, `fresh-home-${version}`);
    mkdirSync(join(fresh, 'work'), { recursive: true });
    const r = await w.run(['spawn', '--cwd', join(fresh, 'work'), '--claude-bin', bin], { ...peerEnv, HOME: fresh });
    expect(r.code).toBe(1);
    const [, paneId] = /\((%\d+)\)/.exec(r.stderr) ?? [];
    // Seen while it shows the error, or read from the pane it left when it exited a moment later.
    expect(r.stderr).toMatch(
      /^claude-dm: the new peer \S+ \(%\d+\) (is stuck on|exited at) the connectivity check of its first run: a first run must reach api\.anthropic\.com/,
    );
    await eventually(
      async () => !(await w.h.tmux.tmux('list-panes', '-a', '-F', '#{pane_id}')).split('\n').includes(paneId!),
      10_000,
      'the pane to close',
    );
  });

  it(`${version}: an API key not yet approved is named`, { timeout: 90_000 }, async () => {
    const keyHome = join(w.h.tmux.dir, `key-home-${version}`);
    const work = join(keyHome, 'work');
    mkdirSync(work, { recursive: true });
    prepareClaudeHome(keyHome, work, 'sk-ant-api03-some-other-key-that-was-never-approved');
    const r = await w.run(['spawn', '--cwd', work, '--claude-bin', bin], { ...peerEnv, HOME: keyHome });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^claude-dm: the new peer \S+ \(%\d+\) is stuck on the API key question: answer it in the pane/);
  });
}

it('2.1.332: the folder-trust dialog (No first, unnumbered) is named too', { timeout: 90_000 }, async () => {
  const untrusted = join(home, 'untrusted-332');
  mkdirSync(untrusted, { recursive: true });
  const r = await w.run(['spawn', '--cwd', untrusted, '--claude-bin', BINARIES['2.1.332']], peerEnv);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^claude-dm: the new peer \S+ \(%\d+\) is stuck on the folder-trust dialog: answer it in the pane/);
});

it('refuses a missing binary and a missing folder in one line', async () => {
  expect((await w.run(['spawn', '--claude-bin', '/nonexistent/claude'])).stderr).toBe(
    'claude-dm: --claude-bin /nonexistent/claude does not exist',
  );
  expect((await w.run(['spawn', '--cwd', '/nonexistent/dir', '--claude-bin', findClaudeBinary('2.1.197')])).stderr).toBe(
    'claude-dm: --cwd /nonexistent/dir is not a folder',
  );
});
