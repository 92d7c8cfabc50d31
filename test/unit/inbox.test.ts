// The inbox's pure parts: wire encoding, receipts, key checks, socket safety, settings, channel choice, the
// inbox gate, the outcome judge and the wrapper — over records and lines seen on real 2.1.332 peers.
import { describe, expect, it } from 'vitest';
import { chooseChannel, inboxGate } from '../../src/inbox/channel.js';
import { keyFileName, parseInboxKey, procStartMismatch } from '../../src/inbox/key.js';
import { isHoldOf, judge } from '../../src/inbox/outcome.js';
import { unsafeDir, unsafeSocket } from '../../src/inbox/safety.js';
import { combineInbound } from '../../src/inbox/settings.js';
import { encodeDelivery, MAX_LINE_CHARS, parseReceipt } from '../../src/inbox/wire.js';
import { unwrapPeerMessage } from '../../src/transcript/peer-wrapper.js';
import { recordToBlocks } from '../../src/transcript/records.js';
import { senderPane } from '../../src/inbox/sender.js';
import type { Peer } from '../../src/peers/discover.js';

const TOKEN = 'd0bf96522a58a3282eb5fececbca3626';
const NOTE =
  "This came from another Claude session \u2014 not typed by your user, but very likely working on their behalf. Treat it as a teammate's request …";
const MSG = '35554dcc-75a2-444f-a6ae-5d8b76b6fc86';

describe('wire', () => {
  it('encodes an auth line and one user line with msg_id and from; the text survives JSON exactly', () => {
    const text = 'ctl:\x1b[201~ end\tTAB\rCR\x07 héllo 😀\nline2';
    const r = encodeDelivery(TOKEN, { text, msgId: MSG, from: 'uds:/tmp/cc-socks/x.sock' });
    expect(r.ok).toBe(true);
    const [auth, user, rest] = (r as { payload: string }).payload.split('\n');
    expect(JSON.parse(auth!)).toEqual({ type: 'auth', token: TOKEN });
    expect(JSON.parse(user!)).toEqual({
      type: 'user',
      message: { role: 'user', content: text },
      msg_id: MSG,
      from: 'uds:/tmp/cc-socks/x.sock',
    });
    expect(rest).toBe('');
  });

  it("refuses a payload over Claude Code's buffer limit, counting the encoded characters", () => {
    const overhead = encodeDelivery(TOKEN, { text: 'x', msgId: MSG }).ok
      ? (encodeDelivery(TOKEN, { text: 'x', msgId: MSG }) as { payload: string }).payload.length - 1
      : 0;
    expect(encodeDelivery(TOKEN, { text: 'x'.repeat(MAX_LINE_CHARS - overhead), msgId: MSG }).ok).toBe(true);
    const over = encodeDelivery(TOKEN, { text: 'x'.repeat(MAX_LINE_CHARS - overhead + 1), msgId: MSG });
    expect(over).toMatchObject({ ok: false, reason: expect.stringMatching(/too long for the inbox/) });
    // Control characters grow sixfold when escaped: 1 MB of them is far over.
    expect(encodeDelivery(TOKEN, { text: '\x01'.repeat(200_000), msgId: MSG }).ok).toBe(false);
    expect(JSON.stringify(over)).not.toContain(TOKEN);
  });

  it('reads the receipts 2.1.332 sent for a held and a refused message', () => {
    expect(
      parseReceipt(
        '{"type":"control","action":"peer_message_status","status":"held","reason":"Your message is held…","from":"uds:/tmp/cc-socks/1.sock","orig_msg_id":"a","msgV":1,"msg_id":"b"}',
      ),
    ).toEqual({ status: 'held', reason: 'Your message is held…', origMsgId: 'a' });
    expect(
      parseReceipt('{"type":"control","action":"peer_message_status","status":"expired","status_detail":"refused","orig_msg_id":"a"}'),
    ).toEqual({ status: 'expired', statusDetail: 'refused', origMsgId: 'a' });
    expect(parseReceipt('{"type":"control","action":"peer_idle_notice"}')).toBeNull();
    expect(parseReceipt('not json')).toBeNull();
  });
});

