// What may cross the link, checked as it arrives, both ways: every message up (agent → here) and down
// (here → agent) against a schema, every field typed and every string and list bounded. A far host is
// another machine, another claude-dm version, or a compromised one: nothing it sends reaches the roster,
// the dashboard or a verb before it has been read as one of our messages. Schemas are valibot's
// (small and tree-shaken into the bundle, nothing generated at start-up: see README, "Across machines").
// Unknown fields are dropped (a newer agent may say more); a known field of the wrong type fails the message.
// Each schema is typed with its type from protocol.ts, peer-row.ts or events.ts: the compiler holds them together.
import * as v from 'valibot';
import type { ModalPrompt, ModalSubtype, PeerState } from '../classify/classify.js';
import type { VersionSupport } from '../classify/versions.js';
import type { Channel } from '../actions/write.js';
import type { Reply } from '../actions/reply.js';
import type { CommandFailure } from '../errors.js';
import { WRITE_VERBS } from '../gates/gates.js';
import type { InboundMark } from '../inbox/settings.js';
import type { WatchEvent } from '../watch/events.js';
import type { PeerRow } from '../watch/peer-row.js';
import { PROTO, type Down, type Up } from './protocol.js';

/** Names, ids, addresses, versions, times as text: one short line each. */
const SHORT = 1024;
/** Free text: a title, a cwd, a reason, a draft, a modal's line, a turn's reply, a message. */
const TEXT = 256 * 1024;
/** A call's output (`peek --json` of 40 blocks can be long); the line bound (4 MiB) holds it anyway. */
const OUTPUT = 4 * 1024 * 1024;
/** Items of a list inside one message (options, lines, versions). Rows and events are bounded by the line. */
const ITEMS = 1000;
/** A host's peers in one `list` answer (the link's roster has its own bound, MAX_HOST_ROWS). */
const MAX_HOST_PEERS = 2000;
/** Blocks of a far peer's peek read for the pane (the pane asks for a screenful; peek's N is bounded here too). */
const MAX_PEEK_BLOCKS = 2000;

/**
 * Every schema, made on first use (`schemas()`): the valibot calls that make them are ~1.3 ms, and `list`, `--version`
 * and every verb that speaks to no other machine load this file without checking a message. The exported names are
 * lazy stand-ins for them (`lazy`).
 */
