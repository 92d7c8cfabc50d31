// Claude Code's sessions record (`~/.claude/sessions/<pid>.json`), as discovery reads it: one per running
// Claude Code, rewritten as it works. Its on-disk schema lives here, beside discovery, which finds and reads
// it; the classifier declares only the facts it reads of it (RecordFacts in src/classify/types.ts).
import { readFileSync, statSync } from 'node:fs';

export interface SessionRecord {
  pid?: number;
  sessionId?: string;
  cwd?: string;
  status?: string;
  waitingFor?: string;
  version?: string;
  updatedAt?: number;
  /** 2.1.3xx: when `status` last changed (ms). */
  statusUpdatedAt?: number;
  name?: string;
  /** 2.1.3xx: the pane the peer runs in, `<session>:@<window id>.%<pane id>`. */
  tmux?: string;
  /** 2.1.3xx: the peer's inbox (a Unix socket). */
  messagingSocketPath?: string;
  procStart?: string;
}

/**
 * Records parsed before, by path, with the file's stamp (inode, size, mtime) then: the dashboard looks at
 * every record each tick, and most have not changed since the last. Claude Code rewrites a record by a
 * rename (a new inode) or in place (a new mtime): either is read again.
 */
export type RecordCache = Map<string, { stamp: string; value: unknown }>;

/** More paths than this in a cache and it starts over (records of peers long gone). */
const RECORD_CACHE_LIMIT = 4096;

/** The JSON in `path`, parsed; from `cache` while the file is unchanged. Throws as reading or parsing would. */
export function readJsonFile(path: string, cache?: RecordCache): unknown {
  if (!cache) return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  let stamp: string;
  try {
    const st = statSync(path);
    stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch (e) {
    cache.delete(path);
    throw e;
  }
  const known = cache.get(path);
  if (known?.stamp === stamp) return known.value;
  const value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (cache.size >= RECORD_CACHE_LIMIT) cache.clear();
  cache.set(path, { stamp, value });
  return value;
}