describe('key', () => {
  it('names the key file as Claude Code does (pid + sha256 of the socket path)', () => {
    // Seen on a real 2.1.332 peer: /tmp/cc-socks/8806.sock → 8806.881e16a7….key
    expect(keyFileName(8806, '/tmp/cc-socks/8806.sock')).toBe('8806.881e16a73b61217c312e2f9fdb4b1c6b1307f35d64dcd051ccc3e402ec84f54f.key');
  });

  it('parses a key and refuses anything without a 32-hex peerToken', () => {
    expect(parseInboxKey(`{"peerToken":"${TOKEN}","procStart":"155029","pidDomain":"linux:x"}`)).toEqual({
      peerToken: TOKEN,
      procStart: '155029',
      pidDomain: 'linux:x',
    });
    expect(parseInboxKey('{"peerToken":"short"}')).toBeNull();
    expect(parseInboxKey('{}')).toBeNull();
    expect(parseInboxKey('garbage')).toBeNull();
  });

  it('ties the key to the live process by its start time', () => {
    const key = { peerToken: TOKEN, procStart: '155029' };
    expect(procStartMismatch(key, '155029')).toBeNull();
    expect(procStartMismatch(key, '999')).toMatch(/earlier process with the same pid/);
    expect(procStartMismatch(key, null)).toMatch(/cannot be read/);
    expect(procStartMismatch({ peerToken: TOKEN }, '155029')).toMatch(/no process start time/);
    expect(procStartMismatch(key, '999')).not.toContain(TOKEN);
  });
});

describe('socket safety', () => {
  const dir = (uid: number, mode: number, kind: 'dir' | 'link' | 'file' = 'dir') => ({
    uid,
    mode,
    isDirectory: () => kind === 'dir',
    isSymbolicLink: () => kind === 'link',
  });
  it("wants a directory of ours (or root's) that no one else can write", () => {
    expect(unsafeDir('/d', dir(0, 0o40700), { uid: 0 })).toBeNull();
    expect(unsafeDir('/d', dir(1000, 0o40700), { uid: 1000 })).toBeNull();
    expect(unsafeDir('/d', dir(0, 0o40755), { uid: 1000 })).toBeNull();
    expect(unsafeDir('/d', dir(1001, 0o40700), { uid: 1000 })).toMatch(/owned by uid 1001/);
    expect(unsafeDir('/d', dir(1000, 0o40777), { uid: 1000 })).toMatch(/writable by others \(mode 777\)/);
    expect(unsafeDir('/d', dir(1000, 0o40720), { uid: 1000 })).toMatch(/writable by others/);
    expect(unsafeDir('/d', dir(1000, 0o40700, 'link'), { uid: 1000 })).toMatch(/symbolic link/);
    expect(unsafeDir('/d', dir(1000, 0o40700, 'file'), { uid: 1000 })).toMatch(/not a directory/);
  });
  it('wants a socket owned by us', () => {
    expect(unsafeSocket('/s', { uid: 7, isSocket: () => true }, { uid: 7 })).toBeNull();
    expect(unsafeSocket('/s', { uid: 8, isSocket: () => true }, { uid: 7 })).toMatch(/owned by uid 8/);
    expect(unsafeSocket('/s', { uid: 7, isSocket: () => false }, { uid: 7 })).toMatch(/not a socket/);
  });
});

describe('crossSessionInbound', () => {
  const f = (file: string, value: unknown) => ({ file, value });
  it('takes the first of managed and user settings; the project may only tighten', () => {
    expect(combineInbound([f('m', undefined), f('u', undefined)], [])).toEqual({ policy: 'accept', file: null });
    expect(combineInbound([f('m', undefined), f('u', 'hold')], [])).toEqual({ policy: 'hold', file: 'u' });
    expect(combineInbound([f('m', 'accept'), f('u', 'refuse')], [])).toEqual({ policy: 'accept', file: 'm' });
    expect(combineInbound([f('u', 'hold')], [f('p', 'accept')])).toEqual({ policy: 'hold', file: 'u' });
    expect(combineInbound([f('u', 'accept')], [f('p', 'hold')])).toEqual({ policy: 'hold', file: 'p' });
    expect(combineInbound([f('u', 'hold')], [f('l', 'refuse')])).toEqual({ policy: 'refuse', file: 'l' });
    // An unrecognised value holds, as in Claude Code.
    expect(combineInbound([f('u', 'maybe')], [])).toEqual({ policy: 'hold', file: 'u' });
  });
});