function makeSchemas() {
  const short = v.pipe(v.string(), v.maxLength(SHORT));
  const text = v.pipe(v.string(), v.maxLength(TEXT));
  const num = v.pipe(v.number(), v.finite());
  const int = v.pipe(v.number(), v.integer());
  const list = <T extends v.GenericSchema>(item: T, max = ITEMS) => v.pipe(v.array(item), v.maxLength(max));

  /**
   * Every value of a union of words, each once: the compiler refuses a list that misses one, so a state or a
   * prompt kind added to the classifier is added here too (else two machines of one version would refuse it).
   */
  const everyOf =
    <T extends string>() =>
    <const L extends readonly T[]>(words: L & ([T] extends [L[number]] ? unknown : 'a value of the union is missing')) =>
      words;

  const FAILURE_KINDS = everyOf<CommandFailure['kind']>()([
    'usage',
    'target',
    'refused',
    'not-found',
    'no-server',
    'server-gone',
    'pane-gone',
    'io',
    'failed',
    'internal',
  ]);
  const peerState = v.picklist(everyOf<PeerState>()(['idle', 'busy', 'drafting', 'modal', 'other']));
  const modalSubtype = v.picklist(everyOf<ModalSubtype>()(['permission', 'question']));
  const modalPrompt = v.picklist(
    everyOf<ModalPrompt>()(['bash', 'edit', 'write', 'fetch', 'read', 'plan', 'question', 'auto-mode', 'unknown']),
  );

  const modal = v.object({
    options: list(v.object({ key: short, label: text, selected: v.boolean(), detail: v.optional(text) })),
    style: v.picklist(['numbered', 'cursor', 'dialog']),
    header: text,
    lines: list(text),
  });

  /** A pending permission request as rows and --json carry it (src/hook/on-screen.ts's RequestFacts), its input bounded. */
  const requestFacts = v.object({
    id: v.pipe(v.string(), v.regex(/^rq-[0-9a-f]{12}$/u)),
    tool: short,
    input: v.pipe(
      v.record(v.string(), v.unknown()),
      v.check((x) => JSON.stringify(x).length <= 256 * 1024, 'a request input over 256 KiB'),
    ),
    suggestions: v.pipe(v.array(v.unknown()), v.maxLength(50)),
    since: num,
  });

  const PeerRowSchema: v.GenericSchema<unknown, PeerRow> = v.object({
    paneId: short,
    host: v.nullable(short),
    address: short,
    session: short,
    windowIndex: int,
    state: peerState,
    subtype: v.nullable(modalSubtype),
    prompt: v.nullable(modalPrompt),
    reason: text,
    title: text,
    cwd: text,
    lastWriteAt: v.nullable(num),
    transcriptPath: v.nullable(text),
    modal: v.nullable(modal),
    understood: v.nullable(v.boolean()),
    draft: v.nullable(text),
    self: v.boolean(),
    name: v.nullable(text),
    version: v.nullable(short),
    waitingSince: v.nullable(num),
    inbound: v.nullable(v.picklist(everyOf<NonNullable<InboundMark>>()(['hold', 'refuse']))),
    promptId: v.nullable(short),
    promptSeenAt: v.nullable(num),
    turnEnded: v.nullable(v.boolean()),
    lastStopReason: v.nullable(short),
    // An agent of before claude-dm's hook sends none.
    request: v.optional(v.nullable(requestFacts), null),
  });

  const eventPeer = {
    ts: short,
    target: short,
    pane_id: short,
    name: v.nullable(text),
    cwd: text,
    host: v.optional(short),
    merged: v.optional(int),
  };
  const peerFacts = {
    ...eventPeer,
    state: peerState,
    subtype: v.nullable(short),
    prompt: v.nullable(short),
    prompt_id: v.nullable(short),
    rule: short,
    version: v.nullable(short),
  };
  const keyPick = v.object({ option: v.nullable(short), widens: v.boolean() });

  const WatchEventSchema: v.GenericSchema<unknown, WatchEvent> = v.variant('event', [
    v.object({ ...peerFacts, event: v.literal('snapshot') }),
    v.object({ ...peerFacts, event: v.literal('peer') }),
    v.object({ ...eventPeer, event: v.literal('gone') }),
    v.object({
      ...eventPeer,
      event: v.literal('state'),
      from: peerState,
      to: peerState,
      subtype: v.nullable(short),
      prompt: v.nullable(short),
      rule: short,
    }),
    v.object({
      ...eventPeer,
      event: v.literal('prompt'),
      prompt_id: v.nullable(short),
      prompt: v.nullable(short),
      subtype: v.nullable(short),
      tool: v.nullable(short),
      subject: list(text),
      options: list(v.object({ key: short, label: text })),
      keys: v.object({ y: keyPick, n: keyPick, a: keyPick }),
      request: v.optional(v.nullable(requestFacts), null),
    }),
    v.object({ ...eventPeer, event: v.literal('turn'), stop_reason: v.nullable(short), reply: text }),
    v.object({ ...eventPeer, event: v.literal('dm'), from: v.nullable(short), pid: v.nullable(int), text }),
  ]);

  const HelloSchema = v.object({
    t: v.literal('hello'),
    proto: int,
    version: short,
    machine: short,
    tmux: v.nullable(short),
    socket: text,
    claude_versions: list(short),
  });

  const UpSchema: v.GenericSchema<unknown, Up> = v.variant('t', [
    HelloSchema,
    v.object({ t: v.literal('rows'), at: num, rows: v.array(PeerRowSchema), error: v.nullable(text) }),
    v.object({ t: v.literal('events'), events: v.array(WatchEventSchema) }),
    v.object({ t: v.literal('beat'), at: num }),
    v.variant('duplicate', [
      v.object({ t: v.literal('result'), id: short, duplicate: v.literal(true) }),
      v.object({
        t: v.literal('result'),
        id: short,
        duplicate: v.optional(v.never()),
        code: int,
        stdout: v.pipe(v.string(), v.maxLength(OUTPUT)),
        stderr: v.pipe(v.string(), v.maxLength(OUTPUT)),
        failure: v.optional(v.object({ kind: v.picklist(FAILURE_KINDS), message: text })),
      }),
    ]),
    v.object({ t: v.literal('error'), message: text, id: v.optional(short) }),
  ]);

  const DownSchema: v.GenericSchema<unknown, Down> = v.variant('t', [
    v.object({ t: v.literal('subscribe'), rows: v.boolean(), events: v.boolean(), interval_ms: v.optional(num) }),
    v.object({
      t: v.literal('call'),
      id: v.pipe(short, v.minLength(1)),
      argv: list(v.pipe(v.string(), v.maxLength(TEXT)), 256),
      stdin: v.optional(v.pipe(v.string(), v.maxLength(OUTPUT))),
    }),
  ]);

  /**
   * A host's answer to `list --json` (one-shot `list --host`): its peers, each field typed as list prints it.
   * The agent's result is checked as a message; what the verb printed in it is checked here.
   */
  const ListPeersSchema = v.object({
    peers: list(
      v.object({
        address: short,
        pane_id: short,
        self: v.boolean(),
        state: peerState,
        subtype: v.nullable(modalSubtype),
        prompt: v.nullable(modalPrompt),
        prompt_id: v.nullable(short),
        reason: text,
        title: text,
        cwd: text,
        pid: v.nullable(int),
        session_id: v.nullable(short),
        version: v.nullable(short),
        version_support: v.picklist(everyOf<VersionSupport>()(['tested', 'newer-than-tested', 'older-than-tested', 'unknown'])),
        transcript: v.nullable(text),
        last_write_ms_ago: v.nullable(num),
        host: short,
        // A pending request in claude-dm's hook over there (older agents send none).
        request: v.optional(v.nullable(requestFacts), null),
      }),
      MAX_HOST_PEERS,
    ),
  });

  const channel = v.picklist(everyOf<Channel>()(['inbox', 'keys', 'hook']));
  const gateDecision = v.nullable(v.object({ allowed: v.boolean(), forced: v.boolean(), reason: text }));

  /** A write verb's --json over there (src/actions/write-report.ts's WriteReport): the verb's own fields kept as they came. */
  const WriteReportSchema = v.looseObject({
    verb: v.picklist(WRITE_VERBS),
    target: short,
    pane_id: short,
    outcome: short,
    ok: v.boolean(),
    state: short,
    gate: gateDecision,
    detail: text,
    channel,
  });

  /** What any write verb's --json says of how it went (a WriteReport, or an ask that did not deliver): for the audit line. */
  const OutcomeSchema = v.looseObject({ outcome: short, detail: text });

  /** `ask --json` over there: the reply (its status says whether the turn ended), or the write that did not deliver. */
  const AskReportSchema = v.union([
    v.object({
      reply: text,
      blocks: v.array(v.object({ role: short, text })),
      stop_reason: v.nullable(short),
      elapsed_ms: num,
      status: v.picklist(everyOf<Reply['status']>()(['done', 'modal', 'timeout', 'vanished', 'interrupted'])),
      target: short,
      channel,
    }),
    v.object({ verb: v.literal('ask'), target: short, outcome: short, ok: v.literal(false), detail: text, gate: gateDecision, channel }),
  ]);

  /**
   * `peek --json` over there, read leniently as the pane shows it: a block that is not one is null (left out), a
   * role not known is a tool's, a missing text empty, a timestamp or a DM mark that is not one dropped.
   */
  const PeekReportSchema = v.object({
    blocks: list(
      v.union([
        v.pipe(
          v.custom<object>((b) => typeof b === 'object' && b !== null && !Array.isArray(b)),
          v.object({
            role: v.fallback(v.picklist(['user', 'assistant', 'tool'] as const), 'tool' as const),
            text: v.fallback(text, ''),
            timestamp: v.fallback(v.optional(short), undefined),
            dm: v.fallback(v.optional(v.object({ from: v.nullable(short), pid: v.nullable(int), pane: v.optional(short) })), undefined),
          }),
        ),
        v.pipe(
          v.unknown(),
          v.transform(() => null),
        ),
      ]),
      MAX_PEEK_BLOCKS,
    ),
  });

  /** `spawn --json` over there. */
  const SpawnReportSchema = v.object({ address: short, pane_id: short, pid: v.nullable(int) });

  return {
    PeerRowSchema,
    WatchEventSchema,
    UpSchema,
    DownSchema,
    ListPeersSchema,
    WriteReportSchema,
    OutcomeSchema,
    AskReportSchema,
    PeekReportSchema,
    SpawnReportSchema,
  };
}

