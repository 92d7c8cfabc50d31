// Where `list` keeps its last look at each tmux server: the pane list (the next look captures those panes in
// the same tmux process as the list, and walks /proc for them while tmux lists: src/tmux/list-and-capture.ts),
// the idle peers' readings (their screens are not captured again while unchanged: src/peers/readings.ts), the
// last walk (discovery's caches) and when the server last refused the script. A file per socket (mode 0600:
// it holds pane titles and folders) in $XDG_CACHE_HOME/claude-dm/panes (~/.cache/claude-dm/panes), named by
// a hash of the socket's path; two sockets with one hash share a file, which costs a full look now and then
// and nothing else. What is read back is checked like anything from outside, field by field and bounded, and
// rebuilt of the checked fields alone: a file that fails is no look at all. (Checked by hand, not by valibot
// as the wire is: a schema over 500 readings and records cost `list` ~15 ms a call, this ~1.) Whatever goes
// wrong here costs speed, never a run.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaudeProcess } from '../peers/discover.js';
import { MAX_WALK_ENTRIES, type LastLook, type LastWalk, type LookStore } from '../peers/look.js';
import type { Reading } from '../peers/readings.js';
import type { SessionRecord } from '../peers/session-record.js';
import { MAX_HINTED } from '../tmux/list-and-capture.js';

export const NO_LOOK: LastLook = { list: '', readings: [] };

/** A look file larger than this is not ours to read (500 panes with their readings and walk are ~450 KB). */
const MAX_BYTES = 2 * 1024 * 1024;
/** Look files kept: the oldest go when there are more (test runs and short-lived servers leave theirs). */
export const MAX_LOOK_FILES = 64;
/** A path, a key, a record's text field: longer is not one of ours. */
const MAX_TEXT = 16 * 1024;

export function lookDir(env: NodeJS.ProcessEnv, home: string): string {
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'claude-dm', 'panes');
}

export function lookStore(dir: string, socketPath: string): LookStore {
  const file = join(dir, `${fnv1a(socketPath)}.json`);
  return {
    read() {
      try {
        if (statSync(file).size > MAX_BYTES) return NO_LOOK;
        return lookFrom(JSON.parse(readFileSync(file, 'utf8'))) ?? NO_LOOK;
      } catch {
        return NO_LOOK;
      }
    },
    write(look) {
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const tmp = `${file}.${process.pid}.tmp`;
        const kept = {
          v: 1,
          list: look.list,
          ...(look.refusedAt !== undefined ? { refusedAt: look.refusedAt } : {}),
          readings: look.readings.flatMap((r) => keep(readingFrom(r))),
          // Through the same checks: a record's other fields (whatever a newer Claude Code adds) stay in its file.
          ...(look.walk
            ? {
                walk: {
                  claudes: look.walk.claudes.flatMap((c) => keep(claudeFrom(c))),
                  records: look.walk.records.flatMap((r) => keep(recordEntryFrom(r))),
                  claudeImages: look.walk.claudeImages.filter(isImage),
                },
              }
            : {}),
        };
        writeFileSync(tmp, JSON.stringify(kept), { mode: 0o600 });
        renameSync(tmp, file);
        pruneOldest(dir);
      } catch {
        // unwritable: the next look is a full one
      }
    },
  };
}

const keep = <T>(x: T | null): T[] => (x === null ? [] : [x]);
type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
const isText = (x: unknown, max = MAX_TEXT): x is string => typeof x === 'string' && x.length <= max;
const list = (x: unknown, max: number): unknown[] | null => (Array.isArray(x) && x.length <= max ? x : null);

/** The whole file as a look, or null when any part of it is not ours. */
export function lookFrom(x: unknown): LastLook | null {
  if (!isObj(x) || x.v !== 1 || !isText(x.list, MAX_BYTES) || (x.refusedAt !== undefined && !isCount(x.refusedAt))) return null;
  const readings = all(list(x.readings, MAX_HINTED), readingFrom);
  if (!readings) return null;
  let walk: LastWalk | undefined;
  if (x.walk !== undefined) {
    if (!isObj(x.walk)) return null;
    const claudes = all(list(x.walk.claudes, MAX_WALK_ENTRIES), claudeFrom);
    const records = all(list(x.walk.records, MAX_WALK_ENTRIES), recordEntryFrom);
    const claudeImages = all(list(x.walk.claudeImages, MAX_WALK_ENTRIES), (i) => (isImage(i) ? i : null));
    if (!claudes || !records || !claudeImages) return null;
    walk = { claudes, records, claudeImages };
  }
  return { list: x.list, refusedAt: x.refusedAt as number | undefined, readings, ...(walk ? { walk } : {}) };
}

