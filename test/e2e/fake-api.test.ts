// The fake Anthropic API against the REAL Claude Code binary, in a private tmux server.
// Each test starts its own peer (a few seconds) so one stuck modal cannot spoil the next.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { typeInto, waitForPeerReady, type ClaudePeer } from '../../demo/claude-peer.js';
import { startFakeAnthropicApi } from '../../demo/fake-anthropic-api.js';
import { startRealPeers, type RealPeers } from '../support/real-peers.js';
import { eventually } from '../support/run-cli.js';
import { transcriptRecords } from '../support/transcripts.js';

const BRAILLE = /^[\u2800-\u28ff]/;

let h: RealPeers;
beforeAll(async () => {
  h = await startRealPeers({ version: '2.1.197' });
}, 60_000);
afterAll(async () => h?.close());

const startPeer = (name: string): Promise<ClaudePeer> => h.start(name);
const waitFor = (peer: ClaudePeer, predicate: (screen: string) => boolean, timeoutMs = 15_000) => h.screen(peer, predicate, timeoutMs);

function assistantTexts(configDir: string): string[] {
  return transcriptRecords(configDir).flatMap((record) => {
    const content = (record.message as { content?: unknown } | undefined)?.content;
    if (record.type !== 'assistant' || !Array.isArray(content)) return [];
    return (content as Array<{ type?: string; text?: string }>).flatMap((b) => (b.type === 'text' && b.text ? [b.text] : []));
  });
}

describe('fake Anthropic API with the real Claude Code', () => {
  it('echoes the prompt, on screen and in the transcript', async () => {
    const peer = await startPeer('echo');
    await typeInto(h.tmux.socketPath, peer.paneId, 'hello there', h.tmux.env);
    await waitFor(peer, (s) => s.includes('ECHO: hello there'));
    await eventually(() => assistantTexts(peer.configDir).includes('ECHO: hello there'), 10_000, 'transcript');
    expect(h.api.requests.some((r) => r.path === '/v1/messages' && r.userText === 'hello there')).toBe(true);
  }, 60_000);

  it('slowN keeps the peer busy (spinner title) and survives an Esc', async () => {
    const peer = await startPeer('slow');
    await typeInto(h.tmux.socketPath, peer.paneId, 'please wait slow5', h.tmux.env);
    await eventually(async () => BRAILLE.test(await h.title(peer)), 5_000, 'a braille spinner title');
    // Esc closes the request mid-wait; the server must stay up and answer the next turn.
    await h.press(peer, 'Escape');
    await eventually(async () => !BRAILLE.test(await h.title(peer)), 5_000, 'the spinner to stop');
    await waitForPeerReady(h.tmux.socketPath, peer.paneId, 10_000, h.tmux.env);
    // An Esc before anything streamed puts the prompt back in the box: clear it first.
    await h.press(peer, 'C-u');
    await waitFor(peer, (s) => /^❯\u00a0\s*$/m.test(s), 5_000);
    await typeInto(h.tmux.socketPath, peer.paneId, 'reply: still alive', h.tmux.env);
    await waitFor(peer, (s) => s.includes('● still alive'));
  }, 60_000);

  it('bash: opens a permission modal; 1 runs the command', async () => {
    const peer = await startPeer('bash');
    const target = join(h.tmux.dir, 'touched-by-bash');
    await typeInto(h.tmux.socketPath, peer.paneId, `bash: touch ${target}`, h.tmux.env);
    await waitFor(peer, (s) => s.includes('Do you want to proceed?'));
    expect(existsSync(target)).toBe(false);
    await h.press(peer, '1');
    await waitFor(peer, (s) => s.includes('The command finished.'));
    expect(existsSync(target)).toBe(true);
  }, 60_000);

  it('askme opens the question modal', async () => {
    const peer = await startPeer('askme');
    await typeInto(h.tmux.socketPath, peer.paneId, 'please do askme now', h.tmux.env);
    const screen = await waitFor(peer, (s) => s.includes('Enter to select'));
    expect(screen).toContain('Which colour should the button be?');
    expect(screen).toMatch(/1\. Red/);
  }, 60_000);
});