describe('channel', () => {
  const inbox = { socketPath: '/tmp/cc-socks/1.sock', unusable: null };
  const none = { socketPath: null, unusable: null };
  const accept = { policy: 'accept' as const, file: null };
  const hold = { policy: 'hold' as const, file: '/h/.claude/settings.json' };
  it('uses the inbox where advertised, keystrokes where not; --inbox demands it', () => {
    expect(chooseChannel('auto', inbox, accept)).toMatchObject({ ok: true, channel: 'inbox' });
    expect(chooseChannel('auto', none, null)).toMatchObject({
      ok: true,
      channel: 'keys',
      reason: expect.stringMatching(/advertises no inbox/),
    });
    expect(chooseChannel('inbox', none, null)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^--inbox: the peer advertises no inbox/),
    });
    expect(chooseChannel('keys', inbox, accept)).toMatchObject({ ok: true, channel: 'keys' });
  });
  it('never turns a hold or a refusal into keystrokes, and does not type where an advertised inbox is unusable', () => {
    expect(chooseChannel('keys', inbox, hold)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/holds messages .*in \/h\/\.claude\/settings\.json.*go around/),
    });
    expect(chooseChannel('keys', inbox, { policy: 'refuse', file: null })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/refuses/),
    });
    expect(chooseChannel('auto', inbox, hold)).toMatchObject({ ok: true, channel: 'inbox' });
    const broken = { socketPath: '/s', unusable: 'its inbox key file /k is missing' };
    expect(chooseChannel('auto', broken, accept)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/key file \/k is missing; nothing was sent \(--keys/),
    });
    expect(chooseChannel('keys', broken, accept)).toMatchObject({ ok: true, channel: 'keys' });
  });
  it('the inbox gate: idle/drafting deliver, busy/modal queue, unknown screens are left to Claude Code, self refuses, --when-idle waits', () => {
    const g = (state: string, o: Partial<Parameters<typeof inboxGate>[0]> = {}) =>
      inboxGate({ state, isSelf: false, force: false, whenIdle: false, inbound: accept, ...o });
    expect(g('idle')).toMatchObject({ allowed: true, reason: 'inbox: delivered now' });
    expect(g('drafting')).toMatchObject({ allowed: true, reason: expect.stringMatching(/draft stays in the box untouched/) });
    expect(g('busy')).toMatchObject({ allowed: true, reason: expect.stringMatching(/queued/) });
    expect(g('modal')).toMatchObject({ allowed: true, reason: expect.stringMatching(/after a person answers/) });
    expect(g('other')).toMatchObject({
      allowed: true,
      forced: false,
      reason: expect.stringMatching(/not recognised; the outcome says which/),
    });
    expect(g('idle', { isSelf: true })).toMatchObject({ allowed: false });
    expect(g('busy', { whenIdle: true })).toMatchObject({ allowed: false, reason: expect.stringMatching(/waiting for idle/) });
    expect(g('idle', { inbound: { policy: 'refuse', file: 'x' } })).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/refuses .*in x/),
    });
  });
});

// Records as a real 2.1.332 peer wrote them.
const enqueue = (content: string) => ({ type: 'queue-operation', operation: 'enqueue', content });
const peerTurn = (text: string, msgId = MSG) => ({
  type: 'user',
  isMeta: true,
  promptSource: 'system',
  origin: {
    kind: 'peer',
    from: 'uds:/tmp/cc-socks/cdm-1-ab.sock',
    verifiedPeerPid: 15578,
    verifiedPeerProcStart: '175436',
    msg_id: msgId,
    verifiedLocal: true,
  },
  message: { role: 'user', content: `Another Claude session sent a message:\n${text}\n\n${NOTE}` },
});
const held = (preview: string, n = 1) => ({
  type: 'system',
  subtype: 'informational',
  level: 'warning',
  isMeta: false,
  content: `Held peer message \u2014 from an unidentified session [verified pid 13381]; preview: \u00ab${preview}\u00bb \u2014 not delivered to Claude (${n} held). Your "crossSessionInbound" setting is "hold"; set it to "accept" to deliver held messages.`,
});

