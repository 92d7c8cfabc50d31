// Server-Sent Events in the shape of the Anthropic Messages API stream, as Claude Code
// expects them: message_start, then per content block start / delta(s) / stop, then
// message_delta (with stop_reason) and message_stop. Every write checks the abort signal:
// Claude Code closes the request when the user presses Esc, and a dead socket must not
// turn into an unhandled error.
import type { ServerResponse } from 'node:http';
import { pause } from '../src/util/pause.js';

export type StopReason = 'end_turn' | 'tool_use';

export type ReplyBlock =
  /** Text sent as one text_delta per chunk, waiting chunkDelayMs before every chunk after the first. */
  | { type: 'text'; chunks: string[]; chunkDelayMs?: number }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

export interface Reply {
  blocks: ReplyBlock[];
  stopReason: StopReason;
}

function writeEvent(res: ServerResponse, signal: AbortSignal, name: string, data: unknown): boolean {
  if (signal.aborted || res.destroyed) return false;
  res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  return true;
}

/** Streams reply as SSE on res and ends it; stops quietly if the client goes away. */
export async function streamReply(
  res: ServerResponse,
  signal: AbortSignal,
  reply: Reply,
  meta: { messageId: string; model: string; inputTokens: number },
): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'request-id': `req_${meta.messageId}`,
  });
  const ok = writeEvent(res, signal, 'message_start', {
    type: 'message_start',
    message: {
      id: meta.messageId,
      type: 'message',
      role: 'assistant',
      model: meta.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: meta.inputTokens, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    },
  });
  if (!ok) return;

  let outputTokens = 0;
  for (const [index, block] of reply.blocks.entries()) {
    if (block.type === 'text') {
      if (
        !writeEvent(res, signal, 'content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } })
      )
        return;
      for (const [i, text] of block.chunks.entries()) {
        if (i > 0 && block.chunkDelayMs && !(await pause(block.chunkDelayMs, signal))) return;
        if (!writeEvent(res, signal, 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text } }))
          return;
        outputTokens += 1;
      }
    } else {
      const start = { type: 'content_block_start', index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } };
      if (!writeEvent(res, signal, 'content_block_start', start)) return;
      const partial_json = JSON.stringify(block.input);
      if (
        !writeEvent(res, signal, 'content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json },
        })
      )
        return;
      outputTokens += 10;
    }
    if (!writeEvent(res, signal, 'content_block_stop', { type: 'content_block_stop', index })) return;
  }
  if (
    !writeEvent(res, signal, 'message_delta', {
      type: 'message_delta',
      delta: { stop_reason: reply.stopReason, stop_sequence: null },
      usage: { output_tokens: Math.max(1, outputTokens) },
    })
  )
    return;
  if (!writeEvent(res, signal, 'message_stop', { type: 'message_stop' })) return;
  res.end();
}

/** The same reply as one non-streaming JSON message (for requests without "stream": true). */
export function replyAsJson(reply: Reply, meta: { messageId: string; model: string; inputTokens: number }): unknown {
  return {
    id: meta.messageId,
    type: 'message',
    role: 'assistant',
    model: meta.model,
    content: reply.blocks.map((b) =>
      b.type === 'text' ? { type: 'text', text: b.chunks.join('') } : { type: 'tool_use', id: b.id, name: b.name, input: b.input },
    ),
    stop_reason: reply.stopReason,
    stop_sequence: null,
    usage: { input_tokens: meta.inputTokens, output_tokens: 1 },
  };
}
