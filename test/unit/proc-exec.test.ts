// A pane's process is first tmux's fork, then (exec) what it runs: /proc read between the two must not stick.
// A real child process, held before its exec by its standard input.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { linuxProc } from '../../src/peers/proc.js';
import { eventually } from '../support/run-cli.js';

let child: ReturnType<typeof spawn> | null = null;
afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
});

it('a process read before its exec is read again after it (argv and environment: same pid, same start, another program)', async () => {
  // sh waits for a line, then becomes `sleep 30` with another environment (as `exec env -i … claude` does).
  child = spawn('sh', ['-c', 'read go; exec env -i HOME=/after sleep 30'], {
    env: { PATH: process.env.PATH, HOME: '/before' },
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  const pid = child.pid!;
  const cmdline = () => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  await eventually(() => cmdline()[0] === 'sh', 5_000, 'sh running');
  expect(linuxProc.info!(pid)!.argv).toEqual(['sh', '-c', 'read go; exec env -i HOME=/after sleep 30']);
  expect(linuxProc.environ(pid)).toMatchObject({ HOME: '/before' });
  child.stdin!.write('go\n');
  await eventually(() => cmdline()[0] === 'sleep', 5_000, 'the exec');
  expect(linuxProc.info!(pid)).toMatchObject({ pid, argv: ['sleep', '30'] });
  expect(linuxProc.environ(pid)).toEqual({ HOME: '/after' });
});