let made: ReturnType<typeof makeSchemas> | undefined;
const schemas = () => (made ??= makeSchemas());

/**
 * A stand-in for a schema of makeSchemas, which makes them all on its first read. A check reads the outer schema's
 * own fields through it (`~run`, then its entries or pipe through `this`): a few reads a message, never one a field,
 * for the schemas inside it are the real ones.
 */
function lazy<S extends object>(pick: (all: ReturnType<typeof makeSchemas>) => S): S {
  const real = () => pick(schemas());
  return new Proxy({} as S, {
    get: (_, key) => Reflect.get(real(), key),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(real(), key),
  });
}

export const PeerRowSchema = lazy((all) => all.PeerRowSchema);
export const WatchEventSchema = lazy((all) => all.WatchEventSchema);
export const UpSchema = lazy((all) => all.UpSchema);
export const DownSchema = lazy((all) => all.DownSchema);
export const ListPeersSchema = lazy((all) => all.ListPeersSchema);
export const WriteReportSchema = lazy((all) => all.WriteReportSchema);
export const OutcomeSchema = lazy((all) => all.OutcomeSchema);
export const AskReportSchema = lazy((all) => all.AskReportSchema);
export const PeekReportSchema = lazy((all) => all.PeekReportSchema);
export const SpawnReportSchema = lazy((all) => all.SpawnReportSchema);
export type ListPeers = v.InferOutput<typeof ListPeersSchema>;

