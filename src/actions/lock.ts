// One writer per target at a time. A lock is a file created with O_EXCL holding the
// owner's pid and process start time; it is removed on release and at exit, and a lock
// whose owner is gone (crashed, killed) is taken over at once. So is an empty one older than
// EMPTY_LOCK_STALE_MS: its owner died between creating it and writing its stamp.
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { nodeCrypto } from '../util/lazy-crypto.js';
import { processStamp, stampAlive } from '../peers/process-stamp.js';

export function lockDir(env: NodeJS.ProcessEnv, uid: number): string {
  return env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'claude-dm', 'locks') : join(`/tmp/claude-dm-${uid}`, 'locks');
}

export function lockPath(dir: string, socketPath: string, paneId: string): string {
  const socket = nodeCrypto().createHash('sha1').update(socketPath).digest('hex').slice(0, 12);
  return join(dir, `${socket}-${paneId.replace(/[^0-9A-Za-z]/g, '')}.lock`);
}

const myStamp = () => processStamp(process.pid);
const ownerAlive = stampAlive;

/**
 * An empty lock is one being written this instant (create, then write: microseconds apart),
 * unless it is older than this: then its owner crashed in between, and without this rule
 * that peer would refuse every write for good (each one timing out after 30 s).
 */
export const EMPTY_LOCK_STALE_MS = 2_000;

/** Whether a lock file holding `stamp`, last written at mtimeMs, may be taken over at `now`. */
export function lockIsStale(stamp: string, mtimeMs: number, now: number, alive: (stamp: string) => boolean = ownerAlive): boolean {
  if (stamp === '') return now - mtimeMs > EMPTY_LOCK_STALE_MS;
  return !alive(stamp);
}

export interface Lock {
  release(): void;
}

export class LockTimeout extends Error {}

/**
 * pollMs: how often to try again while another holds it (default 15–35 ms, for writes that wait briefly).
 * alive: whether a lock's owner still runs (its pid and start time in /proc); a test stands in for it to
 * act at the moment a takeover has read a stale lock and is about to move it.
 */
export async function acquireLock(
  path: string,
  opts: { timeoutMs: number; signal?: AbortSignal; pollMs?: number; alive?: (stamp: string) => boolean },
): Promise<Lock> {
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      const stamp = myStamp();
      writeSync(fd, stamp);
      closeSync(fd);
      return makeLock(path, stamp);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    takeOverIfStale(path, opts.alive ?? ownerAlive);
    if (Date.now() > deadline || opts.signal?.aborted) throw new LockTimeout(`another claude-dm is writing to this peer (lock ${path})`);
    await sleep(opts.pollMs ?? 15 + Math.random() * 20);
  }
}

function takeOverIfStale(path: string, alive: (stamp: string) => boolean): void {
  let stamp: string;
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
    stamp = readFileSync(path, 'utf8');
  } catch {
    return; // released meanwhile
  }
  if (!lockIsStale(stamp, mtimeMs, Date.now(), alive)) return;
  // Move it aside atomically; if what we moved is not the stale lock we read (someone
  // took over in between), put it back.
  const aside = `${path}.stale-${process.pid}-${nodeCrypto().randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  try {
    if (readFileSync(aside, 'utf8') !== stamp) linkSync(aside, path);
  } catch {
    // a new lock already stands at path: it wins
  }
  try {
    unlinkSync(aside);
  } catch {
    // gone already
  }
}

function makeLock(path: string, stamp: string): Lock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    try {
      if (readFileSync(path, 'utf8') === stamp) unlinkSync(path);
    } catch {
      // already gone
    }
  };
  process.on('exit', release);
  return { release };
}