// The same server over plain HTTP: the SSE shape and every keyword, without Claude Code.
describe('fake Anthropic API over HTTP', () => {
  const userTurn = (text: string, extra: Record<string, unknown> = {}) => ({
    model: 'claude-test',
    stream: true,
    tools: [{ name: 'Bash' }],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: '<system-reminder>\ncontext\n</system-reminder>' },
          { type: 'text', text },
        ],
      },
      { role: 'system', content: 'Available agent types for the Agent tool: ...' },
    ],
    ...extra,
  });

  async function post(body: unknown, path = '/v1/messages?beta=true', signal?: AbortSignal): Promise<Response> {
    return fetch(h.api.url + path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, signal });
  }

  async function events(res: Response): Promise<Array<{ event: string; data: Record<string, any> }>> {
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    return (await res.text())
      .split('\n\n')
      .filter((chunk) => chunk.trim())
      .map((chunk) => {
        const [eventLine, dataLine] = chunk.split('\n');
        return { event: eventLine!.replace('event: ', ''), data: JSON.parse(dataLine!.replace('data: ', '')) };
      });
  }

  const textOf = (evs: Array<{ data: Record<string, any> }>): string =>
    evs
      .filter((e) => e.data.delta?.type === 'text_delta')
      .map((e) => e.data.delta.text)
      .join('');

  it('echoes the last non-reminder text of the last user message, in SSE order', async () => {
    for (const path of ['/v1/messages?beta=true', '/v1/messages']) {
      const evs = await events(await post(userTurn('hi there'), path));
      expect(evs.map((e) => e.event)).toEqual([
        'message_start',
        'content_block_start',
        'content_block_delta',
        'content_block_stop',
        'message_delta',
        'message_stop',
      ]);
      expect(textOf(evs)).toBe('ECHO: hi there');
      expect(evs[4]!.data.delta.stop_reason).toBe('end_turn');
    }
  });

  it('reply: answers the rest of the message verbatim', async () => {
    expect(textOf(await events(await post(userTurn('reply: two\nlines with bash: inside'))))).toBe('two\nlines with bash: inside');
  });

  it('streamN dribbles N words', async () => {
    const started = Date.now();
    const evs = await events(await post(userTurn('stream3')));
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(evs.filter((e) => e.data.delta?.type === 'text_delta')).toHaveLength(3);
    expect(textOf(evs)).toBe('word1 word2 word3');
  });

  it('bash:, write: and askme answer with tool_use blocks with fresh ids; a tool_result gets an answer', async () => {
    const toolOf = async (text: string) => {
      const evs = await events(await post(userTurn(text)));
      expect(evs.find((e) => e.event === 'message_delta')!.data.delta.stop_reason).toBe('tool_use');
      const block = evs.find((e) => e.event === 'content_block_start')!.data.content_block;
      const json = evs.find((e) => e.data.delta?.type === 'input_json_delta')!.data.delta.partial_json as string;
      return { id: block.id as string, name: block.name as string, input: JSON.parse(json) };
    };
    const bash = await toolOf('please bash: touch /tmp/x y');
    expect(bash).toMatchObject({ name: 'Bash', input: { command: 'touch /tmp/x y', description: 'Run a command' } });
    const write = await toolOf('write: /tmp/w.txt');
    expect(write).toMatchObject({ name: 'Write', input: { file_path: '/tmp/w.txt', content: 'hello\n' } });
    const ask = await toolOf('askme');
    expect(ask.name).toBe('AskUserQuestion');
    expect(ask.input.questions[0].options.map((o: { label: string }) => o.label)).toEqual(['Red', 'Green', 'Blue']);
    expect(new Set([bash.id, write.id, ask.id]).size).toBe(3);

    const followUp = {
      model: 'claude-test',
      stream: true,
      messages: [
        { role: 'user', content: 'bash: ls' },
        { role: 'assistant', content: [{ type: 'tool_use', id: bash.id, name: 'Bash', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: bash.id, content: 'ok' }] },
      ],
    };
    expect(textOf(await events(await post(followUp)))).toBe('The command finished.');
    // A denied tool, then a new prompt: it travels in the tool_result's message and is read as one.
    const denied = { type: 'tool_result', tool_use_id: bash.id, content: "The user doesn't want to proceed", is_error: true };
    const interrupted = { type: 'text', text: '[Request interrupted by user for tool use]' };
    const withInterrupt = { ...followUp, messages: [...followUp.messages.slice(0, 2), { role: 'user', content: [denied, interrupted] }] };
    expect(textOf(await events(await post(withInterrupt)))).toBe('The command finished.');
    const withPrompt = {
      ...followUp,
      messages: [...followUp.messages.slice(0, 2), { role: 'user', content: [denied, interrupted, { type: 'text', text: 'hello again' }] }],
    };
    expect(textOf(await events(await post(withPrompt)))).toBe('ECHO: hello again');
  });

  it('answers errors, titles, count_tokens and unknown paths', async () => {
    const e400 = await post(userTurn('err400'));
    expect(e400.status).toBe(400);
    expect(((await e400.json()) as { type: string }).type).toBe('error');
    expect((await post(userTurn('err529'))).status).toBe(529);
    const title = userTurn('<session>\nfix the login button please\n</session>\n\nWrite the title', {
      tools: [],
      system: [{ type: 'text', text: 'Generate a concise, sentence-case title (3-7 words)' }],
    });
    expect(JSON.parse(textOf(await events(await post(title))))).toEqual({ title: 'Fix the login button' });
    const count = await post(userTurn('x'), '/v1/messages/count_tokens?beta=true');
    expect(((await count.json()) as { input_tokens: number }).input_tokens).toBeGreaterThan(0);
    expect((await post({}, '/v1/nope')).status).toBe(404);
  });

  it('slowN stops waiting when the client goes away', async () => {
    // A server of its own: the shared one may be answering the real peers meanwhile.
    const api = await startFakeAnthropicApi();
    onTestFinished(() => api.close());
    const send = (body: unknown, signal?: AbortSignal) =>
      fetch(`${api.url}/v1/messages`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
        ...(signal ? { signal } : {}),
      });
    const aborter = new AbortController();
    const pending = send(userTurn('slow30'), aborter.signal).then(
      () => 'answered',
      () => 'aborted',
    );
    await eventually(() => api.inFlight() === 1, 2_000, 'the request to arrive');
    aborter.abort();
    // Aborted, not answered: it was still waiting out its 30 s (no headers are sent before the wait ends).
    expect(await pending).toBe('aborted');
    // The server stops waiting at once (well inside the 30 s it was asked to wait) ...
    await eventually(() => api.inFlight() === 0, 2_000, 'the handler to stop waiting');
    // ... and answers the next request.
    expect(textOf(await events(await send(userTurn('still here'))))).toBe('ECHO: still here');
    expect(api.inFlight()).toBe(0);
  });
});