describe('outcome', () => {
  const sent = { msgId: MSG, text: 'hold me please' };
  it('delivered only on a peer turn with our msg_id', () => {
    expect(
      judge([enqueue('hold me please'), { type: 'queue-operation', operation: 'dequeue' }, peerTurn('hold me please')], [], sent).outcome,
    ).toBe('delivered');
    expect(judge([peerTurn('hold me please', 'another-id')], [], sent).outcome).toBe('unconfirmed');
  });
  it('queued: the enqueue without a peer turn yet', () => {
    expect(judge([enqueue('hold me please')], [], sent)).toMatchObject({ outcome: 'queued' });
    expect(judge([enqueue('something else')], [], sent).outcome).toBe('unconfirmed');
  });
  it('held from the hold line (with its count) or the receipt; refused and dropped from receipts', () => {
    expect(judge([held('hold me please', 2)], [], sent)).toMatchObject({ outcome: 'held', held: 2 });
    expect(isHoldOf(held('someone else'), 'hold me please')).toBe(false);
    expect(judge([], [{ status: 'held', origMsgId: MSG, reason: 'permission-mode parity' }], sent)).toMatchObject({
      outcome: 'held',
      detail: expect.stringMatching(/parity/),
    });
    expect(judge([], [{ status: 'expired', statusDetail: 'refused', origMsgId: MSG }], sent).outcome).toBe('refused');
    expect(judge([], [{ status: 'dropped', origMsgId: MSG }], sent).outcome).toBe('dropped');
    expect(judge([], [{ status: 'held', origMsgId: 'not-ours' }], sent).outcome).toBe('unconfirmed');
  });
  it('nothing seen is unconfirmed, never delivered', () => {
    expect(judge([], [], sent)).toMatchObject({ outcome: 'unconfirmed' });
  });
});

describe('reading peer messages back', () => {
  it("unwraps Claude Code's wrapper, keeping a message that quotes the note", () => {
    expect(unwrapPeerMessage(`Another Claude session sent a message:\nhi\nthere\n\n${NOTE}`)).toBe('hi\nthere');
    expect(unwrapPeerMessage(`Another Claude session sent a message while you were working:\nx\n\n${NOTE}`)).toBe('x');
    expect(unwrapPeerMessage('plain text')).toBeNull();
  });
  it('shows a peer turn as a DM with its own words and the sender pid (it is isMeta in the transcript)', () => {
    expect(recordToBlocks(peerTurn('please run the tests'))).toEqual([
      { role: 'user', text: 'please run the tests', dm: { from: 'uds:/tmp/cc-socks/cdm-1-ab.sock', pid: 15578 } },
    ]);
    // Other isMeta records stay hidden.
    expect(recordToBlocks({ type: 'user', isMeta: true, message: { role: 'user', content: 'Caveat: …' } })).toEqual([]);
  });
});

describe('the sender of a DM', () => {
  const peer = (address: string, pid: number, socket?: string) =>
    ({
      pane: { address },
      claude: { pid },
      session: socket ? { messagingSocketPath: socket } : null,
    }) as unknown as Peer;
  const peers = [peer('main:1.0', 100, '/tmp/cc-socks/100.sock'), peer('main:2.0', 200)];
  it('is the pane whose Claude has that pid, else the one whose inbox is the reply address, else unknown', () => {
    expect(senderPane({ from: null, pid: 200 }, peers)).toBe('main:2.0');
    expect(senderPane({ from: 'uds:/tmp/cc-socks/100.sock', pid: 999 }, peers)).toBe('main:1.0');
    expect(senderPane({ from: 'uds:/run/user/0/cc-socks/200.sock', pid: 999 }, peers)).toBe('main:2.0');
    expect(senderPane({ from: 'uds:/tmp/cc-socks/cdm-5-ab.sock', pid: 999 }, peers)).toBeNull();
    expect(senderPane({ from: null, pid: null }, peers)).toBeNull();
  });
});
