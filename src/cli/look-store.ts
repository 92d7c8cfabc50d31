// Where `list` keeps its last look at each tmux server: the pane list (the next look captures those panes in
// the same tmux process as the list, and walks /proc for them while tmux lists: src/tmux/list-and-capture.ts),
// the idle peers' readings (their screens are not captured again while unchanged: src/peers/readings.ts), and
// when the server last refused the script. A file per socket (mode 0600: it holds pane titles and folders) in
// $XDG_CACHE_HOME/claude-dm/panes (~/.cache/claude-dm/panes), named by a hash of the socket's path; two
// sockets with one hash share a file, which costs a full look now and then and nothing else. What is read
// back is checked like anything from outside (a schema, bounded): a file that fails it is no look at all.
// Whatever goes wrong here costs speed, never a run.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { MAX_WALK_ENTRIES, type LastLook, type LookStore } from '../peers/look.js';
import { MAX_HINTED } from '../tmux/list-and-capture.js';

export const NO_LOOK: LastLook = { list: '', readings: [] };

/** A look file larger than this is not ours to read (500 panes with their readings are ~250 KB). */
const MAX_BYTES = 2 * 1024 * 1024;
/** Look files kept: the oldest go when there are more (test runs and short-lived servers leave theirs). */
export const MAX_LOOK_FILES = 64;

const int = v.pipe(v.number(), v.integer(), v.minValue(0));
const reading = v.object({
  paneId: v.pipe(v.string(), v.regex(/^%\d{1,9}$/u)),
  capturedAt: int,
  width: int,
  height: int,
  key: v.pipe(v.string(), v.maxLength(16 * 1024)),
  // Only idle readings are kept (readings.ts): the three fields an idle classification has.
  classification: v.object({ state: v.literal('idle'), rule: v.literal('idle'), reason: v.pipe(v.string(), v.maxLength(4096)) }),
});
const path = v.pipe(v.string(), v.maxLength(4096));
const word = v.optional(v.pipe(v.string(), v.maxLength(4096)));
const CONFIG_FROM = ['CLAUDE_CONFIG_DIR', 'HOME', 'our HOME (peer environment unreadable)', 'its sessions record (tmux field)'] as const;
// A sessions record's fields that discovery and the classifier read (SessionRecord): no other is kept.
const record = v.object({
  pid: v.optional(int),
  sessionId: word,
  cwd: word,
  status: word,
  waitingFor: word,
  version: word,
  updatedAt: v.optional(v.number()),
  statusUpdatedAt: v.optional(v.number()),
  name: word,
  tmux: word,
  messagingSocketPath: word,
  procStart: word,
});
const claude = v.object({
  panePid: int,
  claude: v.object({ pid: int, startedAtMs: v.nullable(v.number()), configDir: path, configFrom: v.picklist(CONFIG_FROM) }),
});
const recordEntry = v.object({ path, stamp: v.pipe(v.string(), v.maxLength(256)), value: record });
const walk = v.object({
  claudes: v.pipe(v.array(claude), v.maxLength(MAX_WALK_ENTRIES)),
  records: v.pipe(v.array(recordEntry), v.maxLength(MAX_WALK_ENTRIES)),
});
const lookSchema = v.object({
  v: v.literal(1),
  list: v.pipe(v.string(), v.maxLength(MAX_BYTES)),
  refusedAt: v.optional(int),
  readings: v.pipe(v.array(reading), v.maxLength(MAX_HINTED)),
  walk: v.optional(walk),
});

export function lookDir(env: NodeJS.ProcessEnv, home: string): string {
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'claude-dm', 'panes');
}

export function lookStore(dir: string, socketPath: string): LookStore {
  const file = join(dir, `${fnv1a(socketPath)}.json`);
  return {
    read() {
      try {
        if (statSync(file).size > MAX_BYTES) return NO_LOOK;
        const parsed = v.safeParse(lookSchema, JSON.parse(readFileSync(file, 'utf8')));
        if (!parsed.success) return NO_LOOK;
        const { list, refusedAt, readings, walk } = parsed.output;
        return { list, refusedAt, readings, walk };
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
          readings: look.readings.map((r) => ({
            paneId: r.paneId,
            capturedAt: r.capturedAt,
            width: r.width,
            height: r.height,
            key: r.key,
            classification: { state: r.classification.state, rule: r.classification.rule, reason: r.classification.reason },
          })),
          // Through the schema's own whitelist: a record's other fields (whatever a newer Claude Code adds) stay in its file.
          ...(look.walk ? { walk: walkToWrite(look.walk) } : {}),
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

/** The walk as the schema takes it: an entry that fails it (a record with a field of another type) is left out. */
function walkToWrite(w: NonNullable<LastLook['walk']>): v.InferOutput<typeof walk> {
  const claudes = w.claudes.flatMap((c) => {
    const r = v.safeParse(claude, c);
    return r.success ? [r.output] : [];
  });
  const records = w.records.flatMap((e) => {
    const r = v.safeParse(recordEntry, e);
    return r.success ? [r.output] : [];
  });
  return { claudes, records };
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
