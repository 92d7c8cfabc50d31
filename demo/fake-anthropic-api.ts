// A fake Anthropic Messages API on 127.0.0.1 that drives a real Claude Code binary into any
// state we want, offline. See /work/shared/REAL-CLAUDE-OFFLINE.md for the protocol.
//
// What a turn does is chosen from the user's own text (the last text block of the last user
// message that does not start with `<system-reminder>`):
//
//   keyword          | reply
//   -----------------+---------------------------------------------------------------------------
//   (none)           | text `ECHO: <user text>` at once, end_turn
//   slowN            | wait N seconds first (peer stays busy); combines with any other keyword;
//                    | stops waiting quietly when the client disconnects (Esc)
//   streamN          | N words `word1 word2 ...`, one text_delta every ~250 ms, a line break
//                    | after every 5th word (Claude Code renders only finished lines)
//   bash: <command>  | tool_use `Bash` {command, description: "Run a command"}, stop_reason tool_use
//   write: <path>    | tool_use `Write` {file_path: <path>, content: "hello\n"}
//   fetch: <url>     | tool_use `WebFetch` {url, prompt: "Summarise the page"}
//   read: <path>     | tool_use `Read` {file_path: <path>}
//   bash             | tool_use `Bash` `touch <outside>/touched-<n>` ("please run bash now")
//   write            | tool_use `Write` `<outside>/new-<n>.txt` ("please do write a file")
//   read             | tool_use `Read` `<outside>/hello.txt`
//   edit             | `Read` `<work>/hello.txt` (never asked), then on its result `Edit` of it
//                    | (hello world → hello edited world); `edit outside`: `<outside>/hello.txt`
//   fetch            | tool_use `WebFetch` https://example.com/
//   plan             | in plan mode: `Write` the plan to the file its plan-mode reminder names, then on its
//                    | result `ExitPlanMode` (plan approval); with no plan file named, `ExitPlanMode` at once
//   askme            | tool_use `AskUserQuestion`: "Which colour should the button be?" (Red/Green/Blue)
//   err400           | HTTP 400 invalid_request_error at once (shown by Claude Code at once)
//   err529           | HTTP 529 overloaded_error (Claude Code retries for minutes: busy)
//   reply: <text>    | exactly <text> (the rest of the message) as the assistant's text, end_turn
//   hostile          | HOSTILE_TEXT: words between a clipboard write (OSC 52), a title (OSC 0), a link (OSC 8),
//                    | a screen clear (CSI 2J), an 8-bit CSI (U+009B), a BEL and U+202E, end_turn (what a
//                    | fetched page or a coloured command output can put in a transcript)
//
// Only the first of `reply:` / `bash:` / `write:` / `fetch:` / `read:` counts: `reply:` takes the rest of the
// message, the others the rest of their line; the other keywords count only before it (`slow3 bash: ls`
// waits, `bash: echo slow3` does not). Precedence: err400, err529, the `word:` forms, hostile, askme, plan, edit,
// bash, write, read, fetch, stream, echo.
//
// `<work>` is the peer's working folder, read from the environment block (`Primary working directory:`),
// which 2.1.197 sends in `system` and 2.1.3xx in a `{role: "system"}` message; `<outside>` is the folder
// above it (the peer's HOME in the demo's layout). Why outside: in auto mode (2.1.3xx's default) only a
// call that reaches outside the working folder is asked; in manual mode such calls are asked too, so one
// keyword raises a prompt in both modes. prepareClaudeHome writes the hello.txt files these read and edit.
//
// Not keyword-driven:
// - a request whose last user message carries a `tool_result` of a multi-step keyword's first call
//   (edit, plan): that keyword's next call;
// - any other `tool_result` (any tool, approved or not) with no words of the user's: text
//   `The command finished.`, end_turn. After a denied tool
//   the user's next prompt rides in that same message, after the tool_result: its words are
//   read by the keywords above;
// - title side-requests (system prompt mentions a title, no tools): `{"title":"<first 4 words>"}`
//   taken from the `<session>` text they carry;
// - `/v1/messages/count_tokens`: {"input_tokens": N}; any other path (Claude Code sends
//   `HEAD /` at start-up): 404 JSON error.
// A normal turn's last message is often a `system` one (the agent list): only `user` ones are read.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pause } from '../src/util/pause.js';
import { replyAsJson, streamReply } from './sse.js';
import { unwrapPeerMessage } from '../src/transcript/peer-wrapper.js';
import type { Reply } from './sse.js';