/** What `list --json` printed over there, checked: its peers, or why they cannot be read. */
export const decodeListPeers = (stdout: string) => decodeOutput(stdout, ListPeersSchema, 'list');

/** A verb's --json output over there (its last line), checked against `schema`: the value, or why it is not one. */
export function decodeOutput<T>(
  stdout: string,
  schema: v.GenericSchema<unknown, T>,
  verb: string,
): { ok: true; value: T } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
  } catch {
    return { ok: false, reason: `its ${verb} --json printed something else than JSON` };
  }
  const r = v.safeParse(schema, raw);
  return r.success ? { ok: true, value: r.output } : { ok: false, reason: reasonOf(r.issues) };
}

/**
 * A line read off the link: one of our messages; noise (not JSON, or JSON without a `t`: a shell's motd,
 * a banner), ignored as ever; or one of ours that is wrong, with a short reason (`rows is not a list`) and
 * the type it claimed. The reason is made of our own words and field names alone, never the far side's text.
 */
export type Decoded<T> =
  | { kind: 'message'; message: T }
  | { kind: 'noise' }
  /** `id`: the message's own, when it has one that is an id (a short string), so an answer can name it. */
  | { kind: 'invalid'; t: string; reason: string; id?: string };

const idOf = (raw: object): { id?: string } => {
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'string' && id.length <= 1024 ? { id } : {};
};

export function decodeLine<T>(line: string, schema: v.GenericSchema<unknown, T>): Decoded<T> {
  const text = line.trim();
  if (!text.startsWith('{')) return { kind: 'noise' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'noise' };
  }
  if (typeof raw !== 'object' || raw === null || typeof (raw as { t?: unknown }).t !== 'string') return { kind: 'noise' };
  const t = (raw as { t: string }).t;
  const proto = (raw as { proto?: unknown }).proto;
  // Another protocol's hello may say other things: its version is the whole story.
  if (t === 'hello' && typeof proto === 'number' && proto !== PROTO)
    return {
      kind: 'invalid',
      t,
      reason: `the agent there speaks protocol ${proto}, this claude-dm ${PROTO}: update one of them`,
      ...idOf(raw),
    };
  const r = v.safeParse(schema, raw);
  return r.success
    ? { kind: 'message', message: r.output }
    : { kind: 'invalid', t: t.slice(0, 40), reason: reasonOf(r.issues), ...idOf(raw) };
}

export const decodeUp = (line: string): Decoded<Up> => decodeLine(line, UpSchema);
export const decodeDown = (line: string): Decoded<Down> => decodeLine(line, DownSchema);

/** What the field is not, by the check that failed: `is not a list`, `is not a string`. */
const NOT: Record<string, string> = {
  array: 'is not a list',
  object: 'is not an object',
  string: 'is not a string',
  number: 'is not a number',
  boolean: 'is not true or false',
  literal: 'is not the expected value',
  picklist: 'is not one of the known values',
  null: 'is not null',
  finite: 'is not a finite number',
  integer: 'is not a whole number',
  max_length: 'is too long',
  min_length: 'is empty',
};

/** The first issue as one short line: where (`rows[3].title`) and what it is not. */
export function reasonOf(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'not a message this claude-dm knows';
  // A union or variant's own issue: the deepest one its options raised says more.
  const deepest = (i: v.BaseIssue<unknown>): v.BaseIssue<unknown> => (i.issues?.length ? deepest(i.issues[0]!) : i);
  const first = deepest(issue);
  const where = (first.path ?? [])
    .map((p) => (typeof p.key === 'number' ? `[${p.key}]` : typeof p.key === 'string' ? `.${p.key}` : ''))
    .join('')
    .replace(/^\./u, '');
  if (first.type === 'variant' && where === 't') return 'not a message this claude-dm knows';
  if (first.received === 'undefined') return `${where || 'the message'} is missing`;
  if (first.type === 'variant') return `${where || 'the message'} is not of a known kind`;
  return `${where || 'the message'} ${NOT[first.type] ?? `is not valid (${first.type})`}`;
}
