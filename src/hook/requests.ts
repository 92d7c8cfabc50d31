// Permission requests waiting in Claude Code's PermissionRequest hook (`claude-dm hook permission-request`),
// and the one answer each may get. A private per-user folder (0700, ours, checked before use) holds, per
// request, three files, each written whole (a temporary file renamed or linked into place):
//   rq-ID.json           the request, written by the hook when the prompt opens, removed when it ends;
//   rq-ID.decision.json  the answer, claimed with link(2): the first answer wins, a second finds it there;
//   rq-ID.closed.json    how it ended (decided here, or answered some other way), kept a while for a late answer.
// Nothing here listens on a port; nothing here decides. Everything read back is checked by a schema: the
// folder is ours, but a file in it may be half a crash old or written by another version.
import { linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { DmError } from '../errors.js';
import { processStamp, stampAlive } from '../peers/process-stamp.js';

/** How long a closed request's record is kept: a second answer within it is told what happened. */
export const CLOSED_KEPT_MS = 10 * 60_000;
/** The most of a request's input kept (a whole file's content in a Write): more is cut, and said so. */
export const MAX_INPUT_CHARS = 64 * 1024;

export const REQUEST_ID = /^rq-[0-9a-f]{12}$/u;

/** The three records' schemas, made on first use: every verb loads this file, few read a request. */
function makeSchemas() {
  const RequestSchema = v.object({
    id: v.pipe(v.string(), v.regex(REQUEST_ID)),
    session_id: v.string(),
    transcript_path: v.nullable(v.string()),
    cwd: v.nullable(v.string()),
    /** The Claude Code process that asked (found above the hook), null when it could not be told. */
    claude_pid: v.nullable(v.number()),
    tool: v.string(),
    input: v.record(v.string(), v.unknown()),
    /** Claude Code's own suggestions of permissions to add (`a` takes only these). */
    suggestions: v.array(v.unknown()),
    permission_mode: v.nullable(v.string()),
    /** When the prompt opened (ms). */
    since: v.number(),
    /** The hook process, as `pid start-time`: a request whose hook is gone is over. */
    hook: v.string(),
  });

  const DecisionSchema = v.object({
    behavior: v.picklist(['allow', 'deny']),
    message: v.optional(v.string()),
    updatedPermissions: v.optional(v.array(v.unknown())),
    /** A question's answer: its input with `answers` (question → the chosen option's label). */
    updatedInput: v.optional(v.record(v.string(), v.unknown())),
    /** Who answered, for the audit and a second answer's refusal. */
    by: v.string(),
    at: v.number(),
  });

  const ClosedSchema = v.object({
    /** `decided`: the hook handed this decision to Claude Code; `over`: the prompt ended some other way. */
    how: v.picklist(['decided', 'over']),
    why: v.string(),
    at: v.number(),
    decision: v.optional(DecisionSchema),
  });
  return { RequestSchema, DecisionSchema, ClosedSchema };
}
type Schemas = ReturnType<typeof makeSchemas>;
let made: Schemas | undefined;
const schemas = (): Schemas => (made ??= makeSchemas());

export type PermissionRequest = v.InferOutput<Schemas['RequestSchema']>;
export type Decision = v.InferOutput<Schemas['DecisionSchema']>;
export type Closed = v.InferOutput<Schemas['ClosedSchema']>;

export function requestsDir(env: NodeJS.ProcessEnv, uid: number): string {
  return env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'claude-dm', 'requests') : join(`/tmp/claude-dm-${uid}`, 'requests');
}

/** Why `dir` may not hold requests, or null: it must be a real folder of ours that nobody else can enter. */
export function unsafeRequestsDir(
  dir: string,
  st: { uid: number; mode: number; isDirectory(): boolean; isSymbolicLink(): boolean },
  uid: number,
): string | null {
  if (st.isSymbolicLink()) return `${dir} is a symbolic link`;
  if (!st.isDirectory()) return `${dir} is not a folder`;
  if (st.uid !== uid) return `${dir} is owned by uid ${st.uid}, not by you`;
  if ((st.mode & 0o077) !== 0) return `${dir} is open to others (mode ${(st.mode & 0o777).toString(8)}); it must be 700`;
  return null;
}

/** The requests folder, made (0700) when missing, and checked: a folder another user could write is refused. */
export function openRequestsDir(dir: string, uid = process.getuid?.() ?? 0): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const why = unsafeRequestsDir(dir, lstatSync(dir), uid);
  if (why) throw new DmError(`permission requests: ${why}: remove it, or set XDG_RUNTIME_DIR to a folder of yours`, 'refused');
  return dir;
}