export interface FakeAnthropicApi {
  port: number;
  url: string;
  /** Every request received, in order (userText is '' when there is none). */
  requests: Array<{ path: string; userText: string }>;
  /** Requests still being handled (waiting out a slowN, streaming): 0 once every client got its answer or went away. */
  inFlight(): number;
  close(): Promise<void>;
}

const STREAM_WORD_DELAY_MS = 250;
// Claude Code 2.1.197 shows streamed text a finished line at a time (spinner until then):
// without line breaks the whole answer would pop up at the end.
const WORDS_PER_LINE = 5;

interface ContentBlock {
  type?: string;
  text?: string;
  /** tool_use */
  id?: string;
  name?: string;
  input?: Record<string, unknown>;
  /** tool_result */
  tool_use_id?: string;
  is_error?: boolean;
}
interface ApiMessage {
  role?: string;
  content?: string | ContentBlock[];
}
interface MessagesRequest {
  model?: string;
  stream?: boolean;
  system?: string | ContentBlock[];
  tools?: unknown[];
  messages?: ApiMessage[];
}

function blocksOf(content: ApiMessage['content']): ContentBlock[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? content : [];
}

function lastUserMessage(body: MessagesRequest): ApiMessage | undefined {
  return (body.messages ?? []).filter((m) => m.role === 'user').at(-1);
}

/** The user's own words: the last text block of the last user message that is not a system reminder. */
export function userTextOf(body: MessagesRequest): string {
  const texts = blocksOf(lastUserMessage(body)?.content)
    .filter((b) => b.type === 'text' && typeof b.text === 'string' && !b.text.trimStart().startsWith('<system-reminder>'))
    .map((b) => b.text as string);
  const text = texts.at(-1) ?? '';
  // A message through the peer inbox (2.1.3xx) arrives wrapped: its keywords are the sender's words, not the note's.
  return (unwrapPeerMessage(text) ?? text).trim();
}

function hasToolResult(body: MessagesRequest): boolean {
  return blocksOf(lastUserMessage(body)?.content).some((b) => b.type === 'tool_result');
}

/** Every text the request carries: `system`, then each message's text blocks, in order. */
function allTexts(body: MessagesRequest): string[] {
  const system = typeof body.system === 'string' ? [body.system] : blocksOf(body.system).map((b) => b.text ?? '');
  return [...system, ...(body.messages ?? []).flatMap((m) => blocksOf(m.content).map((b) => b.text ?? ''))];
}

/**
 * The peer's working folder from the environment block: in `system` (2.1.197) or in a `{role: "system"}`
 * message (2.1.3xx). The last mention wins.
 */
export function workingDirOf(body: MessagesRequest): string | undefined {
  const found = allTexts(body).flatMap((t) => [...t.matchAll(/Primary working directory: (\S[^\n]*)/g)].map((m) => m[1]!.trim()));
  return found.at(-1);
}

