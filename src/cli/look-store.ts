// Where `list` keeps its last look at each tmux server: the pane list (the next look captures those panes in
// the same tmux process as the list, and walks /proc for them while tmux lists: src/tmux/list-and-capture.ts),
// the idle peers' readings (their screens are not captured again while unchanged: src/peers/readings.ts), the
// last walk (discovery's caches) and when the server last refused the script. A file per socket (mode 0600:
// it holds pane titles and folders) in $XDG_CACHE_HOME/claude-dm/panes (~/.cache/claude-dm/panes), named by
// a hash of the socket's path; two sockets with one hash share a file, which costs a full look now and then
// and nothing else. What is read back is checked like anything from outside, field by field and bounded, with
// no field the checks do not know (what is written holds the checked fields alone): a file that fails is no
// look at all. (Checked by hand, not by valibot as the wire is: a schema over 500 readings and records cost
// `list` ~15 ms a call, this ~1.) Whatever goes wrong here costs speed, never a run.
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
          readings: look.readings.map(readingToKeep).filter(isReading),
          ...(look.peers ? { peers: look.peers.filter(isPaneId) } : {}),
          // Through the same checks: a record's other fields (whatever a newer Claude Code adds) stay in its file.
          ...(look.walk
            ? {
                walk: {
                  claudes: look.walk.claudes.map(claudeToKeep).filter(isClaudeEntry),
                  records: look.walk.records.map(recordToKeep).filter(isRecordEntry),
                  claudeImages: look.walk.claudeImages.filter(isImage),
                },
              }
            : {}),
        };
        writeFileSync(tmp, asciiJson(kept), { mode: 0o600 });
        renameSync(tmp, file);
        pruneOldest(dir);
      } catch {
        // unwritable: the next look is a full one
      }
    },
  };
}

/**
 * JSON with every character past ASCII written as a \u escape (an astral one as its two surrogates), the same
 * values read back. A look holds titles and reasons (`✳ Claude Code`): with one such character node decodes the
 * whole file the slow way and holds it as two bytes a character (94 KB at 100 panes: ~1.1 ms to read, and 190 KB
 * of young generation); as ASCII, ~0.6 ms and one byte a character. Every `list` reads it, and writes it only
 * when the look changed.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x00-\x7f]/gu, (ch) =>
    Array.from({ length: ch.length }, (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  );
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
const isText = (x: unknown, max = MAX_TEXT): x is string => typeof x === 'string' && x.length <= max;
const list = (x: unknown, max: number): unknown[] | null => (Array.isArray(x) && x.length <= max ? x : null);

/**
 * The whole file as a look, or null when any part of it is not ours. Written through the same checks, a file
 * of ours has no field they do not know: one that has any is not ours. The parsed objects are checked where
 * they are and used as they are (a copy of each was ~170 KB more for every `list` at 100 panes to allocate).
 */
export function lookFrom(x: unknown): LastLook | null {
  if (
    !isObj(x) ||
    !onlyKeys(x, LOOK_KEYS) ||
    x.v !== 1 ||
    !isText(x.list, MAX_BYTES) ||
    (x.refusedAt !== undefined && !isCount(x.refusedAt))
  )
    return null;
  const readings = every(list(x.readings, MAX_HINTED), isReading);
  if (!readings) return null;
  const peers = x.peers === undefined ? undefined : every(list(x.peers, MAX_HINTED), isPaneId);
  if (peers === null) return null;
  let walk: LastWalk | undefined;
  if (x.walk !== undefined) {
    if (!isObj(x.walk) || !onlyKeys(x.walk, WALK_KEYS)) return null;
    const claudes = every(list(x.walk.claudes, MAX_WALK_ENTRIES), isClaudeEntry);
    const records = every(list(x.walk.records, MAX_WALK_ENTRIES), isRecordEntry);
    const claudeImages = every(list(x.walk.claudeImages, MAX_WALK_ENTRIES), isImage);
    if (!claudes || !records || !claudeImages) return null;
    walk = { claudes, records, claudeImages };
  }
  return { list: x.list, refusedAt: x.refusedAt as number | undefined, readings, ...(peers ? { peers } : {}), ...(walk ? { walk } : {}) };
}

const LOOK_KEYS = new Set(['v', 'list', 'refusedAt', 'readings', 'peers', 'walk']);
const WALK_KEYS = new Set(['claudes', 'records', 'claudeImages']);

/** A pane id as tmux gives it (`%12`). */
function isPaneId(x: unknown): x is string {
  return typeof x === 'string' && /^%\d{1,9}$/u.test(x);
}

/** `x` has no field but these (own or not: JSON.parse makes `__proto__` an own field, and it is refused too). */
function onlyKeys(x: Obj, known: ReadonlySet<string>): boolean {
  for (const k in x) if (!known.has(k)) return false;
  return true;
}

