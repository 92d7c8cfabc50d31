// 2.1.3xx's sessions record names its pane (`tmux`: `<session>:@<window>.%<pane>`): discovery ties the
// peer to the pane from it, walking up from the recorded pid instead of down every thread of the pane's
// process tree, and only when the process is alive, is Claude Code, started when the record says and
// descends from the pane's process.
import { mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverPeers, NO_CLAUDE_RECHECK, parseTmuxField, type ClaudeProcess } from '../../src/peers/discover.js';
import type { ProcessInfo, ProcReader } from '../../src/peers/proc.js';
import { readJsonFile, type RecordCache } from '../../src/peers/session-record.js';
import type { PaneInfo } from '../../src/tmux/client.js';
import { TmuxClient } from '../../src/tmux/client.js';
import { FakeRunner } from '../support/fake-runner.js';

let configDir: string;
beforeEach(() => {
  configDir = mkdtempSync(join(tmpdir(), 'cdm-rec-'));
  mkdirSync(join(configDir, 'sessions'));
});
afterEach(() => rmSync(configDir, { recursive: true, force: true }));

const pane = (paneId: string, session: string, pid: number): PaneInfo => ({
  paneId,
  session,
  windowIndex: 0,
  paneIndex: 0,
  windowName: 'w',
  pid,
  title: '✳ Claude Code',
  currentPath: '/w',
  currentCommand: 'claude',
  width: 80,
  height: 24,
  inMode: false,
  dead: false,
  address: `${session}:0.0`,
});

/** Processes: a pane shell 100 with Claude 101 below it (started at tick 5000). Counts every read. */
function reader(procs: ProcessInfo[], kids: Record<number, number[]>) {
  const calls = { info: 0, children: 0, environ: 0 };
  const byPid = new Map(procs.map((p) => [p.pid, p]));
  const proc: ProcReader = {
    snapshot: () => byPid,
    environ: () => {
      calls.environ++;
      return { HOME: '/elsewhere' };
    },
    info: (pid) => {
      calls.info++;
      return byPid.get(pid) ?? null;
    },
    children: (pid) => {
      calls.children++;
      return kids[pid] ?? [];
    },
  };
  return { proc, calls };
}
const shell: ProcessInfo = { pid: 100, ppid: 1, argv: ['bash'], startedAtMs: 1, startTicks: '4000' };
const claude: ProcessInfo = { pid: 101, ppid: 100, argv: ['/usr/bin/claude'], startedAtMs: 2, startTicks: '5000' };
const record = (over: object = {}) => ({
  pid: 101,
  sessionId: 's1',
  cwd: '/w',
  status: 'idle',
  version: '2.1.332',
  tmux: 'main:@1.%4',
  procStart: '5000',
  ...over,
});
const writeRecord = (r: object, pid = 101) => writeFileSync(join(configDir, 'sessions', `${pid}.json`), JSON.stringify(r));

async function discover(panes: PaneInfo[], proc: ProcReader) {
  return discoverPeers({ tmux: new TmuxClient('/s', new FakeRunner([])), proc, home: '/home/x', configDir }, { panes });
}

describe('the sessions record names the pane', () => {
  it('parses session and pane id from the tmux field', () => {
    expect(parseTmuxField('p-permission:@4.%4')).toEqual({ session: 'p-permission', paneId: '%4' });
    expect(parseTmuxField('a:b:@12.%30')).toEqual({ session: 'a:b', paneId: '%30' });
    expect(parseTmuxField('main:1.0')).toBeNull();
    expect(parseTmuxField(42)).toBeNull();
  });

  it('ties the peer to its pane without walking down the process tree', async () => {
    writeRecord(record());
    const { proc, calls } = reader([shell, claude], { 100: [101] });
    const [peer] = await discover([pane('%4', 'main', 100)], proc);
    expect(peer).toMatchObject({
      claude: { pid: 101, configDir, configFrom: 'its sessions record (tmux field)' },
      session: { sessionId: 's1' },
    });
    expect(calls.children).toBe(0);
    expect(calls.environ).toBe(0);
    // Claude Code's own stat alone: its parent is the pane's process, which needs no read to be known as such.
    expect(calls.info).toBe(1);
  });

  it('reads the sessions folder only when a pane is walked: not for panes a walk made moments ago found', async () => {
    writeRecord(record());
    const { proc } = reader([shell, claude], { 100: [101] });
    const p = pane('%4', 'main', 100);
    const deps = (recordCache: RecordCache) => ({
      tmux: new TmuxClient('/s', new FakeRunner([])),
      proc,
      home: '/home/x',
      configDir,
      recordCache,
    });
    const read: RecordCache = new Map();
    const [found] = await discoverPeers(deps(read), { panes: [p] });
    expect(read.size).toBe(1);
    const notRead: RecordCache = new Map();
    const again = await discoverPeers(deps(notRead), { panes: [p], justFound: new Map([[p.paneId, found!]]) });
    expect(again).toEqual([found]);
    expect(notRead.size).toBe(0);
  });

  it('a reused pid (procStart differs) is not the recorded peer: the walk decides', async () => {
    writeRecord(record({ procStart: '4999' }));
    const { proc, calls } = reader([shell, claude], { 100: [101] });
    const [peer] = await discover([pane('%4', 'main', 100)], proc);
    expect(peer?.claude?.configFrom).toBe('HOME');
    expect(calls.children).toBeGreaterThan(0);
  });

  it('the same pane id on another server (another session, or not below this pane) is not taken', async () => {
    writeRecord(record({ tmux: 'other:@1.%4' }));
    const a = reader([shell, claude], { 100: [101] });
    expect((await discover([pane('%4', 'main', 100)], a.proc))[0]?.claude?.configFrom).toBe('HOME');

    writeRecord(record());
    const strangerShell: ProcessInfo = { pid: 200, ppid: 1, argv: ['bash'], startedAtMs: 1 };
    const b = reader([shell, claude, strangerShell], { 100: [101], 200: [] });
    expect(await discover([pane('%4', 'main', 200)], b.proc)).toEqual([]);
  });

  it('a record whose process is not Claude Code, or a 2.1.197 record without the field, falls back to the walk', async () => {
    writeRecord(record());
    const notClaude = { ...claude, argv: ['vim'] };
    const a = reader([shell, notClaude], { 100: [101] });
    expect(await discover([pane('%4', 'main', 100)], a.proc)).toEqual([]);

    const { tmux: _dropped, ...old } = record();
    writeRecord(old);
    const b = reader([shell, claude], { 100: [101] });
    const [peer] = await discover([pane('%4', 'main', 100)], b.proc);
    expect(peer?.claude).toMatchObject({ pid: 101, configFrom: 'HOME' });
    expect(b.calls.children).toBeGreaterThan(0);
  });
});

