// The link's schemas (src/remote/protocol-schema.ts): what a far host may send up and this machine down.
// Named cases for the reasons a person reads (`rows is not a list`), then properties: any line decodes to
// a message, noise or invalid without throwing; every well-formed message comes back as it was sent; a
// field of the wrong type anywhere in a row fails the message and the reason names that field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeLine, PROTO, type Down, type Up } from '../../src/remote/protocol.js';
import { decodeDown, decodeListPeers, decodeUp } from '../../src/remote/protocol-schema.js';
import type { WatchEvent } from '../../src/watch/events.js';
import type { PeerRow } from '../../src/watch/peer-row.js';

const short = fc.string({ maxLength: 30 });
const text = fc.string({ unit: 'grapheme', maxLength: 60 });
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const time = fc.integer({ min: 0, max: 2 ** 45 });
const state = fc.constantFrom('idle', 'busy', 'drafting', 'modal', 'other' as const);

const row: fc.Arbitrary<PeerRow> = fc.record({
  paneId: short,
  host: nullable(short),
  address: short,
  session: short,
  windowIndex: fc.integer({ min: 0, max: 999 }),
  state,
  subtype: nullable(fc.constantFrom('permission', 'question' as const)),
  prompt: nullable(fc.constantFrom('bash', 'edit', 'write', 'fetch', 'read', 'plan', 'question', 'auto-mode', 'unknown' as const)),
  reason: text,
  title: text,
  cwd: text,
  lastWriteAt: nullable(time),
  transcriptPath: nullable(text),
  modal: nullable(
    fc.record({
      options: fc.array(
        fc.record({ key: short, label: text, selected: fc.boolean(), detail: text }, { requiredKeys: ['key', 'label', 'selected'] }),
        { maxLength: 4 },
      ),
      style: fc.constantFrom('numbered', 'cursor', 'dialog' as const),
      header: text,
      lines: fc.array(text, { maxLength: 4 }),
    }),
  ),
  understood: nullable(fc.boolean()),
  draft: nullable(text),
  self: fc.boolean(),
  name: nullable(text),
  version: nullable(short),
  waitingSince: nullable(time),
  inbound: nullable(fc.constantFrom('hold', 'refuse' as const)),
  promptId: nullable(short),
  promptSeenAt: nullable(time),
  turnEnded: nullable(fc.boolean()),
  lastStopReason: nullable(short),
  request: nullable(
    fc.record({
      id: fc.constant('rq-0123456789ab'),
      tool: short,
      // valibot's record leaves out keys that could reach a prototype: never ones a tool's input has.
      input: fc.dictionary(
        short.filter((k) => !['__proto__', 'prototype', 'constructor'].includes(k)),
        text,
      ),
      suggestions: fc.array(fc.record({ type: short }), { maxLength: 3 }),
      since: time,
    }),
  ),
});

const who = { ts: short, target: short, pane_id: short, name: nullable(text), cwd: text };
const keyPick = fc.record({ option: nullable(short), widens: fc.boolean() });
const event: fc.Arbitrary<WatchEvent> = fc.oneof(
  fc.record({
    ...who,
    event: fc.constantFrom('snapshot', 'peer' as const),
    state,
    subtype: nullable(short),
    prompt: nullable(short),
    prompt_id: nullable(short),
    rule: short,
    version: nullable(short),
  }),
  fc.record(
    { ...who, event: fc.constant('gone' as const), merged: fc.nat(99) },
    { requiredKeys: ['ts', 'target', 'pane_id', 'name', 'cwd', 'event'] },
  ),
  fc.record({
    ...who,
    event: fc.constant('state' as const),
    from: state,
    to: state,
    subtype: nullable(short),
    prompt: nullable(short),
    rule: short,
  }),
  fc.record({
    ...who,
    event: fc.constant('prompt' as const),
    prompt_id: nullable(short),
    prompt: nullable(short),
    subtype: nullable(short),
    tool: nullable(short),
    subject: fc.array(text, { maxLength: 3 }),
    options: fc.array(fc.record({ key: short, label: text }), { maxLength: 3 }),
    keys: fc.record({ y: keyPick, n: keyPick, a: keyPick }),
    request: fc.constant(null),
  }),
  fc.record({ ...who, event: fc.constant('turn' as const), stop_reason: nullable(short), reply: text }),
  fc.record({ ...who, event: fc.constant('dm' as const), from: nullable(short), pid: nullable(fc.nat()), text }),
);

