import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { processRunner } from '../../src/tmux/runner.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdm-runner-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Blocks this thread (no event loop turn) until `path` exists or the deadline passes: whether it appeared. */
function appearsWhileBlocked(path: string, deadlineMs: number): boolean {
  const tick = new Int32Array(new SharedArrayBuffer(4));
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (existsSync(path)) return true;
    Atomics.wait(tick, 0, 0, 10);
  }
  return false;
}

const READ_ALL_THEN_MARK = 'wc -c; : > "$1"';
const BLOCKED_DEADLINE_MS = 15_000;

it('input from a file reaches its end while the caller is busy in synchronous work (a pipe waits for our event loop)', async () => {
  const marker = join(dir, 'read-all');
  const running = processRunner.run('sh', ['-c', READ_ALL_THEN_MARK, 'sh', marker], { input: 'capture-pane\n', inputFromFile: true });
  expect(appearsWhileBlocked(marker, BLOCKED_DEADLINE_MS)).toBe(true);
  expect((await running).stdout.trim()).toBe('13');
});

it('input from a file arrives whole past a pipe’s buffer, and leaves no file behind in the temp folder', async () => {
  const before = readdirSync(tmpdir()).filter((n) => n.startsWith(`claude-dm-input-${process.pid}-`));
  const big = 'x'.repeat(300_000);
  const r = await processRunner.run('sh', ['-c', READ_ALL_THEN_MARK, 'sh', join(dir, 'm')], { input: big, inputFromFile: true });
  expect(r.stdout.trim()).toBe('300000');
  expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`claude-dm-input-${process.pid}-`))).toEqual(before);
});

it('input without inputFromFile still goes down a pipe, whole', async () => {
  const r = await processRunner.run('sh', ['-c', READ_ALL_THEN_MARK, 'sh', join(dir, 'm')], { input: 'y'.repeat(100_000) });
  expect(r.stdout.trim()).toBe('100000');
});

it('hands standard output over as it comes, before the process ends, and still gives all of it at the end', async () => {
  const go = join(dir, 'go');
  // Prints a line, then waits for `go` (made only once the line has been handed over), then prints another.
  const script = 'echo first; while [ ! -e "$1" ]; do sleep 0.05; done; echo second';
  let ended = false;
  let seen = '';
  let firstSeen: () => void = () => undefined;
  const first = new Promise<void>((r) => (firstSeen = r));
  const running = processRunner
    .run('sh', ['-c', script, 'sh', go], {
      onStdout: (chunk) => {
        seen += chunk.toString();
        if (seen.includes('first\n')) firstSeen();
      },
    })
    .then((r) => {
      ended = true;
      return r;
    });
  await first;
  expect(ended).toBe(false);
  writeFileSync(go, '');
  expect((await running).stdout).toBe('first\nsecond\n');
  expect(seen).toBe('first\nsecond\n');
});

it('standard error discarded: nothing read of it, standard output whole', async () => {
  const r = await processRunner.run('sh', ['-c', 'echo out; echo err >&2'], { discardStderr: true });
  expect(r.stdout).toBe('out\n');
  expect(r.stderr).toBe('');
  const kept = await processRunner.run('sh', ['-c', 'echo out; echo err >&2']);
  expect(kept.stderr).toBe('err\n');
});
