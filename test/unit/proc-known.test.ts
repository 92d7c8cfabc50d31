// A process known to be Claude Code by its image (read in an earlier run) is not read again while it is the
// same image; another start time (a reused pid) is read as any process is; the images given back for the next
// run are the processes' current ones.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { KNOWN_CLAUDE_ARGV, linuxProc, statCore, statFields } from '../../src/peers/proc.js';
import { eventually } from '../support/run-cli.js';

let child: ChildProcess | null = null;
afterEach(() => {
  if (child?.pid) process.kill(child.pid);
  child = null;
});

/** A process's image, as discovery names it: pid, start ticks (stat field 22), comm. */
function imageOf(pid: number, startTicks?: string): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return `${pid}:${startTicks ?? fields[19]}:${comm}`;
}

/** A `sleep` of our own, once it runs sleep (its comm no longer node's). */
async function sleeper(): Promise<number> {
  child = spawn('sleep', ['60'], { stdio: 'ignore' });
  const pid = child.pid!;
  await eventually(() => imageOf(pid).endsWith(':sleep'), 5000, 'the sleep to exec');
  return pid;
}

describe('processes known to be Claude Code', () => {
  it('the same image is taken as known without reading its command line, and given back for the next run', async () => {
    const pid = await sleeper();
    const image = imageOf(pid);
    linuxProc.knownClaude!(['not an image', image]);
    expect(linuxProc.info!(pid)!.argv).toEqual(KNOWN_CLAUDE_ARGV);
    expect(linuxProc.claudeImages!(new Set([pid]))).toEqual([image]);
  });

  it('an image of another start is another process: its command line is read, and it is not given back', async () => {
    const pid = await sleeper();
    linuxProc.knownClaude!([imageOf(pid, '1')]);
    expect(linuxProc.info!(pid)!.argv).toEqual(['sleep', '60']);
    expect(linuxProc.claudeImages!(new Set([pid]))).toEqual([]);
  });
});

describe('statCore: comm, ppid and starttime of /proc/<pid>/stat, found in place', () => {
  const tail = Array.from({ length: 50 }, (_, i) => String(i + 100)).join(' ');
  it('reads what statFields splits out, whatever comm holds', () => {
    for (const comm of ['node', 'a b', 'x) (y', ') 1 2 3 (', '']) {
      const stat = `4242 (${comm}) S 77 ${tail}\n`;
      expect(statCore(stat)).toEqual({ comm, ppid: '77', start: '117' });
    }
    // This very process, both ways.
    const own = readFileSync(`/proc/${process.pid}/stat`, 'utf8');
    expect(statCore(own).ppid).toBe(statFields(process.pid)![1]);
    expect(statCore(own).start).toBe(statFields(process.pid)![19]);
  });

  it('a stat cut short gives what it has and empty fields after', () => {
    expect(statCore('9 (sh) S 1 2 3')).toEqual({ comm: 'sh', ppid: '1', start: '' });
    expect(statCore('9 (sh)')).toEqual({ comm: 'sh', ppid: '', start: '' });
    expect(statCore('9 (sh) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19')).toEqual({ comm: 'sh', ppid: '1', start: '19' });
  });
});
