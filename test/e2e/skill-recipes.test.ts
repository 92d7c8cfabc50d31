// The conductor recipes of skills/claude-dm/SKILL.md ("Conducting several peers"), run as written in bash,
// with the built claude-dm on PATH, against three REAL Claude Code 2.1.332 peers (manual mode) offline. The
// recipes name work:1.0, work:2.0 and work:3.0: those are these peers' addresses here.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { typeInto, type ClaudePeer } from '../../demo/claude-peer.js';
import { REPO_ROOT } from '../support/repo-root.js';
import { eventually } from '../support/run-cli.js';
import { lastToolUse } from '../support/transcripts.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';

const execFileAsync = promisify(execFile);
const SKILL = readFileSync(join(REPO_ROOT, 'skills', 'claude-dm', 'SKILL.md'), 'utf8');

/** The shell block after `<!-- recipe: NAME -->`. */
function recipe(name: string): string {
  const m = new RegExp(`<!-- recipe: ${name} -->\\n\`\`\`sh\\n([\\s\\S]*?)\\n\`\`\``, 'u').exec(SKILL);
  if (!m) throw new Error(`SKILL.md has no recipe ${name}`);
  return m[1]!;
}

let w: WriteHarness;
let peers: ClaudePeer[];
let work: string;
let bin: string;
beforeAll(async () => {
  const cli = join(REPO_ROOT, 'dist', 'claude-dm.cjs');
  if (!existsSync(cli)) throw new Error('run `npm run build` first (npm test does)');
  w = await startWriteHarness({ version: '2.1.332' });
  peers = [];
  for (const name of ['one', 'two', 'three']) peers.push(await w.h.start(name, { permissionMode: 'default' }));
  work = mkdtempSync(join(tmpdir(), 'cdm-recipes-'));
  bin = join(work, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'claude-dm'), `#!/bin/sh\nexec node '${cli}' "$@"\n`);
  chmodSync(join(bin, 'claude-dm'), 0o755);
}, 180_000);
afterAll(async () => {
  await w?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs a recipe in bash in its own folder, its work:N.0 being peer N. */
async function run(name: string): Promise<{ stdout: string; stderr: string; code: number }> {
  const addresses = await Promise.all(
    peers.map(async (p) => (await w.h.tmux.tmux('display', '-p', '-t', p.paneId, '#{session_name}:#{window_index}.#{pane_index}')).trim()),
  );
  const script = recipe(name).replace(/work:([123])\.0/gu, (_, n: string) => addresses[Number(n) - 1]!);
  const env = { ...w.h.tmux.env, ...w.env, CLAUDE_DM_SOCKET: w.h.tmux.socketPath, PATH: `${bin}:${process.env.PATH}` };
  try {
    const r = await execFileAsync('bash', ['-euo', 'pipefail', '-c', script], { cwd: work, env, timeout: 120_000 });
    return { ...r, code: 0 };
  } catch (e) {
    const x = e as { stdout: string; stderr: string; code: number };
    return { stdout: x.stdout, stderr: x.stderr, code: x.code };
  }
}

const idle = (p: ClaudePeer) => w.becomes(p, 'idle', 30_000);
const address = async (p: ClaudePeer) =>
  (await w.h.tmux.tmux('display', '-p', '-t', p.paneId, '#{session_name}:#{window_index}.#{pane_index}')).trim();

describe('SKILL.md conductor recipes on real 2.1.332 peers', () => {
  afterEach(async () => {
    for (const p of peers ?? []) if (w) await w.backToIdle(p);
  }, 90_000);

  it('fan-out: three asked at once, the replies collected as data, a line each ("target: reply")', { timeout: 120_000 }, async () => {
    for (const p of peers) await idle(p);
    const r = await run('fan-out');
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.trim().split('\n').sort();
    const want = (await Promise.all(peers.map(address))).map((a) => `${a}: ECHO: Which files did you change? Paths only.`).sort();
    expect(out).toEqual(want);
  });

  it(
    'wait-any, then approve-checked: the first to need the user is shown and left unanswered; then y on that very prompt',
    { timeout: 150_000 },
    async () => {
      for (const p of peers) await idle(p);
      const [one, two, three] = peers as [ClaudePeer, ClaudePeer, ClaudePeer];
      await typeInto(w.h.tmux.socketPath, one.paneId, 'please wait slow15', w.h.tmux.env);
      await typeInto(w.h.tmux.socketPath, three.paneId, 'please wait slow15', w.h.tmux.env);
      await typeInto(w.h.tmux.socketPath, two.paneId, 'please run bash now', w.h.tmux.env);
      const waited = await run('wait-any');
      expect(waited.code, waited.stderr).toBe(0);
      expect(waited.stdout).toContain(`peer:       ${await address(two)}`);
      expect(waited.stdout).toMatch(/state: +🔴 modal \(permission\), prompt bash/);
      expect(JSON.parse((await w.run(['status', two.paneId, '--json'])).stdout).state).toBe('modal'); // not answered

      const call = await eventually(() => lastToolUse(two.configDir), 10_000, 'the tool call');
      const approved = await run('approve-checked');
      expect(approved.code, approved.stderr).toBe(0);
      expect(approved.stdout).toContain('y picks: Yes');
      expect(approved.stdout).toContain(String(call.input.command));
      await eventually(() => existsSync(String(call.input.command).replace(/^touch /u, '')), 15_000, 'the approved command');
    },
  );
});
