import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, auditLogPath } from '../../src/actions/audit.js';
import { boxMatches } from '../../src/actions/deliver.js';
import { acquireLock, EMPTY_LOCK_STALE_MS, lockIsStale, lockPath, LockTimeout } from '../../src/actions/lock.js';
import { processStamp } from '../../src/peers/process-stamp.js';
import { checkMessage } from '../../src/actions/message.js';
import { findModal, modalSubject } from '../../src/classify/screen.js';
import { loadCapture } from '../support/fixtures.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdm-act-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('checkMessage', () => {
  it.each([
    ['\x1b[201~', 0x1b],
    ['a\rb', 0x0d],
    ['nul\x00', 0x00],
    ['bell\x07', 0x07],
    ['del\x7f', 0x7f],
    ['c1\x9b', 0x9b],
  ])('refuses %j (control 0x%s) unless --raw', (text, code) => {
    expect(() => checkMessage(text, false)).toThrow(new RegExp(`0x${code.toString(16).padStart(2, '0')}`));
    expect(() => checkMessage(text, true)).not.toThrow();
  });
  it('accepts newlines, tabs, quotes, $ and unicode; refuses an empty message', () => {
    expect(() => checkMessage('a\n\tb "c" $d é 😀', false)).not.toThrow();
    expect(() => checkMessage('', false)).toThrow(/empty/);
  });
});

describe('boxMatches', () => {
  it('compares ignoring whitespace (wrapping, indents, tabs shown as spaces)', () => {
    expect(boxMatches('line one\nline two', 'line one\nline two')).toBe(true);
    expect(boxMatches('xxxx\nyyyy', 'xxxxyyyy')).toBe(true);
    expect(boxMatches('a    b', 'a\tb')).toBe(true);
    expect(boxMatches('human draft our message', 'our message')).toBe(false);
  });
  it("accepts Claude Code's placeholder for a long paste only with the right line count", () => {
    const thirty = Array.from({ length: 30 }, (_, i) => `row ${i}`).join('\n');
    expect(boxMatches('[Pasted text #1 +29 lines]', thirty)).toBe(true);
    expect(boxMatches('[Pasted text #1 +28 lines]', thirty)).toBe(false);
    expect(boxMatches('[Pasted text #2]', 'w'.repeat(5000))).toBe(true);
    expect(boxMatches('[Pasted text #2]', 'two\nlines')).toBe(false);
    expect(boxMatches('draft [Pasted text #1 +29 lines]', thirty)).toBe(false);
  });
});