const up: fc.Arbitrary<Up> = fc.oneof(
  fc.record({
    t: fc.constant('hello' as const),
    proto: fc.constant(PROTO),
    version: short,
    machine: short,
    tmux: nullable(short),
    socket: text,
    claude_versions: fc.array(short, { maxLength: 3 }),
  }),
  fc.record({ t: fc.constant('rows' as const), at: time, rows: fc.array(row, { maxLength: 3 }), error: nullable(text) }),
  fc.record({ t: fc.constant('events' as const), events: fc.array(event, { maxLength: 3 }) }),
  fc.record({ t: fc.constant('beat' as const), at: time }),
  fc.record({ t: fc.constant('result' as const), id: short, code: fc.integer({ min: 0, max: 255 }), stdout: text, stderr: text }),
  fc.record({ t: fc.constant('result' as const), id: short, duplicate: fc.constant(true as const) }),
  fc.record({ t: fc.constant('error' as const), message: text, id: short }, { requiredKeys: ['t', 'message'] }),
);
const down: fc.Arbitrary<Down> = fc.oneof(
  fc.record(
    { t: fc.constant('subscribe' as const), rows: fc.boolean(), events: fc.boolean(), interval_ms: fc.nat() },
    { requiredKeys: ['t', 'rows', 'events'] },
  ),
  fc.record(
    {
      t: fc.constant('call' as const),
      id: fc.string({ minLength: 1, maxLength: 36 }),
      argv: fc.array(text, { maxLength: 5 }),
      stdin: text,
    },
    { requiredKeys: ['t', 'id', 'argv'] },
  ),
);

/** A value of another type than the field holds (every field of a row is typed: none takes all of these). */
const wrong = fc.constantFrom<unknown>(42, 'text', { an: 'object' }, ['a', 'list'], true);
const rowKeys = Object.keys(fc.sample(row, 1)[0]!) as Array<keyof PeerRow>;
/** The row's fields that take a value of each JSON type (picklists take only their words: any other string is wrong). */
const ROW_FIELDS: Record<string, string[]> = {
  string: [
    'paneId',
    'host',
    'address',
    'session',
    'reason',
    'title',
    'cwd',
    'transcriptPath',
    'draft',
    'name',
    'version',
    'promptId',
    'lastStopReason',
  ],
  number: ['windowIndex', 'lastWriteAt', 'waitingSince', 'promptSeenAt'],
  boolean: ['understood', 'self', 'turnEnded'],
};

const goodRow: PeerRow = fc.sample(row, { numRuns: 1, seed: 1 })[0]!;
const rowsLine = (rows: unknown) => JSON.stringify({ t: 'rows', at: 1, rows, error: null });

describe('what a far host sends that is not right', () => {
  it('says what is wrong in a short line of our own words', () => {
    expect(decodeUp(rowsLine('not-a-list'))).toEqual({ kind: 'invalid', t: 'rows', reason: 'rows is not a list' });
    expect(decodeUp(rowsLine([{ ...goodRow, title: 7 }]))).toMatchObject({ reason: 'rows[0].title is not a string' });
    expect(decodeUp(rowsLine([goodRow, { ...goodRow, name: { evil: '\x1b]52;c;x\x07' } }]))).toMatchObject({
      reason: 'rows[1].name is not a string',
    });
    expect(decodeUp(rowsLine([{ ...goodRow, state: 'dancing' }]))).toMatchObject({
      reason: 'rows[0].state is not one of the known values',
    });
    expect(decodeUp('{"t":"events","events":{"0":1}}')).toMatchObject({ reason: 'events is not a list' });
    expect(decodeUp('{"t":"result","id":"x","code":"0","stdout":"","stderr":""}')).toMatchObject({ reason: 'code is not a number' });
    expect(decodeUp('{"t":"surprise"}')).toMatchObject({ kind: 'invalid', reason: 'not a message this claude-dm knows' });
    expect(decodeUp(`{"t":"hello","proto":${PROTO + 1}}`)).toMatchObject({
      kind: 'invalid',
      t: 'hello',
      reason: expect.stringMatching(/protocol 2/),
    });
    expect(decodeUp(rowsLine([{ ...goodRow, title: 'x'.repeat(300_000) }]))).toMatchObject({ reason: 'rows[0].title is too long' });
  });

  it("is noise when it is not one of ours at all (a shell's motd, JSON without a type)", () => {
    for (const line of ['Welcome to Ubuntu 24.04', '', '{"motd":"hi"}', '[1,2]', '{"t":3}', '{broken', 'null'])
      expect(decodeUp(line)).toEqual({ kind: 'noise' });
  });

  it('a call down must have an id, and argv a list of strings, and stdin a string', () => {
    expect(decodeDown('{"t":"call","id":"a","argv":"list --json"}')).toMatchObject({ reason: 'argv is not a list' });
    expect(decodeDown('{"t":"call","id":"a","argv":["list",1]}')).toMatchObject({ reason: 'argv[1] is not a string' });
    expect(decodeDown('{"t":"call","id":"a","argv":[],"stdin":{}}')).toMatchObject({ reason: 'stdin is not a string' });
    expect(decodeDown('{"t":"call","id":"","argv":[]}')).toMatchObject({ reason: 'id is empty' });
    expect(decodeDown('{"t":"call","argv":[]}')).toMatchObject({ reason: 'id is missing' });
  });

  it("a host's list --json: its peers checked field by field", () => {
    expect(decodeListPeers('{"peers":"none"}')).toEqual({ ok: false, reason: 'peers is not a list' });
    expect(decodeListPeers('not json')).toMatchObject({ ok: false });
    expect(decodeListPeers('{"peers":[{"address":1}]}')).toMatchObject({ ok: false, reason: 'peers[0].address is not a string' });
  });
});

