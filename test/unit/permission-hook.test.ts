// The PermissionRequest hook's run (src/hook/permission-request.ts) and the requests it registers
// (src/hook/requests.ts), on a clock the test moves and a private folder: the real stdin a 2.1.332 peer gave
// its hook, one answer handed over, a request that ends on screen left alone, the first answer winning.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../src/peers/session-record.js';
import {
  decisionOutput,
  finishHook,
  HOOK_POLL_MS,
  HookInputError,
  lookAtRecord,
  parseHookInput,
  runPermissionHook,
  WAITING_GRACE_MS,
  type HookPorts,
} from '../../src/hook/permission-request.js';
import { claimRequest, openRequestsDir, pendingRequests, readClosed, readRequest, unsafeRequestsDir } from '../../src/hook/requests.js';
import { decisionFor, questionDecision } from '../../src/actions/answer-hook.js';
import { manualClock, type ManualClock } from '../support/manual-clock.js';
import { REPO_ROOT } from '../support/repo-root.js';

const STDIN = readFileSync(join(REPO_ROOT, 'test/fixtures/hook/2.1.332__default__bash.stdin.json'), 'utf8');
const QUESTION = readFileSync(join(REPO_ROOT, 'test/fixtures/hook/2.1.332__default__question.stdin.json'), 'utf8');
const SESSION = (JSON.parse(STDIN) as { session_id: string }).session_id;

let root: string;
let dir: string;
let clock: ManualClock;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cdm-hook-'));
  dir = openRequestsDir(join(root, 'requests'));
  clock = manualClock();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const waiting = (since: number): SessionRecord => ({
  sessionId: SESSION,
  status: 'waiting',
  waitingFor: 'permission prompt',
  statusUpdatedAt: since,
});
const busy = (since: number): SessionRecord => ({ sessionId: SESSION, status: 'busy', statusUpdatedAt: since });

function ports(record: () => SessionRecord | null, alive = () => true): HookPorts {
  let n = 0;
  return { dir, clock, random: () => (++n).toString(16).padStart(12, 'a'), claudePid: 4242, claudeAlive: alive, record };
}

