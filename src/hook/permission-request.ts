// `claude-dm hook permission-request`: what runs inside Claude Code's PermissionRequest hook, once per
// permission prompt, beside the dialog the person sees. It registers the request (requests.ts), waits for an
// answer given through claude-dm (`answer`, the dashboard), and hands that one decision to Claude Code. It
// never decides by itself: when the request ends any other way (answered on screen, Esc, the session gone),
// it leaves, deciding nothing, within a look or two. Its effects are behind HookPorts, so that it runs in a
// unit test on a clock the test moves.
import * as v from 'valibot';
import type { SessionRecord } from '../peers/session-record.js';
import type { Clock } from '../session/session.js';
import {
  closeRequest,
  MAX_INPUT_CHARS,
  newRequestId,
  readDecision,
  registerRequest,
  type Closed,
  type Decision,
  type PermissionRequest,
} from './requests.js';

/** The most of standard input read: a request larger than this is not one Claude Code sent. */
export const MAX_HOOK_INPUT = 1024 * 1024;
/** Between two looks at the answer and at the peer. */
export const HOOK_POLL_MS = 100;
/**
 * How long the sessions record may take to say `waiting` after the hook started: past it, a record that does
 * not say so means the prompt is gone (answered before the hook was even up).
 */
export const WAITING_GRACE_MS = 3_000;
/** Looks in a row with no record to read before the request counts as over (one may catch a write half done). */
export const OVER_LOOKS = 2;

/** What Claude Code hands the hook on standard input (checked; unknown fields are ignored). */
const HookInputSchema = v.object({
  hook_event_name: v.literal('PermissionRequest'),
  session_id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  transcript_path: v.optional(v.nullable(v.string())),
  cwd: v.optional(v.nullable(v.string())),
  permission_mode: v.optional(v.nullable(v.string())),
  tool_name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  tool_input: v.record(v.string(), v.unknown()),
  permission_suggestions: v.optional(v.array(v.unknown())),
});
export type HookInput = v.InferOutput<typeof HookInputSchema>;

export class HookInputError extends Error {}

/** Standard input as a request, or a HookInputError saying why not (one line). */
export function parseHookInput(text: string): HookInput {
  if (text.length > MAX_HOOK_INPUT) throw new HookInputError(`the hook's input is over ${MAX_HOOK_INPUT} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HookInputError("the hook's input is not JSON (is this Claude Code's PermissionRequest hook?)");
  }
  const r = v.safeParse(HookInputSchema, json);
  if (!r.success) throw new HookInputError(`the hook's input is not a PermissionRequest: ${v.summarize(r.issues).split('\n')[0]}`);
  return r.output;
}

/** A tool's input kept whole up to MAX_INPUT_CHARS of JSON; past that, its long strings are cut and say so. */
export function boundedInput(input: Record<string, unknown>): Record<string, unknown> {
  if (JSON.stringify(input).length <= MAX_INPUT_CHARS) return input;
  const cut = (x: unknown): unknown =>
    typeof x === 'string' && x.length > 4096 ? `${x.slice(0, 4096)}… (${x.length - 4096} more characters)` : x;
  return Object.fromEntries(Object.entries(input).map(([k, x]) => [k, cut(x)]));
}

/** What Claude Code reads from the hook's standard output: the decision, in its own shape. */
export function decisionOutput(d: Decision): string {
  const decision =
    d.behavior === 'allow'
      ? {
          behavior: 'allow',
          ...(d.updatedInput ? { updatedInput: d.updatedInput } : {}),
          ...(d.updatedPermissions?.length ? { updatedPermissions: d.updatedPermissions } : {}),
        }
      : { behavior: 'deny', ...(d.message ? { message: d.message } : {}) };
  return JSON.stringify({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision } });
}

export interface HookPorts {
  /** The requests folder, opened (checked). */
  dir: string;
  clock: Clock;
  /** 12 hex digits, fresh each call. */
  random(): string;
  /** The Claude Code process that asked, found above the hook (null: not found). */
  claudePid: number | null;
  /** That process still runs. */
  claudeAlive(): boolean;
  /** Its sessions record now (null: none to read). */
  record(): SessionRecord | null;
  /** Calls back when something in the requests folder changes (an answer arrived); returns a stop. */
  watch?(onChange: () => void): () => void;
  /** Claude Code ended the hook (SIGTERM: the person pressed Esc on the prompt). */
  cancelled?(): boolean;
}

