// What the observer makes of one peer it just captured, as a pure function of what it read (the screen, the
// transcript's tail, the inbound policy) and what it knew of the peer before: its state, since when its modal
// and its prompt have shown, whether to look again soon, and whether a prompt not yet read whole is held
// back (prompt-read.ts). observer.ts does the reading and keeps the result for the next tick.
import { promptRef } from '../classify/prompt-id.js';
import { requestFacts, requestMatchesScreen, type RequestFacts } from '../hook/on-screen.js';
import { requestFor, type PermissionRequest } from '../hook/requests.js';
import type { InboundMark } from '../inbox/settings.js';
import type { Peer } from '../peers/discover.js';
import { classifyFromCapture, type PeerView } from '../peers/observe.js';
import type { TranscriptFile } from '../transcript/locate.js';
import type { TailSummary } from '../transcript/read-tail.js';
import { PROMPT_READ_MS, promptUnread } from './prompt-read.js';

/** One peer as the observer last saw it. */
export interface LivePeer {
  view: PeerView;
  /** When the observer first saw the peer's current modal (null when not on one). */
  modalSeenAt: number | null;
  /** The open prompt's id and what it looks like (prompt-id.ts), and since when it looked so; null off a prompt. */
  promptId: string | null;
  promptLook: string | null;
  promptSeenAt: number | null;
  /** The peer holds or refuses messages from other sessions; null when it accepts or has no inbox. Read when its record changes. */
  inbound: InboundMark;
  /** When its screen was last captured. */
  capturedAt: number;
  /** Its permission request pending in claude-dm's hook, when that is the prompt on screen (then promptId is its id). */
  request: RequestFacts | null;
}

/** A peer as the observer keeps it between ticks. */
export interface ObservedPeer extends LivePeer {
  key: string;
  transcript: TranscriptFile | null;
  sessionId: string | null;
  /** The record fields the inbound policy was read for. */
  inboundKey: string;
  /** What this peer looked like, for `changed`. */
  look: string;
  /** Its record and its screen disagree (a prompt being drawn): captured again at the next tick, soon. */
  recheck: boolean;
  /** Since when a prompt on screen waits to be read whole (prompt-read.ts); null when there is none. */
  readingSince: number | null;
}

/** The record fields the inbound policy depends on: it is read again only when they change. */
export function inboundKeyOf(peer: Peer): string {
  const s = peer.session;
  return [peer.claude?.configDir, peer.cwd, s?.sessionId, s?.updatedAt, s?.messagingSocketPath].join('|');
}

export interface PeerReading {
  peer: Peer;
  /** What it knew of this pane at the last tick (none: a new peer). */
  before: ObservedPeer | undefined;
  /** Its change key this tick (title, record, transcript size and time). */
  key: string;
  transcript: TranscriptFile | null;
  /** The capture, undefined when it failed. */
  screen: string | undefined;
  tail: TailSummary | null;
  inbound: InboundMark;
  now: number;
  /** The requests pending in claude-dm's hook (src/hook/requests.ts), read once a tick. */
  requests?: readonly PermissionRequest[];
}

export function derivePeer({ peer, before, key, transcript, screen, tail, inbound, now, requests = [] }: PeerReading): ObservedPeer {
  const view: PeerView = { peer, transcript, tail, classification: classifyFromCapture(peer, screen, tail) };
  const c = view.classification;
  const onModal = c.state === 'modal';
  const modalSeenAt = onModal ? (before?.view.classification.state === 'modal' ? (before.modalSeenAt ?? now) : now) : null;
  const pending = requestFor(requests, peer.session?.sessionId, peer.claude?.pid);
  const request = pending && requestMatchesScreen(pending, c) ? requestFacts(pending) : null;
  const prompt = promptRef(peer.pane.paneId, c, peer.session);
  const promptLook = prompt?.look ?? null;
  const promptSeenAt = promptLook === null ? null : promptLook === before?.promptLook ? (before.promptSeenAt ?? now) : now;
  const s = peer.session;
  const look = JSON.stringify([
    c,
    transcript?.mtimeMs,
    transcript?.size,
    s?.status,
    s?.name,
    peer.pane.title,
    prompt?.id,
    inbound,
    request?.id,
  ]);
  // The record says it waits for a person but the screen shows no prompt yet (or a prompt still without its id).
  const recheck = (s?.status === 'waiting' && c.state !== 'modal' && c.state !== 'other') || (onModal && prompt?.id === null);
  // A prompt not read whole is not told: the peer stays as last told (the same view, so every front end
  // and event follows) and is looked at again soon, until it is whole or PROMPT_READ_MS has passed. Its
  // key stays the old one, so the transcript's tail is read again at the next look.
  const unread = promptUnread(c, tail);
  const readingSince = unread === null ? null : (before?.readingSince ?? now);
  const holding = readingSince !== null && now - readingSince < PROMPT_READ_MS;
  if (holding && before) return { ...before, capturedAt: now, recheck: true, readingSince };
  return {
    view,
    modalSeenAt,
    promptLook,
    promptSeenAt,
    inbound,
    capturedAt: now,
    key,
    transcript,
    sessionId: s?.sessionId ?? null,
    inboundKey: inboundKeyOf(peer),
    look,
    // A peer first seen on a prompt not read whole has no view to keep: shown, but its prompt not given an id yet.
    // Held by claude-dm's hook, the prompt is named by its request (what `answer --prompt` binds to).
    promptId: holding ? null : (request?.id ?? prompt?.id ?? null),
    request,
    recheck: recheck || holding,
    readingSince,
  };
}