describe('decoder properties', () => {
  it('any line: a message, noise or invalid, never a throw', () => {
    const kinds = new Set(['message', 'noise', 'invalid']);
    const line = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ maxLength: 40 }).map((t) => `{${t}`),
      fc.jsonValue().map((j) => JSON.stringify(j)),
      // A line cut short: JSON that stops anywhere.
      fc.tuple(fc.jsonValue(), fc.nat()).map(([j, n]) => {
        const whole = JSON.stringify({ t: 'rows', rows: j });
        return whole.slice(0, n % (whole.length + 1));
      }),
      // One of ours in shape, with anything in its fields.
      fc
        .record({
          t: fc.constantFrom('hello', 'rows', 'events', 'beat', 'result', 'error', 'call', 'subscribe', 'x'),
          rest: fc.dictionary(
            fc.constantFrom('rows', 'events', 'id', 'argv', 'at', 'proto', 'code', 'duplicate', 'message', 'stdin', 'error'),
            fc.jsonValue(),
          ),
        })
        .map(({ t, rest }) => JSON.stringify({ ...rest, t })),
      fc
        .array(row, { maxLength: 2 })
        .chain((rows) =>
          fc
            .tuple(fc.nat(rows.length), fc.constantFrom(...rowKeys), wrong)
            .map(([i, k, w]) => rowsLine(rows.map((r, j) => (j === i ? { ...r, [k]: w } : r)))),
        ),
    );
    fc.assert(
      fc.property(line, (l) => {
        expect(kinds.has(decodeUp(l).kind)).toBe(true);
        expect(kinds.has(decodeDown(l).kind)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('every message up and down comes back as it was sent', () => {
    fc.assert(
      fc.property(up, (m) => {
        expect(decodeUp(encodeLine(m))).toEqual({ kind: 'message', message: m });
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(down, (m) => {
        expect(decodeDown(encodeLine(m))).toEqual({ kind: 'message', message: m });
      }),
      { numRuns: 500 },
    );
  });

  it('a field of the wrong type in any row fails the whole message, and the reason names the field', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 3 }), fc.nat(), fc.constantFrom(...rowKeys), wrong, (rows, n, key, bad) => {
        const i = n % rows.length;
        // Some wrong values are right for some fields (a string for a title): only the wrong ones count.
        fc.pre(!ROW_FIELDS[typeof bad]?.includes(key));
        const d = decodeUp(rowsLine(rows.map((r, j) => (j === i ? { ...r, [key]: bad } : r))));
        expect(d).toMatchObject({
          kind: 'invalid',
          t: 'rows',
          reason: expect.stringMatching(new RegExp(`^rows\\[${i}\\]\\.${key}\\b`, 'u')),
        });
      }),
      { numRuns: 1000 },
    );
    expect(decodeUp(rowsLine([{ ...goodRow, modal: { an: 'object' } }]))).toMatchObject({ reason: 'rows[0].modal.options is missing' });
  });
});
