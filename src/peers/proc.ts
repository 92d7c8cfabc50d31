// What we need from /proc, behind an interface so discovery is testable without it.
import { readFileSync, readdirSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  argv: string[];
  /** Process start, ms since epoch (from /proc/<pid>/stat and btime). */
  startedAtMs: number | null;
  /** Process start in clock ticks since boot, as /proc/<pid>/stat gives it (2.1.3xx records it as `procStart`). */
  startTicks?: string;
}

export interface ProcReader {
  /** A snapshot of all processes (the slow path, for readers without `children`). */
  snapshot(): Map<number, ProcessInfo>;
  /** The process's HOME and CLAUDE_CONFIG_DIR (ENVIRON_WANTED); null when unreadable. */
  environ(pid: number): Record<string, string> | null;
  /** Fast path: one process, and its children (of every thread). */
  info?(pid: number): ProcessInfo | null;
  children?(pid: number): number[];
  /** The images (`pid:start:comm`) of these processes read as Claude Code: kept by a caller between runs (`list`). */
  claudeImages?(pids: ReadonlySet<number>): string[];
  /**
   * Images read as Claude Code before (claudeImages'): their argv is not read again while the image is the same
   * (exec changes comm, a reused pid its start); info() gives KNOWN_CLAUDE_ARGV for it, the verdict alone.
   */
  knownClaude?(images: readonly string[]): void;
}

/** The argv info() gives a process known to be Claude Code by its image: what isClaudeProcess reads, not its command line. */
export const KNOWN_CLAUDE_ARGV: readonly string[] = ['claude'];

/** An image as imageOf makes it. */
const IMAGE = /^\d{1,10}:\d{1,20}:/u;

const CLOCK_TICKS = 100; // USER_HZ on Linux

let bootMemo: number | null | undefined;
/** Boot time does not change while we run: read /proc/stat once. */
function bootTimeMs(): number | null {
  if (bootMemo !== undefined) return bootMemo;
  bootMemo = readBootTime();
  return bootMemo;
}

function readBootTime(): number | null {
  try {
    const m = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    return m ? Number(m[1]) * 1000 : null;
  } catch {
    return null;
  }
}

/** Fields after `comm` that anyone reads (starttime is the 20th): the other ~30 are not split out. */
const STAT_FIELDS_READ = 20;

/** /proc/<pid>/stat's text; null when the process is gone (or not ours to read). */
function readStat(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
}

/** The first fields after `comm` in /proc/<pid>/stat (comm may hold spaces and parens); null when it is gone. */
export function statFields(pid: number): string[] | null {
  const stat = readStat(pid);
  return stat === null ? null : stat.slice(stat.lastIndexOf(')') + 2).split(' ', STAT_FIELDS_READ);
}

/** What info() reads of a process's stat: comm (the executable's name, which exec changes), ppid and starttime. */
interface StatCore {
  comm: string;
  ppid: string;
  start: string;
}

/**
 * comm, and the 2nd and 20th fields after it, found in place: statFields' split made 20 strings and an array for
 * the two (~1.7 KB a call; `list` at 100 panes makes ~200 calls, a tenth of its young generation). A stat with
 * fewer fields gives '' for those missing.
 */
export function statCore(stat: string): StatCore {
  const close = stat.lastIndexOf(')');
  let from = close + 2;
  let ppid = '';
  let start = '';
  for (let field = 0; field <= 19 && from > 0 && from <= stat.length; field++) {
    const space = stat.indexOf(' ', from);
    const end = space < 0 ? stat.length : space;
    if (field === 1) ppid = stat.slice(from, end);
    else if (field === 19) start = stat.slice(from, end);
    from = end + 1;
  }
  return { comm: stat.slice(stat.indexOf('(') + 1, close), ppid, start };
}

/** comm, ppid and starttime of a process; null when it is gone (or not ours to read). */
export function processStat(pid: number): StatCore | null {
  const stat = readStat(pid);
  return stat === null ? null : statCore(stat);
}

// argv and environ change only at exec: read once per process image. The key is pid + start time
// (a reused pid is never mistaken for the old process) + comm, which exec changes: a pane's process
// looked at between tmux's fork and its exec (argv still tmux's) is read again once it runs Claude Code.
const argvMemo = new Map<string, string[]>();
const environMemo = new Map<string, Record<string, string> | null>();
const MEMO_LIMIT = 4096;

