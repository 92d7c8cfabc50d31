// A process named by its pid and its start time (field 22 of /proc/PID/stat), so that a pid the kernel gave
// to another process since is not taken for it: the owner of a lock, the hook behind a permission request.
import { processStat } from './proc.js';

/** The process's start time in clock ticks since boot, null when it is gone (or not ours to read). */
export const startTime = (pid: number): string | null => processStat(pid)?.start || null;

/** Its parent's pid (field 4), null when it cannot be read or is init. */
export function parentOf(pid: number): number | null {
  const ppid = Number(processStat(pid)?.ppid);
  return Number.isInteger(ppid) && ppid > 1 ? ppid : null;
}

/** `pid start-time` (`?` for a start time that could not be read). */
export const processStamp = (pid: number): string => `${pid} ${startTime(pid) ?? '?'}`;

/** The process a stamp names still runs: the same pid with the same start time. */
export function stampAlive(stamp: string): boolean {
  const [pid, start] = stamp.trim().split(' ');
  if (!pid || !/^\d+$/u.test(pid)) return false;
  const now = startTime(Number(pid));
  return now !== null && (start === '?' || now === start);
}
