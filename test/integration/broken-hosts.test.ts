// Far hosts that speak the protocol wrongly, beside a good one: `list`, `watch` and `wait --any` run as a
// user runs them (the built CLI in its own process) keep this machine's and the good host's peers, say one
// line per bad host, and stay small. The bad hosts are plain sh scripts (test/support/scripted-agent.ts):
// rows not a list, rows whose fields have the wrong types, events not a list, results for ids nobody
// asked, and one line of 400 MB with no newline. The good host is a real agent over a plain command
// transport, with a synthetic peer drawing a real 2.1.332 screen.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { farHost, type FarHost } from '../support/far-host.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { REPO_ROOT } from '../support/repo-root.js';
import { cli, eventually } from '../support/run-cli.js';
import { followRss, line, runsOf, sampleRow, scriptedAgent } from '../support/scripted-agent.js';
import { syntheticPeerReading, type SyntheticPeer } from '../support/synthetic-peers.js';

const BIN = join(REPO_ROOT, 'dist', 'claude-dm.cjs');
/** The bound: a broken host must not grow this machine's claude-dm past it. */
const RSS_LIMIT_MIB = 150;

let here: PrivateTmux;
let good: FarHost;
let goodPeer: SyntheticPeer;
let dir: string;
const running: Array<{ kill: () => void }> = [];

/** Each bad host and the one line it is said in. */
const BAD: Record<string, string> = {
  rowsbad: 'protocol error: rows is not a list',
  fieldsbad: 'protocol error: rows[0].windowIndex is not a number',
  eventsbad: 'protocol error: events is not a list',
  endless: 'protocol error: a line over 4 MiB',
};
let hostArgs: string[];

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error('run `npm run build` first (npm test does)');
  here = startPrivateTmux();
  good = farHost('good');
  dir = mkdtempSync(join(tmpdir(), 'cdm-broken-hosts-'));
  await syntheticPeerReading(here, 'mine', { capture: '2.1.332__default__idle' }, 'idle');
  goodPeer = await syntheticPeerReading(good.tmux, 'api', { capture: '2.1.332__default__busy' }, 'busy');
  const wrongFields = { ...sampleRow(), title: 42, name: { an: 'object' }, windowIndex: 'one' };
  const listPeer = {
    address: 'main:1.0',
    pane_id: '%1',
    self: false,
    state: 'idle',
    subtype: null,
    prompt: null,
    prompt_id: null,
    reason: 'idle prompt',
    title: '✳ answered',
    cwd: '/srv',
    pid: null,
    session_id: null,
    version: null,
    version_support: 'unknown',
    transcript: null,
    last_write_ms_ago: null,
    host: 'local',
  };
  const stray = line({
    t: 'result',
    id: 'nobody-asked',
    code: 0,
    stdout: JSON.stringify({ peers: [{ ...listPeer, address: 'stray:9.9' }] }),
    stderr: '',
  });
  const transports: Record<string, string> = {
    rowsbad: scriptedAgent(dir, 'rowsbad', { repeat: ['{"t":"rows","at":1,"rows":"not-a-list","error":null}'] }),
    fieldsbad: scriptedAgent(dir, 'fieldsbad', { repeat: [JSON.stringify({ t: 'rows', at: 1, rows: [wrongFields], error: null })] }),
    eventsbad: scriptedAgent(dir, 'eventsbad', { repeat: ['{"t":"events","events":"not-a-list"}'] }),
    endless: scriptedAgent(dir, 'endless', { then: "head -c 400000000 /dev/zero | tr '\\0' a" }),
    // Up, and answering: its stray results are never taken for the answer.
    stray: scriptedAgent(dir, 'stray', {
      once: [stray],
      repeat: [stray],
      answer: { code: 0, stdout: JSON.stringify({ peers: [listPeer] }) },
    }),
  };
  hostArgs = ['--host', `good=${good.transport}`, ...Object.entries(transports).flatMap(([name, t]) => ['--host', `${name}=${t}`])];
}, 90_000);
afterEach(() => {
  for (const r of running.splice(0)) r.kill();
});

/** The good host's peer shows `capture`, and its own status reads it as `state`. */
async function goodPeerShows(capture: string, state: string): Promise<void> {
  goodPeer.set({ capture });
  await eventually(
    async () =>
      (JSON.parse((await cli(good.tmux, ['status', goodPeer.paneId, '--json'])).stdout || '{}') as { state?: string }).state === state,
    15_000,
    `the good peer ${state}`,
  );
}
afterAll(() => {
  here?.kill();
  good?.tmux.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The built CLI in its own process: its output as it comes, its peak memory followed. */
function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, '--socket', here.socketPath, ...args], {
    env: { ...here.env, XDG_RUNTIME_DIR: here.dir, CLAUDE_DM_AUDIT_LOG: join(here.dir, 'audit.log') },
  });
  const rss = followRss(child.pid!);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      rss.stop();
      resolve(code);
    }),
  );
  running.push({ kill: () => (child.exitCode === null ? child.kill('SIGKILL') : undefined) });
  return { child, exited, rss, stdout: () => stdout, errLines: () => stderr.split('\n').filter(Boolean) };
}