/** A process image as discovery names it, `pid:start ticks:comm` (ProcReader.claudeImages). */
function isImage(x: unknown): x is string {
  return typeof x === 'string' && x.length <= 128 && /^\d{1,10}:\d{1,20}:/u.test(x);
}

/** Every item read, or null when one is not. */
function all<T>(items: unknown[] | null, read: (x: unknown) => T | null): T[] | null {
  if (!items) return null;
  const out: T[] = [];
  for (const item of items) {
    const r = read(item);
    if (r === null) return null;
    out.push(r);
  }
  return out;
}

/** Only idle readings are kept (readings.ts): the three fields an idle classification has, nothing else. */
function readingFrom(x: unknown): Reading | null {
  if (!isObj(x) || !isObj(x.classification)) return null;
  const { paneId, capturedAt, width, height, key } = x;
  const c = x.classification;
  if (typeof paneId !== 'string' || !/^%\d{1,9}$/u.test(paneId) || !isCount(capturedAt) || !isCount(width) || !isCount(height)) return null;
  if (!isText(key) || c.state !== 'idle' || c.rule !== 'idle' || !isText(c.reason, 4096)) return null;
  return { paneId, capturedAt, width, height, key, classification: { state: 'idle', rule: 'idle', reason: c.reason } };
}

const CONFIG_FROM: ReadonlyArray<ClaudeProcess['configFrom']> = [
  'CLAUDE_CONFIG_DIR',
  'HOME',
  'our HOME (peer environment unreadable)',
  'its sessions record (tmux field)',
];

function claudeFrom(x: unknown): LastWalk['claudes'][number] | null {
  if (!isObj(x) || !isCount(x.panePid) || !isObj(x.claude)) return null;
  const { pid, startedAtMs, configDir, configFrom } = x.claude;
  if (!isCount(pid) || !(startedAtMs === null || (typeof startedAtMs === 'number' && Number.isFinite(startedAtMs)))) return null;
  if (!isText(configDir) || !CONFIG_FROM.includes(configFrom as ClaudeProcess['configFrom'])) return null;
  return { panePid: x.panePid, claude: { pid, startedAtMs, configDir, configFrom: configFrom as ClaudeProcess['configFrom'] } };
}

/** A sessions record's fields that discovery and the classifier read (SessionRecord), each of its type: no other is kept. */
const RECORD_TEXT = ['sessionId', 'cwd', 'status', 'waitingFor', 'version', 'name', 'tmux', 'messagingSocketPath', 'procStart'] as const;
const RECORD_NUMBERS = ['pid', 'updatedAt', 'statusUpdatedAt'] as const;

function recordEntryFrom(x: unknown): LastWalk['records'][number] | null {
  if (!isObj(x) || !isText(x.path) || !isText(x.stamp, 256) || !isObj(x.value)) return null;
  const value: SessionRecord = {};
  for (const k of RECORD_TEXT) {
    const f = x.value[k];
    if (f === undefined) continue;
    if (!isText(f)) return null;
    value[k] = f;
  }
  for (const k of RECORD_NUMBERS) {
    const f = x.value[k];
    if (f === undefined) continue;
    if (typeof f !== 'number' || !Number.isFinite(f)) return null;
    value[k] = f;
  }
  return { path: x.path, stamp: x.stamp, value };
}

/** Down to MAX_LOOK_FILES, the least recently written first. */
function pruneOldest(dir: string): void {
  const names = readdirSync(dir).filter((n) => /^[0-9a-f]{8}\.json$/u.test(n));
  if (names.length <= MAX_LOOK_FILES) return;
  const byAge = names
    .map((n) => {
      try {
        return { n, at: statSync(join(dir, n)).mtimeMs };
      } catch {
        return { n, at: 0 };
      }
    })
    .sort((a, b) => a.at - b.at);
  for (const { n } of byAge.slice(0, names.length - MAX_LOOK_FILES)) rmSync(join(dir, n), { force: true });
}

/** FNV-1a, 32 bits, as 8 hex digits: a file name for a path, with no crypto module to load. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
