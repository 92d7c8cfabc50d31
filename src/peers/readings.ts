// What `list` keeps of its last look at a peer, to skip capturing and classifying a screen that has not
// changed: the classification of an idle peer, with the capture's second and size, and every other thing
// the classifier read (pane facts, title, the sessions record's words). The fresh pane list tells whether the
// window printed since that second (window_activity: list-and-capture.ts); the rest is compared here. Only idle
// readings are kept: they hold no text from the screen (no draft, no prompt), so nothing a person typed or a
// tool asked is written to disk, and a peer in any other state is read afresh every time.
import type { Classification } from '../classify/classify.js';
import type { Peer } from './discover.js';

export interface Reading {
  paneId: string;
  /** The second (since the epoch) the capture began: the screen is this one while the window has printed nothing since. */
  capturedAt: number;
  width: number;
  height: number;
  /** Everything else the classification was read from (readingKey). */
  key: string;
  classification: Classification;
}

/** What a classification of this peer's screen also read: the same screen and the same key give the same reading. */
export function readingKey(peer: Peer): string {
  const { pane, claude, session } = peer;
  return JSON.stringify([
    pane.pid,
    claude?.pid ?? null,
    claude?.startedAtMs ?? null,
    pane.currentCommand,
    pane.inMode,
    pane.title,
    session?.sessionId ?? null,
    session?.status ?? null,
    session?.waitingFor ?? null,
  ]);
}

/** The reading still holds for this peer: same key and size, and the clock has not gone back past the capture. */
export function stillHolds(reading: Reading, peer: Peer, nowSec: number): boolean {
  return (
    reading.paneId === peer.pane.paneId &&
    reading.width === peer.pane.width &&
    reading.height === peer.pane.height &&
    reading.capturedAt <= nowSec &&
    reading.key === readingKey(peer)
  );
}

/** Kept for the next look: idle classifications only (see above). */
export function worthKeeping(classification: Classification): boolean {
  return classification.state === 'idle' && classification.draft === undefined && classification.modal === undefined;
}