describe("the hook's input", () => {
  it("reads what a real 2.1.332 peer gave its hook: a Bash prompt's whole command, and a question's", () => {
    expect(parseHookInput(STDIN)).toMatchObject({
      session_id: SESSION,
      tool_name: 'Bash',
      tool_input: { command: expect.stringMatching(/^touch \//u), description: 'Touch a file' },
      permission_suggestions: [expect.objectContaining({ type: 'addDirectories' }), expect.objectContaining({ type: 'setMode' })],
    });
    expect(parseHookInput(QUESTION)).toMatchObject({ tool_name: 'AskUserQuestion' });
  });

  it.each([
    ['not JSON', 'hello', /not JSON/u],
    ['another event', JSON.stringify({ ...JSON.parse(STDIN), hook_event_name: 'PreToolUse' }), /not a PermissionRequest/u],
    ['no tool', JSON.stringify({ ...JSON.parse(STDIN), tool_name: undefined }), /not a PermissionRequest/u],
    ['too big', `${' '.repeat(1024 * 1024 + 1)}`, /over 1048576 bytes/u],
  ])('refuses %s, in one line', (_, text, why) => {
    expect(() => parseHookInput(text)).toThrow(HookInputError);
    expect(() => parseHookInput(text)).toThrow(why);
  });
});

describe('a request, start to end', () => {
  it('registers, waits, and hands over the one answer it is given, in the shape Claude Code reads', async () => {
    const run = runPermissionHook(
      parseHookInput(STDIN),
      ports(() => waiting(1)),
    );
    await clock.advance(0);
    const [request] = pendingRequests(dir, clock.now());
    expect(request).toMatchObject({
      tool: 'Bash',
      session_id: SESSION,
      claude_pid: 4242,
      input: { command: expect.stringMatching(/^touch/u) },
    });
    expect(request!.id).toMatch(/^rq-[0-9a-f]{12}$/u);
    await clock.advance(5 * HOOK_POLL_MS); // nothing decides by itself
    expect(readRequest(dir, request!.id)).not.toBeNull();
    expect(claimRequest(dir, request!.id, { behavior: 'deny', message: 'use rg instead', by: 'test', at: 1 }).won).toBe(true);
    await clock.advance(HOOK_POLL_MS);
    const done = await run;
    expect(JSON.parse(done.output!)).toEqual({
      hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: 'use rg instead' } },
    });
    finishHook(dir, done);
    expect(readRequest(dir, request!.id)).toBeNull();
    expect(readClosed(dir, request!.id)).toMatchObject({ how: 'decided', decision: { behavior: 'deny' } });
    expect(pendingRequests(dir, clock.now())).toEqual([]);
  });

  it('answered on screen (the record leaves waiting): leaves at the next look, deciding nothing', async () => {
    let record = waiting(1);
    const run = runPermissionHook(
      parseHookInput(STDIN),
      ports(() => record),
    );
    await clock.advance(3 * HOOK_POLL_MS);
    record = busy(2);
    await clock.advance(HOOK_POLL_MS);
    const done = await run;
    expect(done.output).toBeNull();
    expect(done.closed).toMatchObject({ how: 'over', why: 'answered another way (the session is busy)' });
  });

  it('a next prompt open before this hook looked again (a new waiting) ends this one too', () => {
    const start = { sessionId: SESSION, startedAt: 0 };
    const first = lookAtRecord(start, { waitingSince: null, unreadLooks: 0 }, { now: 10, alive: true, record: waiting(5) });
    expect(first.over).toBeNull();
    expect(lookAtRecord(start, first.seen, { now: 20, alive: true, record: waiting(5) }).over).toBeNull();
    expect(lookAtRecord(start, first.seen, { now: 30, alive: true, record: waiting(25) }).over).toMatch(/another prompt is open/u);
    expect(lookAtRecord(start, first.seen, { now: 30, alive: false, record: waiting(5) }).over).toBe('the session ended');
    expect(lookAtRecord(start, first.seen, { now: 30, alive: true, record: { ...waiting(5), sessionId: 'other' } }).over).toMatch(
      /moved on/u,
    );
  });

  it('a record not yet waiting is given a moment; after it, the prompt was answered before the hook was up', () => {
    const start = { sessionId: SESSION, startedAt: 0 };
    const none = { waitingSince: null, unreadLooks: 0 };
    expect(lookAtRecord(start, none, { now: WAITING_GRACE_MS - 1, alive: true, record: busy(1) }).over).toBeNull();
    expect(lookAtRecord(start, none, { now: WAITING_GRACE_MS, alive: true, record: busy(1) }).over).toMatch(/before the hook was up/u);
    const unread = lookAtRecord(start, none, { now: WAITING_GRACE_MS, alive: true, record: null });
    expect(unread.over).toBeNull();
    expect(lookAtRecord(start, unread.seen, { now: WAITING_GRACE_MS, alive: true, record: null }).over).toBe('its sessions record is gone');
  });

  it('the first answer wins; a second is told the first', async () => {
    const run = runPermissionHook(
      parseHookInput(STDIN),
      ports(() => waiting(1)),
    );
    await clock.advance(0);
    const [request] = pendingRequests(dir, clock.now());
    expect(claimRequest(dir, request!.id, { behavior: 'allow', by: 'first', at: 1 })).toMatchObject({ won: true });
    expect(claimRequest(dir, request!.id, { behavior: 'deny', by: 'second', at: 2 })).toEqual({
      won: false,
      standing: { behavior: 'allow', by: 'first', at: 1 },
    });
    await clock.advance(HOOK_POLL_MS);
    expect(JSON.parse((await run).output!).hookSpecificOutput.decision).toEqual({ behavior: 'allow' });
  });

  it('a request whose hook is gone (killed, timed out) is not pending: it is closed', () => {
    const run = runPermissionHook(
      parseHookInput(STDIN),
      ports(() => waiting(1)),
    );
    void run;
    const [request] = pendingRequests(dir, clock.now(), () => true);
    expect(pendingRequests(dir, clock.now(), () => false)).toEqual([]);
    expect(readClosed(dir, request!.id)).toMatchObject({ how: 'over', why: 'its hook process ended' });
  });

  it('allow adds only the permissions given; a deny without a message says nothing more', () => {
    expect(JSON.parse(decisionOutput({ behavior: 'allow', updatedPermissions: [{ type: 'addRules' }], by: 'x', at: 1 }))).toEqual({
      hookSpecificOutput: {
        hookEventName: 'PermissionRequest',
        decision: { behavior: 'allow', updatedPermissions: [{ type: 'addRules' }] },
      },
    });
    expect(JSON.parse(decisionOutput({ behavior: 'deny', by: 'x', at: 1 })).hookSpecificOutput.decision).toEqual({ behavior: 'deny' });
  });
});