function remember<T>(memo: Map<string, T>, key: string, read: () => T): T {
  if (memo.has(key)) return memo.get(key)!;
  const value = read();
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

// The process image info() just read (start time and comm), so environ() right after it need not read stat again.
const imageSeen = new Map<number, string>();
const imageOf = (pid: number, s: StatCore) => `${pid}:${s.start}:${s.comm}`;
/** Each process's image as info() last read it (claudeImages gives these, never an older one of the same pid). */
const lastImage = new Map<number, string>();

export const linuxProc: ProcReader = {
  info(pid) {
    const stat = processStat(pid);
    if (!stat) return null;
    const image = imageOf(pid, stat);
    if (imageSeen.size >= MEMO_LIMIT) imageSeen.clear();
    imageSeen.set(pid, image);
    if (lastImage.size >= MEMO_LIMIT) lastImage.clear();
    lastImage.set(pid, image);
    const boot = bootTimeMs();
    const ticks = Number(stat.start);
    const argv = remember(argvMemo, image, () => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
          .split('\0')
          .filter((a) => a !== '');
      } catch {
        return [];
      }
    });
    return {
      pid,
      ppid: Number(stat.ppid),
      argv,
      startedAtMs: boot !== null ? boot + (ticks * 1000) / CLOCK_TICKS : null,
      startTicks: stat.start,
    };
  },
  children(pid) {
    const out: number[] = [];
    let threads: string[];
    try {
      threads = readdirSync(`/proc/${pid}/task`);
    } catch {
      return out;
    }
    for (const tid of threads) {
      try {
        for (const c of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) if (c.trim()) out.push(Number(c));
      } catch {
        // thread gone
      }
    }
    return out;
  },
  snapshot() {
    const out = new Map<number, ProcessInfo>();
    const boot = bootTimeMs();
    let entries: string[];
    try {
      entries = readdirSync('/proc');
    } catch {
      return out;
    }
    for (const e of entries) {
      if (!/^\d+$/.test(e)) continue;
      const pid = Number(e);
      const stat = processStat(pid);
      if (!stat) continue; // exited meanwhile, or not ours to read
      try {
        const ppid = Number(stat.ppid);
        const ticks = Number(stat.start);
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
          .split('\0')
          .filter((a) => a !== '');
        out.set(pid, { pid, ppid, argv, startedAtMs: boot !== null ? boot + (ticks * 1000) / CLOCK_TICKS : null });
      } catch {
        // exited meanwhile, or not ours to read
      }
    }
    return out;
  },
  claudeImages(pids) {
    const out: string[] = [];
    for (const pid of pids) {
      const image = lastImage.get(pid);
      const argv = image === undefined ? undefined : argvMemo.get(image);
      if (argv && isClaudeProcess(argv)) out.push(image!);
    }
    return out;
  },
  knownClaude(images) {
    for (const image of images) {
      if (argvMemo.size >= MEMO_LIMIT) return;
      if (image.length <= 128 && IMAGE.test(image) && !argvMemo.has(image)) argvMemo.set(image, [...KNOWN_CLAUDE_ARGV]);
    }
  },
  environ(pid) {
    // The image info() saw just before, used once: a later call reads stat again (the process may have exec'd).
    let image = imageSeen.get(pid);
    imageSeen.delete(pid);
    if (image === undefined) {
      const stat = processStat(pid);
      if (!stat) return null;
      image = imageOf(pid, stat);
    }
    return remember(environMemo, image, () => readEnviron(pid));
  },
};

/** The variables discovery reads; the rest of an environment (often 100+ entries) is not parsed. */
export const ENVIRON_WANTED = ['HOME', 'CLAUDE_CONFIG_DIR'] as const;

function readEnviron(pid: number): Record<string, string> | null {
  let raw: string;
  try {
    raw = readFileSync(`/proc/${pid}/environ`, 'utf8');
  } catch {
    return null;
  }
  const env: Record<string, string> = {};
  for (const name of ENVIRON_WANTED) {
    const at = raw.startsWith(`${name}=`) ? 0 : raw.indexOf(`\0${name}=`) + 1;
    if (at === 0 && !raw.startsWith(`${name}=`)) continue;
    const end = raw.indexOf('\0', at);
    env[name] = raw.slice(at + name.length + 1, end < 0 ? raw.length : end);
  }
  return env;
}

/** Native `claude` (or the npm package's `claude.exe`), or `node …/claude-code/cli.js`. */
export function isClaudeProcess(argv: readonly string[]): boolean {
  const exe = argv[0]?.split('/').pop() ?? '';
  if (/^claude(\.exe)?$/.test(exe)) return true;
  if (/^(node|bun)(\d+)?$/.test(exe)) {
    return argv.slice(1, 3).some((a) => /claude-code\/cli\.m?js$/.test(a) || /\/bin\/claude$/.test(a));
  }
  return false;
}

/** The first Claude Code process at or below `rootPid`: walks down from it when the reader can. */
export function findClaudeFor(rootPid: number, proc: ProcReader, snapshot: () => Map<number, ProcessInfo>): ProcessInfo | null {
  if (proc.info && proc.children) return walkForClaude(rootPid, proc.info, proc.children);
  return findClaudeBelow(rootPid, snapshot());
}

/** The same walk over a snapshot of every process. */
export function findClaudeBelow(rootPid: number, procs: Map<number, ProcessInfo>): ProcessInfo | null {
  const children = new Map<number, number[]>();
  for (const p of procs.values()) {
    const list = children.get(p.ppid);
    if (list) list.push(p.pid);
    else children.set(p.ppid, [p.pid]);
  }
  return walkForClaude(
    rootPid,
    (pid) => procs.get(pid) ?? null,
    (pid) => children.get(pid) ?? [],
  );
}

/** Breadth first from `rootPid`: the first process that is Claude Code. */
function walkForClaude(
  rootPid: number,
  info: (pid: number) => ProcessInfo | null,
  children: (pid: number) => number[],
): ProcessInfo | null {
  const queue = [rootPid];
  const seen = new Set<number>();
  while (queue.length > 0) {
    const pid = queue.shift()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const p = info(pid);
    if (!p) continue;
    if (isClaudeProcess(p.argv)) return p;
    queue.push(...children(pid));
  }
  return null;
}
