// `self` jobs on one pane run one at a time, each whole (its command, then its
// notification), and one command is not queued twice. Each job is a file
// <queue>/<pid>.json naming its worker; a job whose worker is gone does not count.
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processStamp, stampAlive } from '../peers/process-stamp.js';
import { lockDir, lockPath } from './lock.js';

export function selfQueueDir(env: NodeJS.ProcessEnv, socketPath: string, paneId: string): string {
  return lockPath(lockDir(env, process.getuid?.() ?? 0), socketPath, paneId).replace(/\.lock$/, '.self');
}

/** Held by the running job for its whole life; the next job waits for it. */
export const selfTurnLock = (queue: string) => join(queue, 'turn.lock');

export interface QueuedSelf {
  pid: number;
  command: string;
}

export function queuedSelf(queue: string): QueuedSelf[] {
  let names: string[];
  try {
    names = readdirSync(queue).filter((n) => /^\d+\.json$/.test(n));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    try {
      const job = JSON.parse(readFileSync(join(queue, name), 'utf8')) as { stamp: string; command: string };
      if (stampAlive(job.stamp)) return [{ pid: Number(name.slice(0, -5)), command: job.command }];
      unlinkSync(join(queue, name));
    } catch {
      // half-written or removed meanwhile
    }
    return [];
  });
}

export function enqueueSelf(queue: string, pid: number, command: string): void {
  mkdirSync(queue, { recursive: true, mode: 0o700 });
  writeFileSync(join(queue, `${pid}.json`), JSON.stringify({ stamp: processStamp(pid), command }), { mode: 0o600 });
}

export function dequeueSelf(queue: string, pid: number): void {
  try {
    unlinkSync(join(queue, `${pid}.json`));
  } catch {
    // not there
  }
}
