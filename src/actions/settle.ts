// A screen caught mid-redraw can look idle for a frame. The gate is decided on a settled
// view: two observations a little apart that agree on state, box text and modal.
import { unsettled } from '../classify/classify.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Peer } from '../peers/discover.js';
import { observePeers, type PeerView } from '../peers/observe.js';
import type { TmuxClient } from '../tmux/client.js';

export const SETTLE_GAP_MS = 40;
export const SETTLE_TRIES = 6;

function fingerprint(v: PeerView): string {
  const c = v.classification;
  return JSON.stringify([c.state, c.subtype, c.draft ?? null, c.modal?.options ?? null, v.peer.pane.title.slice(0, 1)]);
}

/** A settled view, or the last one with state forced to busy when the screen keeps changing. */
export async function observeSettled(tmux: TmuxClient, peer: Peer, refresh: () => Promise<Peer | null>): Promise<PeerView | null> {
  let [previous] = await observePeers(tmux, [peer], 0);
  for (let i = 0; i < SETTLE_TRIES; i++) {
    await sleep(SETTLE_GAP_MS);
    const now = await refresh();
    if (!now) return null;
    const [view] = await observePeers(tmux, [now], 0);
    if (fingerprint(view!) === fingerprint(previous!)) return view!;
    previous = view;
  }
  return {
    ...previous!,
    classification: unsettled(SETTLE_TRIES),
  };
}