export interface HookRun {
  request: PermissionRequest;
  /** What to print for Claude Code (null: nothing; the dialog stays the person's). */
  output: string | null;
  closed: Closed;
}

/** What the hook has seen of the peer's record so far. */
export interface Watching {
  /** When the record's `waiting` for this prompt began (its statusUpdatedAt; 0 when the record has none): null until seen. */
  waitingSince: number | null;
  /** Looks in a row with no record to read. */
  unreadLooks: number;
}

/**
 * One look at the peer's record: the request is over (why), or still open (null), and what was seen. While the
 * dialog is open the record says `waiting` (`waitingFor: "permission prompt"`), from before the hook starts
 * (measured on 2.1.332: scripts/probe-permission-hook.mjs); an answer on screen or Esc turns it `busy` or
 * `idle` within ~0.1 s. A `waiting` that began at another time is another prompt: this one is over, so a quick
 * next prompt never keeps this hook alive. Claude Code neither signals the hook nor closes its output then.
 */
export function lookAtRecord(
  input: { sessionId: string; startedAt: number },
  seen: Watching,
  look: { now: number; alive: boolean; record: SessionRecord | null },
): { over: string | null; seen: Watching } {
  if (!look.alive) return { over: 'the session ended', seen };
  const r = look.record;
  if (r === null) {
    const next = { ...seen, unreadLooks: seen.unreadLooks + 1 };
    const over = next.unreadLooks >= OVER_LOOKS && look.now - input.startedAt >= WAITING_GRACE_MS ? 'its sessions record is gone' : null;
    return { over, seen: next };
  }
  const since = r.statusUpdatedAt ?? 0;
  if (r.sessionId !== undefined && r.sessionId !== input.sessionId) return { over: 'the session moved on (/clear or resume)', seen };
  if (r.status === 'waiting') {
    if (seen.waitingSince === null) return { over: null, seen: { waitingSince: since, unreadLooks: 0 } };
    return {
      over: since !== seen.waitingSince ? 'answered another way (another prompt is open now)' : null,
      seen: { ...seen, unreadLooks: 0 },
    };
  }
  if (seen.waitingSince !== null) return { over: `answered another way (the session is ${r.status ?? 'not waiting'})`, seen };
  // Not waiting yet: the record may lag the hook a moment; past the grace, the prompt was answered before the hook was up.
  const over =
    look.now - input.startedAt >= WAITING_GRACE_MS ? `answered before the hook was up (the session is ${r.status ?? 'not waiting'})` : null;
  return { over, seen: { ...seen, unreadLooks: 0 } };
}

/** Registers the request, waits for an answer or for the request to end, and says what to print. */
export async function runPermissionHook(input: HookInput, ports: HookPorts): Promise<HookRun> {
  const { dir, clock } = ports;
  const startedAt = clock.now();
  const request = registerRequest(dir, {
    id: newRequestId(ports.random),
    session_id: input.session_id,
    transcript_path: input.transcript_path ?? null,
    cwd: input.cwd ?? null,
    claude_pid: ports.claudePid,
    tool: input.tool_name,
    input: boundedInput(input.tool_input),
    suggestions: input.permission_suggestions ?? [],
    permission_mode: input.permission_mode ?? null,
    since: startedAt,
  });
  let wake: () => void = () => undefined;
  const stopWatch = ports.watch?.(() => wake());
  let seen: Watching = { waitingSince: null, unreadLooks: 0 };
  try {
    for (;;) {
      if (ports.cancelled?.()) return { request, output: null, closed: { how: 'over', why: 'cancelled on screen (Esc)', at: clock.now() } };
      const decision = readDecision(dir, request.id);
      if (decision) {
        const closed: Closed = { how: 'decided', why: `answered by ${decision.by}`, at: clock.now(), decision };
        return { request, output: decisionOutput(decision), closed };
      }
      const look = lookAtRecord({ sessionId: input.session_id, startedAt }, seen, {
        now: clock.now(),
        alive: ports.claudeAlive(),
        record: ports.record(),
      });
      seen = look.seen;
      if (look.over) return { request, output: null, closed: { how: 'over', why: look.over, at: clock.now() } };
      await new Promise<void>((resolve) => {
        const cancel = clock.after(HOOK_POLL_MS, () => resolve());
        wake = () => (cancel(), resolve());
      });
    }
  } finally {
    stopWatch?.();
  }
}

/** The run's end: how it ended is recorded for the answer that waits on it, the request removed. */
export function finishHook(dir: string, run: HookRun): void {
  closeRequest(dir, run.request.id, run.closed);
}