/**
 * `x` has `n` own fields, for an object whose n fields are each required and checked: then it has no other
 * (`__proto__` from JSON.parse counts as one). onlyKeys' walk over each field with a set was ~1 ms of every
 * `list` at 100 panes, run once and so never compiled: Object.keys is the engine's own.
 */
function fieldCount(x: Obj, n: number): boolean {
  return Object.keys(x).length === n;
}

/** A process image as discovery names it, `pid:start ticks:comm` (ProcReader.claudeImages). */
function isImage(x: unknown): x is string {
  return typeof x === 'string' && x.length <= 128 && /^\d{1,10}:\d{1,20}:/u.test(x);
}

/** `items` as T[] when every item is one. */
function every<T>(items: unknown[] | null, is: (x: unknown) => x is T): T[] | null {
  if (!items) return null;
  for (const item of items) if (!is(item)) return null;
  return items as T[];
}

/** Only idle readings are kept (readings.ts): the three fields an idle classification has, nothing else. */
function isReading(x: unknown): x is Reading {
  // paneId, capturedAt, width, height, key, classification (state, rule, reason): each checked below.
  if (!isObj(x) || !fieldCount(x, 6) || !isObj(x.classification) || !fieldCount(x.classification, 3)) return false;
  const { paneId, capturedAt, width, height, key } = x;
  const c = x.classification;
  if (!isPaneId(paneId) || !isCount(capturedAt) || !isCount(width) || !isCount(height)) return false;
  return isText(key) && c.state === 'idle' && c.rule === 'idle' && isText(c.reason, 4096);
}

const CONFIG_FROM: ReadonlyArray<ClaudeProcess['configFrom']> = [
  'CLAUDE_CONFIG_DIR',
  'HOME',
  'our HOME (peer environment unreadable)',
  'its sessions record (tmux field)',
];
function isClaudeEntry(x: unknown): x is LastWalk['claudes'][number] {
  // panePid, claude (pid, startedAtMs, configDir, configFrom): each checked.
  if (!isObj(x) || !fieldCount(x, 2) || !isCount(x.panePid) || !isObj(x.claude) || !fieldCount(x.claude, 4)) return false;
  const { pid, startedAtMs, configDir, configFrom } = x.claude;
  if (!isCount(pid) || !(startedAtMs === null || (typeof startedAtMs === 'number' && Number.isFinite(startedAtMs)))) return false;
  return isText(configDir) && CONFIG_FROM.includes(configFrom as ClaudeProcess['configFrom']);
}

/** A sessions record's fields that discovery and the classifier read (SessionRecord), each of its type: no other is kept. */
const RECORD_TEXT: ReadonlySet<string> = new Set([
  'sessionId',
  'cwd',
  'status',
  'waitingFor',
  'version',
  'name',
  'tmux',
  'messagingSocketPath',
  'procStart',
]);
const RECORD_NUMBERS: ReadonlySet<string> = new Set(['pid', 'updatedAt', 'statusUpdatedAt']);
function isRecordEntry(x: unknown): x is LastWalk['records'][number] {
  // path, stamp, value: each checked; the value's fields (any of the known ones) one by one.
  if (!isObj(x) || !fieldCount(x, 3) || !isText(x.path) || !isText(x.stamp, 256) || !isObj(x.value)) return false;
  for (const k in x.value) {
    const f = x.value[k];
    if (RECORD_TEXT.has(k) ? !isText(f) : !RECORD_NUMBERS.has(k) || typeof f !== 'number' || !Number.isFinite(f)) return false;
  }
  return true;
}

// What is written: the fields the checks above take, copied out of what the look holds (nothing else rides along).
const readingToKeep = (r: Reading): Reading => {
  const { paneId, capturedAt, width, height, key, classification: c } = r;
  return { paneId, capturedAt, width, height, key, classification: { state: c.state, rule: c.rule, reason: c.reason } };
};
const claudeToKeep = ({ panePid, claude: c }: LastWalk['claudes'][number]): LastWalk['claudes'][number] => ({
  panePid,
  claude: { pid: c.pid, startedAtMs: c.startedAtMs, configDir: c.configDir, configFrom: c.configFrom },
});
/** A record's known fields (one of the wrong type is left in, for isRecordEntry to refuse the entry). */
const recordToKeep = ({ path, stamp, value }: LastWalk['records'][number]): LastWalk['records'][number] => {
  const out: Obj = {};
  for (const k in value) {
    const f = (value as Obj)[k];
    if (f !== undefined && (RECORD_TEXT.has(k) || RECORD_NUMBERS.has(k))) out[k] = f;
  }
  return { path, stamp, value: out as SessionRecord };
};

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