/** From now, each bad host's transport started again after its first fall (its down said once, not once a try). */
function retriedFromNow(): () => boolean {
  const before = Object.fromEntries(Object.keys(BAD).map((n) => [n, runsOf(dir, n)]));
  return () => Object.keys(BAD).every((n) => runsOf(dir, n) >= before[n]! + 2);
}

/** Exactly one line on stderr for each bad host, the one `says` gives (`tail`: what may follow the reason). */
function expectOneLineEach(lines: string[], says: (name: string, reason: string) => string, tail = '') {
  for (const [name, reason] of Object.entries(BAD)) {
    const told = lines.filter((l) => l.startsWith(`claude-dm: ${name}:`));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(new RegExp(`^${escape(says(name, reason))}${tail}$`, 'u'));
  }
}

describe('bad hosts beside a good one', () => {
  it(
    'list: the good peers printed, one line per bad host, stray results not taken, exit 1, under 150 MB',
    { timeout: 120_000 },
    async () => {
      const r = run(['list', '--json', ...hostArgs]);
      const code = await r.exited;
      console.log(`list across 4 bad hosts, a stray one and a good one: peak RSS ${r.rss.peak().toFixed(1)} MiB`);
      expect(code).toBe(1);
      const body = JSON.parse(r.stdout()) as {
        peers: Array<{ address: string; state: string }>;
        hosts: Array<{ name: string; up: boolean }>;
      };
      expect(body.peers.map((p) => [p.address, p.state])).toEqual([
        ['main:1.0', 'idle'],
        ['good:main:1.0', 'busy'],
        ['stray:main:1.0', 'idle'],
      ]);
      expect(body.hosts.filter((h) => !h.up).map((h) => h.name)).toEqual(Object.keys(BAD));
      expectOneLineEach(r.errLines(), (name, reason) => `claude-dm: ${name}: ${reason}`);
      expect(r.errLines()).toHaveLength(Object.keys(BAD).length);
      expect(r.rss.peak()).toBeGreaterThan(0);
      expect(r.rss.peak()).toBeLessThan(RSS_LIMIT_MIB);
    },
  );

  it(
    "watch: this machine's and the good host's peers stream on; each bad host is one line however often it is retried",
    { timeout: 120_000 },
    async () => {
      const retried = retriedFromNow();
      const r = run(['watch', '--json', ...hostArgs]);
      const events = () =>
        r
          .stdout()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { event: string; target: string });
      await eventually(
        () => ['main:1.0', 'good:main:1.0'].every((t) => events().some((e) => e.event === 'snapshot' && e.target === t)),
        60_000,
        "this machine's and the good host's snapshots",
      );
      await eventually(retried, 60_000, 'every bad host tried again');
      // The good host still streams: its peer's prompt arrives as an event.
      await goodPeerShows('2.1.332__default__permission_bash2', 'modal');
      await eventually(() => events().some((e) => e.event === 'prompt' && e.target === 'good:main:1.0'), 30_000, "the good host's prompt");
      expectOneLineEach(r.errLines(), (name, reason) => `claude-dm: ${name}: down: ${reason}`, ' \\(again in \\d+ s\\)');
      expect(events().filter((e) => e.target.startsWith('stray:'))).toEqual([]);
      r.child.kill('SIGINT');
      expect(await r.exited).toBe(0);
      console.log(`watch across 4 bad hosts, a stray one and a good one: peak RSS ${r.rss.peak().toFixed(1)} MiB`);
      expect(r.rss.peak()).toBeLessThan(RSS_LIMIT_MIB);
    },
  );

  it('wait --any: the good peer that opens a prompt ends it; each bad host is one line', { timeout: 120_000 }, async () => {
    await goodPeerShows('2.1.332__default__busy', 'busy');
    const targets = ['good:main:1.0', ...Object.keys(BAD).map((n) => `${n}:main:1.0`)];
    const retried = retriedFromNow();
    const r = run(['wait', '--any', ...targets, '--timeout', '100', ...hostArgs]);
    await eventually(retried, 60_000, 'every bad host tried again');
    goodPeer.set({ capture: '2.1.332__default__permission_bash2' });
    expect(await r.exited).toBe(0);
    console.log(`wait --any across 4 bad hosts and a good one: peak RSS ${r.rss.peak().toFixed(1)} MiB`);
    expect(r.stdout().trim()).toBe('good:main:1.0 MODAL');
    // The same line as watch's and the dashboard's (downText): wait's links are tried again too.
    expectOneLineEach(r.errLines(), (name, reason) => `claude-dm: ${name}: down: ${reason}`, ' \\(again in \\d+ s\\)');
    expect(r.rss.peak()).toBeLessThan(RSS_LIMIT_MIB);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