describe('what y, n and a decide', () => {
  const r = { suggestions: (parseHookInput(STDIN).permission_suggestions ?? []) as unknown[] };

  it("a adds only the request's own suggestions, never a switch of mode; y adds nothing; n tells Claude why", () => {
    expect(r.suggestions.map((x) => (x as { type: string }).type)).toEqual(['addDirectories', 'setMode']);
    expect(decisionFor('a', r, 'me', 1)).toEqual({ behavior: 'allow', updatedPermissions: [r.suggestions[0]], by: 'me', at: 1 });
    expect(decisionFor('y', r, 'me', 1)).toEqual({ behavior: 'allow', by: 'me', at: 1 });
    expect(decisionFor('n', r, 'me', 1, 'use rg')).toEqual({ behavior: 'deny', message: 'use rg', by: 'me', at: 1 });
  });
});

describe('a question through the hook', () => {
  const question = parseHookInput(QUESTION);
  const request = { tool: question.tool_name, input: question.tool_input };

  it("an option's number is allow with the question's answer in its input, as Claude Code takes it", () => {
    const d = questionDecision(request, '2', 'test', 1)!;
    expect(JSON.parse(decisionOutput(d)).hookSpecificOutput.decision).toEqual({
      behavior: 'allow',
      updatedInput: { ...question.tool_input, answers: { 'Which colour should the button be?': 'Green' } },
    });
  });

  it('a number past its own options (Type something., Chat about this), a multiple choice or a Bash prompt: keys', () => {
    expect(questionDecision(request, '4', 'test', 1)).toBeNull();
    const multi = { ...request, input: { questions: [{ ...(question.tool_input.questions as object[])[0]!, multiSelect: true }] } };
    expect(questionDecision(multi, '1', 'test', 1)).toBeNull();
    expect(questionDecision({ tool: 'Bash', input: { command: 'ls' } }, '1', 'test', 1)).toBeNull();
  });

  it('Esc on the prompt (SIGTERM from Claude Code) ends the hook at once, deciding nothing', async () => {
    let cancelled = false;
    const run = runPermissionHook(parseHookInput(STDIN), { ...ports(() => waiting(1)), cancelled: () => cancelled });
    await clock.advance(HOOK_POLL_MS);
    cancelled = true;
    await clock.advance(HOOK_POLL_MS);
    expect(await run).toMatchObject({ output: null, closed: { how: 'over', why: 'cancelled on screen (Esc)' } });
  });
});

describe('the requests folder', () => {
  it('is made 0700 and refused when another could enter it or it is not a real folder', () => {
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const st = (o: Partial<{ uid: number; mode: number; dir: boolean; link: boolean }>) => ({
      uid: o.uid ?? 1000,
      mode: o.mode ?? 0o40700,
      isDirectory: () => o.dir ?? true,
      isSymbolicLink: () => o.link ?? false,
    });
    expect(unsafeRequestsDir('/d', st({}), 1000)).toBeNull();
    expect(unsafeRequestsDir('/d', st({ uid: 0 }), 1000)).toMatch(/owned by uid 0/u);
    expect(unsafeRequestsDir('/d', st({ mode: 0o40750 }), 1000)).toMatch(/open to others \(mode 750\)/u);
    expect(unsafeRequestsDir('/d', st({ link: true }), 1000)).toMatch(/symbolic link/u);
    const file = join(root, 'file');
    writeFileSync(file, '');
    expect(() => openRequestsDir(file)).toThrow();
  });

  it('a file in it that is not a request is ignored', () => {
    writeFileSync(join(dir, 'rq-0123456789ab.json'), '{"id":"rq-0123456789ab","half":');
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    expect(pendingRequests(dir, 0)).toEqual([]);
  });
});
