// Has the reader of our standard output gone? A stream that writes only when something happens
// (`claude-dm watch | head -1`) learns of a closed pipe only at its next write, which may be hours
// away on a quiet roster. On Linux the pipe can be asked without writing: some process holds its read
// end open, or none does. The reader found is remembered, so each look is a few readlinks of one
// process; only when it lets go is /proc scanned again. Where /proc cannot tell (another OS, a
// process we may not look into), the answer is "still there": a reader is never given up on a guess.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const O_ACCMODE = 0o3;
const O_WRONLY = 0o1;

/** `pipe:[123]` for a pipe, else null (a terminal, a file, a socket: nothing to watch). */
export function pipeOf(fdPath: string): string | null {
  try {
    const link = readlinkSync(fdPath);
    return /^pipe:\[\d+\]$/u.test(link) ? link : null;
  } catch {
    return null;
  }
}

/** Whether `pid` holds `pipe` open for reading; null when we may not look. */
function holdsForReading(pid: string, pipe: string): boolean | null {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ESRCH' ? false : null;
  }
  for (const fd of fds) {
    let link: string;
    try {
      link = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    if (link !== pipe) continue;
    try {
      const flags = /^flags:\s+([0-7]+)$/mu.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'))?.[1];
      if (flags === undefined || (Number.parseInt(flags, 8) & O_ACCMODE) !== O_WRONLY) return true;
    } catch {
      return null;
    }
  }
  return false;
}

/**
 * Calls `onGone` once no process holds the pipe behind `fd` open for reading. Returns a stop function.
 * A no-op unless `fd` is a pipe and /proc can be read.
 */
export function whenReaderGoes(onGone: () => void, opts: { fd?: number; intervalMs?: number } = {}): () => void {
  const self = String(process.pid);
  const pipe = pipeOf(`/proc/self/fd/${opts.fd ?? 1}`);
  if (pipe === null) return () => undefined;
  let reader: string | null = null;
  const look = (): 'there' | 'gone' | 'unknown' => {
    if (reader !== null && holdsForReading(reader, pipe) !== false) return 'there';
    reader = null;
    let pids: string[];
    try {
      pids = readdirSync('/proc').filter((d) => /^\d+$/u.test(d) && d !== self);
    } catch {
      return 'unknown';
    }
    let unsure = false;
    for (const pid of pids) {
      const holds = holdsForReading(pid, pipe);
      if (holds === true) {
        reader = pid;
        return 'there';
      }
      if (holds === null) unsure = true;
    }
    return unsure ? 'unknown' : 'gone';
  };
  const timer = setInterval(() => {
    if (look() !== 'gone') return;
    clearInterval(timer);
    onGone();
  }, opts.intervalMs ?? 1000);
  timer.unref();
  return () => clearInterval(timer);
}
