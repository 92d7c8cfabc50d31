// After `ask` delivered a prompt: follow the transcript from where it stood before the
// paste, find our prompt, and gather the assistant's text until the turn ends.
import type { Session } from '../session/session.js';
import { findPeerByPane } from '../session/peers.js';
import { observePeers, transcriptOf } from '../peers/observe.js';
import { TranscriptFollower } from '../transcript/follow.js';
import { inTimeOrder } from '../transcript/read-tail.js';
import { recordToBlocks, turnFacts, type TextBlock } from '../transcript/records.js';
import { pause } from '../util/pause.js';
import { isOurPeerTurn } from '../inbox/outcome.js';

export interface TranscriptMark {
  path: string;
  size: number;
}

export interface Reply {
  status: 'done' | 'modal' | 'timeout' | 'vanished' | 'interrupted';
  reply: string;
  blocks: TextBlock[];
  stopReason: string | null;
  elapsedMs: number;
}

const squash = (s: string) => s.replace(/\s+/gu, '');

/** Splits records (time order) at our prompt; null while the prompt has not landed. */
export function afterPrompt(records: unknown[], prompt: string): unknown[] | null {
  const want = squash(prompt);
  const at = records.findIndex((r) => {
    const blocks = recordToBlocks(r);
    return (r as { type?: string }).type === 'user' && blocks.some((b) => b.role === 'user' && squash(b.text) === want);
  });
  return at < 0 ? null : records.slice(at + 1);
}

/** Our inbox message's turn: the peer's user record with origin.msg_id (its text is Claude Code's wrapper). */
export function afterPeerMessage(records: unknown[], msgId: string): unknown[] | null {
  const at = records.findIndex((r) => isOurPeerTurn(r, msgId));
  return at < 0 ? null : records.slice(at + 1);
}

/** What ask waits for: the text it typed, or the msg_id of what it sent through the inbox. */
export type PromptMatch = string | { msgId: string };

function afterOurs(records: unknown[], prompt: PromptMatch): unknown[] | null {
  return typeof prompt === 'string' ? afterPrompt(records, prompt) : afterPeerMessage(records, prompt.msgId);
}

/** The turn our prompt started has ended: an end_turn or a turn_duration marker after it. */
export function turnEndedAfterPrompt(after: unknown[]): boolean {
  const facts = turnFacts([...after].reverse());
  const marker = after.some(
    (r) => (r as { type?: string; subtype?: string }).type === 'system' && (r as { subtype?: string }).subtype === 'turn_duration',
  );
  return marker || (facts.lastStopReason === 'end_turn' && facts.turnEnded);
}

export async function collectReply(
  ctx: Session,
  paneId: string,
  prompt: PromptMatch,
  mark: TranscriptMark | null,
  timeoutMs: number,
): Promise<Reply> {
  const start = Date.now();
  let follower = mark ? new TranscriptFollower(mark.path, mark.size) : null;
  const records: unknown[] = [];
  const result = (status: Reply['status']): Reply => {
    const after = afterOurs(inTimeOrder(records), prompt) ?? [];
    const blocks = after.flatMap(recordToBlocks);
    const facts = turnFacts([...after].reverse());
    return {
      status,
      reply: blocks
        .filter((b) => b.role === 'assistant')
        .map((b) => b.text)
        .join('\n\n'),
      blocks,
      stopReason: facts.lastStopReason,
      elapsedMs: Date.now() - start,
    };
  };
  for (;;) {
    const peer = await findPeerByPane(ctx, paneId);
    if (!peer?.claude) return result('vanished');
    if (!follower) {
      // A fresh peer creates its transcript at the first prompt: read it from the start.
      const file = await transcriptOf(peer);
      if (file) follower = new TranscriptFollower(file.path, 0);
    }
    if (follower) records.push(...(await follower.poll()));
    const after = afterOurs(inTimeOrder(records), prompt);
    if (after && turnEndedAfterPrompt(after)) return result('done');
    const [view] = await observePeers(ctx.tmux, [peer], 0);
    // An inbox message waits in Claude Code's queue behind a prompt: only a modal after our turn began stops us.
    if (view!.classification.state === 'modal' && (typeof prompt === 'string' || after !== null)) return result('modal');
    if (Date.now() - start >= timeoutMs) return result('timeout');
    if (!(await pause(200, ctx.signal))) return result('interrupted');
  }
}
