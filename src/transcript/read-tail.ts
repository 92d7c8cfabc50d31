// Reads a JSONL transcript from its end. Transcripts reach hundreds of MB, so nothing
// here loads a whole file: lines are split on raw bytes (UTF-8 never breaks inside a
// chunk boundary that way) and reading stops once the caller has what it needs.
import { open } from 'node:fs/promises';
import { oversizedLine, pendingToolUseId, recordToBlocks, turnFacts, type TextBlock, type TurnFacts } from './records.js';

const CHUNK = 64 * 1024;
/** Never read more than this from the end for one request. */
export const MAX_TAIL_BYTES = 32 * 1024 * 1024;
/** A line longer than this is not parsed (a pasted image, a huge tool result): a note stands in for it. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/**
 * Yields the file's lines newest first; the last line is included even without a newline.
 * endAt: read as if the file ended there (where a follower will take over).
 */
export async function* linesFromEnd(path: string, maxBytes = MAX_TAIL_BYTES, endAt = Number.POSITIVE_INFINITY): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  try {
    const size = Math.min((await file.stat()).size, endAt);
    let pos = size;
    let carry: Buffer[] = [];
    let carryLength = 0;
    let skipping = false;
    const floor = Math.max(0, size - maxBytes);
    while (pos > floor) {
      const length = Math.min(CHUNK, pos - floor);
      pos -= length;
      const buf = Buffer.alloc(length);
      await file.read(buf, 0, length, pos);
      let end = length;
      for (let i = length - 1; i >= 0; i--) {
        if (buf[i] !== 0x0a) continue;
        const piece = buf.subarray(i + 1, end);
        if (skipping) yield oversizedLine(carryLength + piece.length);
        else {
          const line = carry.length ? Buffer.concat([piece, ...carry]) : piece;
          if (line.length > 0) yield line;
        }
        carry = [];
        carryLength = 0;
        skipping = false;
        end = i;
      }
      // While skipping, carryLength still counts the line's bytes (for the note), no bytes are kept.
      if (!skipping) carry.unshift(buf.subarray(0, end));
      carryLength += end;
      if (!skipping && carryLength > MAX_LINE_BYTES) {
        carry = [];
        skipping = true;
      }
    }
    // The first line of the file (or of the window we were allowed to read) when complete.
    if (pos === 0 && carryLength > 0) yield skipping ? oversizedLine(carryLength) : Buffer.concat(carry);
    // The window ended inside a line too long to parse: say it is there.
    else if (pos > 0 && skipping) yield oversizedLine(carryLength, true);
  } finally {
    await file.close();
  }
}

export function parseLine(line: Buffer): unknown {
  try {
    return JSON.parse(line.toString('utf8'));
  } catch {
    return undefined; // a half-written last line, or garbage: skipped
  }
}

export interface TailSummary extends TurnFacts {
  /** Up to `count` text blocks, oldest first. */
  blocks: TextBlock[];
  /** The newest tool call still waiting for its result (an open prompt's), null when none. */
  pendingToolUseId: string | null;
}

/**
 * Claude Code does not append records in time order: a turn's assistant tool_use can be
 * flushed before the user prompt that caused it (seen on 2.1.197). So records are put
 * back in timestamp order, and reading goes this many records past the point where
 * enough seemed found.
 */
export const REORDER_MARGIN = 16;

/**
 * The last `count` text blocks plus the turn facts. Reads only as far back as needed
 * for both (turn facts are settled within the last turn or two).
 */
export async function readTail(path: string, count: number, maxBytes = MAX_TAIL_BYTES, endAt?: number): Promise<TailSummary> {
  const newestFirst: unknown[] = [];
  let blocks = 0;
  let sawStopReason = false;
  let margin = REORDER_MARGIN;
  for await (const line of linesFromEnd(path, maxBytes, endAt)) {
    const record = parseLine(line);
    if (record === undefined) continue;
    newestFirst.push(record);
    sawStopReason ||= hasStopReason(record);
    blocks += recordToBlocks(record).length;
    // The newest stop_reason settles the turn facts; a modal's tool_use is always newer still.
    if (blocks >= count && sawStopReason && margin-- <= 0) break;
  }
  const ordered = inTimeOrder(newestFirst.reverse());
  const all = ordered.flatMap(recordToBlocks);
  const latestFirst = ordered.reverse();
  return { ...turnFacts(latestFirst), pendingToolUseId: pendingToolUseId(latestFirst), blocks: all.slice(Math.max(0, all.length - count)) };
}

/** Oldest first by timestamp; records without one keep their place among equals. */
export function inTimeOrder(fileOrder: unknown[]): unknown[] {
  const keyed = fileOrder.map((record, index) => ({ record, index, at: timestampOf(record) }));
  let last = Number.NEGATIVE_INFINITY;
  for (const k of keyed) {
    // An untimed record sorts with the timed one before it in the file.
    if (Number.isNaN(k.at)) k.at = last;
    else last = k.at;
  }
  keyed.sort((a, b) => a.at - b.at || a.index - b.index);
  return keyed.map((k) => k.record);
}

function timestampOf(record: unknown): number {
  const t = (record as { timestamp?: unknown } | null)?.timestamp;
  return typeof t === 'string' ? Date.parse(t) : Number.NaN;
}

function hasStopReason(record: unknown): boolean {
  const message = (record as { type?: unknown; message?: { stop_reason?: unknown } } | null)?.message;
  return (record as { type?: unknown }).type === 'assistant' && typeof message?.stop_reason === 'string';
}
