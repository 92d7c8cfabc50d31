// An inbox delivery as a write act: check the socket, send one line, then confirm what happened from the peer's
// own records (and any receipt). Nothing is typed into any pane.
import { randomUUID } from 'node:crypto';
import type { Peer } from '../peers/discover.js';
import { startTime } from '../peers/process-stamp.js';
import { transcriptOf } from '../peers/observe.js';
import { TranscriptFollower } from '../transcript/follow.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { deliverPayload, InboxError } from './inbox-client.js';
import { readInboxKey } from './key.js';
import { isFinal, judge, REACHED, type Judgement } from './outcome.js';
import { openReceiptBox, type ReceiptBox } from './receipts.js';
import { checkInboxSocket } from './safety.js';
import { readInboundSetting, type InboundSetting } from './settings.js';
import type { InboxAdvert } from './channel.js';
import { encodeDelivery } from './wire.js';

/** How long to look for the peer's record of our message. */
export const CONFIRM_MS = 8000;
/** Once the enqueue is seen on a busy or modal peer, this long more for a peer turn before calling it queued. */
export const QUEUED_SETTLE_MS = 600;
const POLL_MS = 50;

/** The peer's inbox as far as its files tell (no connection is made). */
export function inboxAdvert(peer: Peer): InboxAdvert {
  const socketPath =
    typeof peer.session?.messagingSocketPath === 'string' && peer.session.messagingSocketPath !== ''
      ? peer.session.messagingSocketPath
      : null;
  if (!socketPath || !peer.claude) return { socketPath, unusable: null };
  const key = readInboxKey(peer.claude.configDir, peer.claude.pid, socketPath, startTime(peer.claude.pid));
  if (!key.ok) return { socketPath, unusable: key.reason };
  const safe = checkInboxSocket(socketPath);
  return { socketPath, unusable: safe.ok ? null : safe.reason };
}

export function inboundOf(peer: Peer): InboundSetting | null {
  return peer.claude ? readInboundSetting(peer.claude.configDir, peer.cwd) : null;
}

/** What a message through the inbox adds to its result. */
export interface InboxExtra {
  msg_id: string;
  /** The reply address sent with it (`uds:<socket>`), when there was one. */
  from?: string;
  /** Lines the peer's socket sent back (none is usual). */
  replies?: unknown[];
  /** How many messages the peer holds, when it held this one. */
  held?: number;
}

export interface InboxActResult {
  outcome: string;
  detail: string;
  ok: boolean;
  extra: InboxExtra;
  /** Where the peer's transcript stood before the send (for ask). */
  mark: { path: string; size: number } | null;
  msgId: string;
}

export interface InboxSendOptions {
  /** CLAUDE_CODE_MESSAGING_SOCKET of the session we run in: replies go there. */
  replySocket?: string | null;
  /** The peer's state when the gate passed: on busy/modal a seen enqueue soon counts as queued. */
  state: string;
}

export async function sendThroughInbox(peer: Peer, text: string, opts: InboxSendOptions): Promise<InboxActResult> {
  const msgId = randomUUID();
  const fail = (outcome: string, detail: string): InboxActResult => ({
    outcome,
    detail,
    ok: false,
    extra: { msg_id: msgId },
    mark: null,
    msgId,
  });
  const socketPath = peer.session?.messagingSocketPath;
  if (!peer.claude || typeof socketPath !== 'string') return fail('error', 'the peer advertises no inbox');
  // Checked again under the lock: the peer may have exited or been replaced since the channel was chosen.
  const key = readInboxKey(peer.claude.configDir, peer.claude.pid, socketPath, startTime(peer.claude.pid));
  if (!key.ok) return fail('error', `not sent: ${key.reason}`);
  const safe = checkInboxSocket(socketPath);
  if (!safe.ok) return fail('error', `not sent: ${safe.reason}`);

  let box: ReceiptBox | null = null;
  const from = opts.replySocket ? `uds:${opts.replySocket}` : (box = await openReceiptBox(socketPath))?.address;
  try {
    const encoded = encodeDelivery(key.key.peerToken, { text, msgId, ...(from ? { from } : {}) });
    if (!encoded.ok) return fail('refused', `not sent: ${encoded.reason}`);
    const file = await transcriptOf(peer);
    const mark = file ? { path: file.path, size: file.size } : null;
    let wire;
    try {
      wire = await deliverPayload(socketPath, encoded.payload);
    } catch (e) {
      if (e instanceof InboxError) return fail(e.kind === 'closed-early' ? 'dropped' : 'error', `not delivered: ${e.message}`);
      throw e;
    }
    const j = await confirm(peer, mark, { msgId, text }, box, opts.state);
    return {
      outcome: j.outcome,
      detail: j.detail,
      ok: REACHED.includes(j.outcome),
      extra: {
        msg_id: msgId,
        ...(from ? { from } : {}),
        ...(wire.replies.length ? { replies: wire.replies } : {}),
        ...(j.held !== undefined ? { held: j.held } : {}),
      },
      mark,
      msgId,
    };
  } finally {
    box?.close();
  }
}

async function confirm(
  peer: Peer,
  mark: { path: string; size: number } | null,
  sent: { msgId: string; text: string },
  box: ReceiptBox | null,
  state: string,
): Promise<Judgement> {
  let follower = mark ? new TranscriptFollower(mark.path, mark.size) : null;
  const records: unknown[] = [];
  const deadline = Date.now() + CONFIRM_MS;
  let queuedSince: number | null = null;
  for (;;) {
    if (!follower) {
      // A fresh peer creates its transcript at the first prompt: read it from the start.
      const file = await transcriptOf(peer);
      if (file) follower = new TranscriptFollower(file.path, 0);
    }
    if (follower) records.push(...(await follower.poll()));
    const j = judge(records, box?.receipts() ?? [], sent);
    if (isFinal(j)) return j;
    if (j.outcome === 'queued' && (state === 'busy' || state === 'modal')) {
      queuedSince ??= Date.now();
      if (Date.now() - queuedSince >= QUEUED_SETTLE_MS) return j;
    }
    if (Date.now() >= deadline) return j;
    await sleep(POLL_MS);
  }
}