const file = (dir: string, id: string, part: '' | '.decision' | '.closed') => join(dir, `${id}${part}.json`);

/** Writes `data` whole at `path`: a reader sees the old file or the new one, never half of it. */
function writeWhole(path: string, data: unknown): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(data)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

function readChecked<T>(path: string, schema: v.GenericSchema<unknown, T>): T | null {
  try {
    const text = readFileSync(path, 'utf8');
    if (text.length > 4 * MAX_INPUT_CHARS) return null;
    const r = v.safeParse(schema, JSON.parse(text));
    return r.success ? r.output : null;
  } catch {
    return null;
  }
}

/** A new request's id. */
export function newRequestId(random: () => string): string {
  return `rq-${random().slice(0, 12)}`;
}

/** The hook's side: the request, registered for the prompt now open. */
export function registerRequest(dir: string, r: Omit<PermissionRequest, 'hook'>, hookPid = process.pid): PermissionRequest {
  const request = { ...r, hook: processStamp(hookPid) };
  writeWhole(file(dir, r.id, ''), request);
  return request;
}

export function readRequest(dir: string, id: string): PermissionRequest | null {
  return REQUEST_ID.test(id) ? readChecked(file(dir, id, ''), schemas().RequestSchema) : null;
}

export function readDecision(dir: string, id: string): Decision | null {
  return readChecked(file(dir, id, '.decision'), schemas().DecisionSchema);
}

export function readClosed(dir: string, id: string): Closed | null {
  return REQUEST_ID.test(id) ? readChecked(file(dir, id, '.closed'), schemas().ClosedSchema) : null;
}

/**
 * The answer's side: claims the request with `decision`. link(2) puts the whole file in place or fails if one is
 * there: of two answers at once, exactly one wins. Returns the decision that stands (this one, or the first).
 */
export function claimRequest(dir: string, id: string, decision: Decision): { won: boolean; standing: Decision | null } {
  const tmp = join(dir, `${id}.decision.tmp-${process.pid}-${decision.at}`);
  writeFileSync(tmp, `${JSON.stringify(decision)}\n`, { mode: 0o600 });
  try {
    linkSync(tmp, file(dir, id, '.decision'));
    return { won: true, standing: decision };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return { won: false, standing: readDecision(dir, id) };
  } finally {
    unlinkSync(tmp);
  }
}

/** The hook's side, last: how the request ended; the request and its decision are removed. */
export function closeRequest(dir: string, id: string, closed: Closed): void {
  writeWhole(file(dir, id, '.closed'), closed);
  for (const part of ['', '.decision'] as const) {
    try {
      unlinkSync(file(dir, id, part));
    } catch {
      // not there
    }
  }
}

/**
 * The requests still pending, oldest first. A request whose hook is gone (killed, timed out) is over: it is
 * closed here, as is a closed record older than CLOSED_KEPT_MS removed.
 */
export function pendingRequests(dir: string, now: number, alive: (stamp: string) => boolean = stampAlive): PermissionRequest[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: PermissionRequest[] = [];
  for (const name of names) {
    const closed = /^(rq-[0-9a-f]{12})\.closed\.json$/u.exec(name);
    if (closed) {
      const path = join(dir, name);
      try {
        if (now - statSync(path).mtimeMs > CLOSED_KEPT_MS) unlinkSync(path);
      } catch {
        // gone meanwhile
      }
      continue;
    }
    const m = /^(rq-[0-9a-f]{12})\.json$/u.exec(name);
    if (!m) continue;
    const r = readRequest(dir, m[1]!);
    if (!r) continue;
    if (!alive(r.hook)) {
      closeRequest(dir, r.id, { how: 'over', why: 'its hook process ended', at: now });
      continue;
    }
    out.push(r);
  }
  return out.sort((a, b) => a.since - b.since);
}

/** The request pending for a peer (its session id and Claude Code process), the newest when several are. */
export function requestFor(
  requests: readonly PermissionRequest[],
  sessionId: string | undefined,
  pid: number | undefined,
): PermissionRequest | null {
  if (!sessionId) return null;
  const mine = requests.filter((r) => r.session_id === sessionId && (r.claude_pid === null || pid === undefined || r.claude_pid === pid));
  return mine.at(-1) ?? null;
}
