// What became of a message sent through the inbox, read from the peer's own records (its transcript after our
// mark) and any receipt. Seen on real 2.1.332 peers: every inbox message first gets a `queue-operation` enqueue
// (content = the text); an idle or drafting peer then writes a user record with origin {kind: "peer", msg_id, …}
// at once, a busy one after its turn; a holding peer writes a system record `Held peer message — from … preview:
// «…» — not delivered to Claude (N held)`; a refusing peer writes nothing (only a receipt says so).
import type { Receipt } from './wire.js';

export type InboxOutcome = 'delivered' | 'queued' | 'held' | 'refused' | 'dropped' | 'unconfirmed';

/** The outcomes that mean the message reached Claude, now or after the current turn. */
export const REACHED: readonly InboxOutcome[] = ['delivered', 'queued'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Sent {
  msgId: string;
  text: string;
}

/** The peer's user record for our message: origin.kind "peer" with our msg_id. */
export function isOurPeerTurn(record: unknown, msgId: string): boolean {
  return (
    isObject(record) && record.type === 'user' && isObject(record.origin) && record.origin.kind === 'peer' && record.origin.msg_id === msgId
  );
}

/** The hold line's preview is cut short: compare the start of our text, its whitespace squashed. */
export function isHoldOf(record: unknown, text: string): boolean {
  if (!isObject(record) || record.type !== 'system' || typeof record.content !== 'string') return false;
  if (!record.content.startsWith('Held peer message')) return false;
  const preview = /preview: «([\s\S]*?)»/u.exec(record.content)?.[1];
  if (preview === undefined) return true;
  const squash = (s: string) => s.replace(/\s+/gu, ' ').trim();
  const p = squash(preview).replace(/…$/u, '');
  return squash(text).startsWith(p.slice(0, 40));
}

export function isEnqueueOf(record: unknown, text: string): boolean {
  if (!isObject(record) || record.type !== 'queue-operation' || record.operation !== 'enqueue') return false;
  // Claude Code escapes tags that mimic its own envelope (`<\cross-session-message>`): compare without them.
  const plain = (s: string) => s.replace(/<\\?\/?/gu, '<');
  return typeof record.content === 'string' && plain(record.content) === plain(text);
}

export interface Judgement {
  outcome: InboxOutcome;
  detail: string;
  /** The count in the hold line, when held. */
  held?: number;
}

export function judge(records: readonly unknown[], receipts: readonly Receipt[], sent: Sent): Judgement {
  const mine = receipts.filter((r) => r.origMsgId === undefined || r.origMsgId === sent.msgId);
  const refused = mine.find((r) => r.statusDetail === 'refused' || r.status === 'refused');
  if (refused)
    return { outcome: 'refused', detail: `refused by the peer: ${refused.reason ?? 'it does not accept messages from other sessions'}` };
  const dropped = mine.find((r) => r.status === 'dropped' || r.status === 'expired');
  if (dropped) return { outcome: 'dropped', detail: `dropped by the peer (${dropped.status}): ${dropped.reason ?? 'no reason given'}` };
  if (records.some((r) => isOurPeerTurn(r, sent.msgId)))
    return { outcome: 'delivered', detail: 'delivered through the inbox: the peer recorded it as a peer turn' };
  const hold = records.find((r) => isHoldOf(r, sent.text));
  if (hold || mine.some((r) => r.status === 'held')) {
    const content = isObject(hold) && typeof hold.content === 'string' ? hold.content : '';
    const n = /\((\d+) held\)/u.exec(content)?.[1];
    return {
      outcome: 'held',
      detail: `held by the peer for its user's review, not delivered to Claude${n ? ` (${n} held)` : ''}: ${mine.find((r) => r.status === 'held')?.reason ?? 'its crossSessionInbound setting holds inbound messages'}`,
      ...(n ? { held: Number(n) } : {}),
    };
  }
  if (records.some((r) => isEnqueueOf(r, sent.text)))
    return { outcome: 'queued', detail: 'queued by Claude Code: the peer reads it when its current turn or prompt is done' };
  return { outcome: 'unconfirmed', detail: 'sent, but the peer has no record of it yet; it may not have arrived' };
}

/** Outcomes that will not change by waiting longer. */
export function isFinal(j: Judgement): boolean {
  return j.outcome === 'delivered' || j.outcome === 'held' || j.outcome === 'refused' || j.outcome === 'dropped';
}