/** The plan file a plan-mode reminder names (`…create your plan at /…/.claude/plans/<slug>.md…`); the last wins. */
export function planFileOf(body: MessagesRequest): string | undefined {
  const found = allTexts(body).flatMap((t) => [...t.matchAll(/(\/\S*\/plans\/[^\s`'"]+\.md)\b/g)].map((m) => m[1]!));
  return found.at(-1);
}

/** The tool_use a tool_result in the last user message answers, looked up in the assistant messages. */
function answeredToolUse(body: MessagesRequest): ContentBlock | undefined {
  const result = blocksOf(lastUserMessage(body)?.content).find((b) => b.type === 'tool_result');
  if (!result?.tool_use_id) return undefined;
  const uses = (body.messages ?? []).filter((m) => m.role === 'assistant').flatMap((m) => blocksOf(m.content));
  return uses.find((b) => b.type === 'tool_use' && b.id === result.tool_use_id);
}

function isTitleRequest(body: MessagesRequest): boolean {
  const system =
    typeof body.system === 'string'
      ? body.system
      : blocksOf(body.system)
          .map((b) => b.text ?? '')
          .join('\n');
  return (body.tools ?? []).length === 0 && /\btitle\b/i.test(system);
}

/** What the `hostile` keyword replies: every kind of sequence that must never reach a reader's terminal, words around each. */
export const HOSTILE_TEXT =
  'before-osc52 \x1b]52;c;aGktdGhlcmU=\x07 after-osc52 \x1b]0;pwned-title\x07 after-title ' +
  '\x1b]8;;https://evil.invalid/\x1b\\link-text\x1b]8;;\x1b\\ after-link \x1b[2J after-clear ' +
  '\u009b31m after-c1 bell\x07after-bell \u202eesrever after-bidi';
/** The words of HOSTILE_TEXT a reader must still be shown. */
export const HOSTILE_WORDS = [
  'before-osc52',
  'after-osc52',
  'after-title',
  'link-text',
  'after-link',
  'after-clear',
  'after-c1',
  'after-bell',
  'after-bidi',
];

const text = (s: string): Reply => ({ blocks: [{ type: 'text', chunks: [s] }], stopReason: 'end_turn' });

type Plan = { kind: 'error'; status: number; errorType: string; message: string } | { kind: 'reply'; delaySeconds: number; reply: Reply };

const toolCall = (id: string, name: string, input: Record<string, unknown>, delaySeconds = 0): Plan => ({
  kind: 'reply',
  delaySeconds,
  reply: { blocks: [{ type: 'tool_use', id, name, input }], stopReason: 'tool_use' },
});

const PLAN_TEXT = '# Plan: greeting file\n\n1. Create hello.txt\n2. Write a greeting into it\n3. Run the tests\n';
/** A multi-step keyword's first call carries its next step in its id: toolu_<step>_<n>. */
const NEXT_STEP = /^toolu_(editread|planwrite)_/;

/** The second call of edit (Edit after its Read) or plan (ExitPlanMode after writing the plan file). */
function nextStep(body: MessagesRequest, newToolId: () => string): Plan | undefined {
  const use = answeredToolUse(body);
  const step = use?.id ? NEXT_STEP.exec(use.id)?.[1] : undefined;
  if (!use || !step) return undefined;
  const id = newToolId();
  if (step === 'editread') {
    const file = String(use.input?.file_path ?? '');
    return toolCall(id, 'Edit', { file_path: file, old_string: 'hello world', new_string: 'hello edited world', replace_all: false });
  }
  return toolCall(id, 'ExitPlanMode', { plan: PLAN_TEXT, planFilePath: String(use.input?.file_path ?? '') });
}

/** Decides what a /v1/messages request gets. newToolId() must return a fresh id per call. */
export function planReply(body: MessagesRequest, newToolId: () => string): Plan {
  const user = userTextOf(body);
  if (hasToolResult(body) && (user === '' || user.startsWith('[Request interrupted'))) {
    // A rejected first step ("[Request interrupted…") ends the turn like any other tool.
    const next = user === '' ? nextStep(body, newToolId) : undefined;
    return next ?? { kind: 'reply', delaySeconds: 0, reply: text('The command finished.') };
  }
  if (isTitleRequest(body)) {
    const session = /<session>([\s\S]*?)<\/session>/.exec(user)?.[1] ?? user;
    const words = session.trim().split(/\s+/).slice(0, 4).join(' ');
    const title = words ? words.charAt(0).toUpperCase() + words.slice(1) : 'New session';
    return { kind: 'reply', delaySeconds: 0, reply: text(JSON.stringify({ title })) };
  }

  // The first of reply:/bash:/write:/fetch:/read: takes the rest of the message (reply:) or line; the
  // other keywords count only before it.
  const arg = /\b(reply|bash|write|fetch|read):[ \t]?/.exec(user);
  const head = arg ? user.slice(0, arg.index) : user;
  const rest = arg ? user.slice(arg.index + arg[0].length) : '';
  const has = (word: string): boolean => new RegExp(`\\b${word}\\b`).test(head);
  const delaySeconds = Number(/\bslow(\d+)\b/.exec(head)?.[1] ?? 0);
  const tool = (name: string, input: Record<string, unknown>, id = newToolId()): Plan => toolCall(id, name, input, delaySeconds);
  const work = workingDirOf(body) ?? tmpdir();
  const outside = dirname(work);

  if (has('err400')) return { kind: 'error', status: 400, errorType: 'invalid_request_error', message: 'err400: a fake bad request' };
  if (has('err529')) return { kind: 'error', status: 529, errorType: 'overloaded_error', message: 'Overloaded' };
  if (arg?.[1] === 'reply') return { kind: 'reply', delaySeconds, reply: text(rest) };
  if (!arg && has('hostile')) return { kind: 'reply', delaySeconds, reply: text(HOSTILE_TEXT) };
  const line = rest.split('\n')[0]?.trim() ?? '';
  if (arg?.[1] === 'bash') return tool('Bash', { command: line, description: 'Run a command' });
  if (arg?.[1] === 'write') return tool('Write', { file_path: line, content: 'hello\n' });
  if (arg?.[1] === 'fetch') return tool('WebFetch', { url: line, prompt: 'Summarise the page' });
  if (arg?.[1] === 'read') return tool('Read', { file_path: line });
  if (has('askme')) {
    return tool('AskUserQuestion', {
      questions: [
        {
          question: 'Which colour should the button be?',
          header: 'Colour',
          multiSelect: false,
          options: [
            { label: 'Red', description: 'A bold red button' },
            { label: 'Green', description: 'A calm green button' },
            { label: 'Blue', description: 'The default blue' },
          ],
        },
      ],
    });
  }
  const n = newToolId().replace(/^toolu_fake_/, '');
  if (has('plan')) {
    const planFile = planFileOf(body);
    if (!planFile) return tool('ExitPlanMode', { plan: PLAN_TEXT });
    return tool('Write', { file_path: planFile, content: PLAN_TEXT }, `toolu_planwrite_${n}`);
  }
  if (has('edit')) return tool('Read', { file_path: join(has('outside') ? outside : work, 'hello.txt') }, `toolu_editread_${n}`);
  if (has('bash')) return tool('Bash', { command: `touch ${join(outside, `touched-${n}`)}`, description: 'Touch a file' });
  if (has('write')) return tool('Write', { file_path: join(outside, `new-${n}.txt`), content: 'line one\nline two\n' });
  if (has('read')) return tool('Read', { file_path: join(outside, 'hello.txt') });
  if (has('fetch')) return tool('WebFetch', { url: 'https://example.com/', prompt: 'Summarise the page' });
  const streamWords = Number(/\bstream(\d+)\b/.exec(head)?.[1] ?? 0);
  if (streamWords > 0) {
    const separator = (i: number): string => (i === 0 ? '' : i % WORDS_PER_LINE === 0 ? '\n' : ' ');
    const chunks = Array.from({ length: streamWords }, (_, i) => `${separator(i)}word${i + 1}`);
    return {
      kind: 'reply',
      delaySeconds,
      reply: { blocks: [{ type: 'text', chunks, chunkDelayMs: STREAM_WORD_DELAY_MS }], stopReason: 'end_turn' },
    };
  }
  return { kind: 'reply', delaySeconds, reply: text(`ECHO: ${user}`) };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeAnthropicApi(opts: { port?: number; log?: boolean } = {}): Promise<FakeAnthropicApi> {
  const requests: FakeAnthropicApi['requests'] = [];
  let counter = 0;
  let inFlight = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Esc in Claude Code closes the request: abort whatever this handler is waiting on.
    const aborter = new AbortController();
    res.on('close', () => aborter.abort());
    res.on('error', () => aborter.abort());
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const raw = await readBody(req);
    let body: MessagesRequest = {};
    try {
      body = raw ? (JSON.parse(raw) as MessagesRequest) : {};
    } catch {
      // not JSON: treated as empty
    }
    const userText = userTextOf(body);
    requests.push({ path, userText });
    if (opts.log) console.error(`[fake-api] ${req.method} ${req.url} ${JSON.stringify(userText.slice(0, 80))}`);

    if (req.method === 'POST' && path === '/v1/messages/count_tokens') {
      sendJson(res, 200, { input_tokens: Math.max(1, Math.ceil(raw.length / 4)) });
      return;
    }
    if (req.method !== 'POST' || path !== '/v1/messages') {
      sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: `Not found: ${path}` } });
      return;
    }

    const n = ++counter;
    let toolSeq = 0;
    const plan = planReply(body, () => `toolu_fake_${n}_${++toolSeq}`);
    if (plan.kind === 'error') {
      sendJson(res, plan.status, { type: 'error', error: { type: plan.errorType, message: plan.message } });
      return;
    }
    if (plan.delaySeconds > 0 && !(await pause(plan.delaySeconds * 1000, aborter.signal))) return;
    const meta = { messageId: `msg_fake_${n}`, model: body.model ?? 'claude-fake', inputTokens: Math.ceil(raw.length / 4) };
    if (body.stream === true) await streamReply(res, aborter.signal, plan.reply, meta);
    else sendJson(res, 200, replyAsJson(plan.reply, meta));
  }

  const server = createServer((req, res) => {
    inFlight++;
    handle(req, res)
      .finally(() => inFlight--)
      .catch((err: unknown) => {
        if (opts.log) console.error('[fake-api] handler failed:', err);
        if (!res.headersSent) sendJson(res, 500, { type: 'error', error: { type: 'api_error', message: String(err) } });
        else res.destroy();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    inFlight: () => inFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
