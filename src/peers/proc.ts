// What we need from /proc, behind an interface so discovery is testable without it.
import { readFileSync, readdirSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  argv: string[];
  /** Process start, ms since epoch (from /proc/<pid>/stat and btime). */
  startedAtMs: number | null;
}

export interface ProcReader {
  /** A snapshot of all processes; read once per roster. */
  snapshot(): Map<number, ProcessInfo>;
  environ(pid: number): Record<string, string> | null;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

function bootTimeMs(): number | null {
  try {
    const m = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    return m ? Number(m[1]) * 1000 : null;
  } catch {
    return null;
  }
}

export const linuxProc: ProcReader = {
  snapshot() {
    const out = new Map<number, ProcessInfo>();
    const boot = bootTimeMs();
    let entries: string[] = [];
    try {
      entries = readdirSync('/proc');
    } catch {
      return out;
    }
    for (const e of entries) {
      if (!/^\d+$/.test(e)) continue;
      const pid = Number(e);
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // comm may hold spaces and parens: fields start after the last ')'.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ppid = Number(fields[1]);
        const ticks = Number(fields[19]);
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
        out.set(pid, { pid, ppid, argv, startedAtMs: boot !== null ? boot + (ticks * 1000) / CLOCK_TICKS : null });
      } catch {
        // exited meanwhile, or not ours to read
      }
    }
    return out;
  },
  environ(pid) {
    try {
      const env: Record<string, string> = {};
      for (const kv of readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
        const i = kv.indexOf('=');
        if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
      }
      return env;
    } catch {
      return null;
    }
  },
};

/** Native `claude` (or the npm package's `claude.exe`), or `node …/claude-code/cli.js`. */
export function isClaudeProcess(argv: readonly string[]): boolean {
  const exe = argv[0]?.split('/').pop() ?? '';
  if (/^claude(\.exe)?$/.test(exe)) return true;
  if (/^(node|bun)(\d+)?$/.test(exe)) {
    return argv.slice(1, 3).some((a) => /claude-code\/cli\.m?js$/.test(a) || /\/bin\/claude$/.test(a));
  }
  return false;
}

/** The first Claude Code process at or below `rootPid`, breadth first. */
export function findClaudeBelow(rootPid: number, procs: Map<number, ProcessInfo>): ProcessInfo | null {
  const children = new Map<number, number[]>();
  for (const p of procs.values()) {
    const list = children.get(p.ppid);
    if (list) list.push(p.pid);
    else children.set(p.ppid, [p.pid]);
  }
  const queue = [rootPid];
  const seen = new Set<number>();
  while (queue.length > 0) {
    const pid = queue.shift()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const p = procs.get(pid);
    if (p && isClaudeProcess(p.argv)) return p;
    queue.push(...(children.get(pid) ?? []));
  }
  return null;
}