describe('the dashboard keeps what the walk found between ticks', () => {
  const tick = (proc: ProcReader, cache: Map<number, ClaudeProcess>) =>
    discoverPeers(
      { tmux: new TmuxClient('/s', new FakeRunner([])), proc, home: '/home/x', claudeCache: cache },
      { panes: [pane('%7', 'main', 100)] },
    );

  it('walks /proc and reads the environment once while the same Claude Code runs; again when it is a new process', async () => {
    const procs = [shell, claude];
    const { proc, calls } = reader(procs, { 100: [101] });
    const cache = new Map<number, ClaudeProcess>();
    expect((await tick(proc, cache))[0]?.claude).toMatchObject({ pid: 101, configFrom: 'HOME' });
    const first = { ...calls };
    expect(first.children).toBeGreaterThan(0);
    await tick(proc, cache);
    await tick(proc, cache);
    expect(calls.children).toBe(first.children); // no walk
    expect(calls.environ).toBe(first.environ); // no environment read
    // Claude Code exits and another process gets pid 101 (a later start): the walk runs again.
    procs[1] = { ...claude, startedAtMs: 99, argv: ['/usr/bin/claude', '--resume'] };
    const again = reader(procs, { 100: [101] });
    expect((await tick(again.proc, cache))[0]?.claude).toMatchObject({ pid: 101, startedAtMs: 99 });
    expect(again.calls.children).toBeGreaterThan(0);
    // Orphaned (no longer below the pane's process, whose pid a new shell took): not this pane's any more.
    const orphan = reader([shell, { ...procs[1]!, ppid: 1 }], {});
    expect(await tick(orphan.proc, cache)).toEqual([]);
    expect(cache.size).toBe(0);
    await tick(again.proc, cache);
    // Gone, with nothing below the pane: no peer, and nothing kept.
    const gone = reader([shell], {});
    expect(await tick(gone.proc, cache)).toEqual([]);
    expect(cache.size).toBe(0);
  });
});

describe('panes without Claude Code, between ticks', () => {
  it('are not walked again while their foreground command stays; again when it changes, and every NO_CLAUDE_RECHECK ticks', async () => {
    const noClaude = new Map<number, { command: string; skipped: number }>();
    const tick = (proc: ProcReader, command: string) =>
      discoverPeers(
        { tmux: new TmuxClient('/s', new FakeRunner([])), proc, home: '/home/x', noClaude },
        { panes: [{ ...pane('%7', 'main', 100), currentCommand: command }] },
      );
    const bare = reader([shell], {});
    expect(await tick(bare.proc, 'bash')).toEqual([]);
    const walked = bare.calls.info;
    expect(walked).toBeGreaterThan(0);
    for (let i = 0; i < NO_CLAUDE_RECHECK; i++) expect(await tick(bare.proc, 'bash')).toEqual([]);
    expect(bare.calls.info).toBe(walked);
    // Kept long enough: walked again.
    await tick(bare.proc, 'bash');
    expect(bare.calls.info).toBe(2 * walked);
    // Claude Code started in the shell: the foreground command changes, and it is found at once.
    const started = reader([shell, claude], { 100: [101] });
    const [peer] = await tick(started.proc, 'claude');
    expect(peer?.claude).toMatchObject({ pid: 101 });
    expect(noClaude.has(100)).toBe(false);
  });
});

describe('sessions records kept between ticks (readJsonFile with a cache)', () => {
  it('the same parse while the file is unchanged; read again after a rename over it or a write in place; gone is an error', () => {
    const path = join(configDir, 'sessions', '7.json');
    writeFileSync(path, JSON.stringify({ pid: 7, status: 'idle' }));
    const cache: RecordCache = new Map();
    const first = readJsonFile(path, cache);
    expect(first).toEqual({ pid: 7, status: 'idle' });
    expect(readJsonFile(path, cache)).toBe(first);
    // Claude Code's way: a new file renamed over the record (another inode), same size and all.
    writeFileSync(`${path}.tmp`, JSON.stringify({ pid: 7, status: 'busy' }));
    renameSync(`${path}.tmp`, path);
    const renamed = readJsonFile(path, cache);
    expect(renamed).toEqual({ pid: 7, status: 'busy' });
    // Rewritten in place, same length, mtime moved on.
    writeFileSync(path, JSON.stringify({ pid: 7, status: 'wait' }));
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect(readJsonFile(path, cache)).toEqual({ pid: 7, status: 'wait' });
    rmSync(path);
    expect(() => readJsonFile(path, cache)).toThrow();
    expect(cache.has(path)).toBe(false);
    // Without a cache: a fresh parse each time.
    writeFileSync(path, '{"pid":7}');
    expect(readJsonFile(path)).not.toBe(readJsonFile(path));
  });
});