describe('audit log', () => {
  it('defaults to ~/.claude/claude-dm.log, overridable by $CLAUDE_DM_AUDIT_LOG', () => {
    expect(auditLogPath({}, '/home/a')).toBe('/home/a/.claude/claude-dm.log');
    expect(auditLogPath({ CLAUDE_DM_AUDIT_LOG: '/x/log' }, '/home/a')).toBe('/x/log');
  });

  it('20 processes appending large lines at once never tear a line', async () => {
    const log = join(dir, 'audit.log');
    const moduleUrl = new URL('../../dist/src/actions/audit.js', import.meta.url).href;
    const script = `import(${JSON.stringify(moduleUrl)}).then(({ appendAudit }) => { for (let i = 0; i < 10; i++) appendAudit(process.argv[1], { verb: 'send', target: 't', pane_id: '%1', payload: process.argv[2].repeat(20000) + i, gate: { allowed: true, forced: false, reason: 'r', state: 'idle' }, outcome: 'delivered', caller_pane: null, socket: 's' }); })`;
    await Promise.all(
      Array.from(
        { length: 20 },
        (_, n) =>
          new Promise<void>((resolve, reject) => {
            const child = spawn(process.execPath, ['-e', script, log, String.fromCharCode(97 + n)], { stdio: 'inherit' });
            child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${n} exited ${code}`))));
          }),
      ),
    );
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(200);
    for (const line of lines) {
      const entry = JSON.parse(line) as { payload: string };
      expect(entry.payload).toMatch(/^([a-t])\1{19999}\d$/);
    }
  });

  it('appends one line per call with a timestamp', () => {
    const log = join(dir, 'sub', 'a.log');
    appendAudit(log, {
      verb: 'esc',
      target: 't',
      pane_id: '%1',
      payload: null,
      gate: { allowed: false, forced: false, reason: 'x', state: 'drafting' },
      outcome: 'refused',
      caller_pane: null,
      socket: 's',
    });
    expect(JSON.parse(readFileSync(log, 'utf8'))).toMatchObject({ verb: 'esc', outcome: 'refused', ts: expect.any(String) });
  });
});

describe('modalSubject', () => {
  it('the subject is what the modal asks, without options or key hints', () => {
    const bash = findModal(loadCapture('2.1.197__permission_bash__1').screen)!;
    expect(modalSubject(bash)).toEqual(['Bash command', 'touch /home/u1/touched-2', 'Touch a file', 'Do you want to proceed?']);
  });
});

describe('per-target lock', () => {
  it('is exclusive and released on release()', async () => {
    const path = lockPath(dir, '/sock', '%3');
    const first = await acquireLock(path, { timeoutMs: 100 });
    await expect(acquireLock(path, { timeoutMs: 100 })).rejects.toBeInstanceOf(LockTimeout);
    first.release();
    const second = await acquireLock(path, { timeoutMs: 100 });
    second.release();
    expect(existsSync(path)).toBe(false);
  });

  it('takes over at once from an owner that died without releasing', async () => {
    const path = lockPath(dir, '/sock', '%3');
    // A process that has exited: its pid is no longer running.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(path, `${dead.stdout} 12345`);
    // The stale lock never frees by itself: getting it within the timeout means it was taken over.
    const lock = await acquireLock(path, { timeoutMs: 300 });
    expect(readFileSync(path, 'utf8')).toBe(processStamp(process.pid));
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('takes over an empty lock left by a crash between create and write, but not one being written now', async () => {
    const path = lockPath(dir, '/sock', '%4');
    writeFileSync(path, '');
    // Fresh: its owner is writing its stamp this instant.
    await expect(acquireLock(path, { timeoutMs: 200 })).rejects.toBeInstanceOf(LockTimeout);
    const old = (Date.now() - EMPTY_LOCK_STALE_MS - 1_000) / 1000;
    utimesSync(path, old, old);
    const lock = await acquireLock(path, { timeoutMs: 300 });
    expect(readFileSync(path, 'utf8')).toBe(processStamp(process.pid));
    lock.release();
  });

  it('a takeover that moved aside a lock someone else took over meanwhile puts it back, and waits for it', async () => {
    const path = lockPath(dir, '/sock', '%5');
    const stale = '999999999 1';
    const theirs = '888888888 2';
    writeFileSync(path, stale);
    let raced = 0;
    // Called once the stale stamp is read, before it is moved aside: another claude-dm takes over
    // first, and its own lock (alive) now stands where the stale one was.
    const alive = (stamp: string) => {
      if (stamp !== stale) return true;
      raced++;
      unlinkSync(path);
      writeFileSync(path, theirs);
      return false;
    };
    // Without the put-back the path would be free and this would take the lock beside theirs.
    await expect(acquireLock(path, { timeoutMs: 200, alive })).rejects.toBeInstanceOf(LockTimeout);
    expect(raced).toBe(1);
    expect(readFileSync(path, 'utf8')).toBe(theirs);
    // Nothing moved aside is left behind.
    expect(readdirSync(dir)).toEqual([basename(path)]);
  });

  it('lockIsStale: an empty lock by its age, a stamped one by its owner', () => {
    const now = 1_000_000;
    expect(lockIsStale('', now - EMPTY_LOCK_STALE_MS + 1, now)).toBe(false);
    expect(lockIsStale('', now - EMPTY_LOCK_STALE_MS - 1, now)).toBe(true);
    expect(lockIsStale('12 34', 0, now, () => true)).toBe(false); // alive, however old
    expect(lockIsStale('12 34', now, now, () => false)).toBe(true); // dead, however new
  });

  it('waits for a live owner in another process, then gets the lock', async () => {
    const path = lockPath(dir, '/sock', '%9');
    const moduleUrl = new URL('../../dist/src/actions/lock.js', import.meta.url).href;
    const done = join(dir, 'holder-done');
    // The holder marks that it is about to exit (its lock is released at exit).
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `import(${JSON.stringify(moduleUrl)}).then(async ({ acquireLock }) => { await acquireLock(process.argv[1], { timeoutMs: 1000 }); console.log('held'); setTimeout(() => { require('node:fs').writeFileSync(process.argv[2], ''); process.exit(0); }, 600); })`,
        path,
        done,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout!.on('data', () => resolve()));
    await expect(acquireLock(path, { timeoutMs: 100 })).rejects.toBeInstanceOf(LockTimeout);
    const lock = await acquireLock(path, { timeoutMs: 5000 });
    expect(existsSync(done)).toBe(true);
    lock.release();
  });

  it('names a lock per socket and pane', () => {
    expect(lockPath(dir, '/a', '%1')).not.toBe(lockPath(dir, '/b', '%1'));
    expect(lockPath(dir, '/a', '%1')).toMatch(/-1\.lock$/);
  });
});
