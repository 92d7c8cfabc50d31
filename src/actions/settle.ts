// A screen caught mid-redraw can look idle for a frame. The gate is decided on a settled
// view: two observations a little apart that agree on state, box text and modal.
import { unsettled } from '../classify/classify.js';
import type { Peer } from '../peers/discover.js';
import { observePeers, type PeerView } from '../peers/observe.js';
import type { Session } from '../session/session.js';

/** The wait between two observations. */
export const SETTLE_GAP_MS = 40;
/** Observations after the first before giving up on a screen that keeps changing. */
export const SETTLE_TRIES = 6;

function fingerprint(v: PeerView): string {
  const c = v.classification;
  return JSON.stringify([c.state, c.subtype, c.draft ?? null, c.modal?.options ?? null, v.peer.pane.title.slice(0, 1)]);
}

/** A settled view, or the last one with state forced to busy when the screen keeps changing. */
export async function observeSettled(
  ctx: Pick<Session, 'tmux' | 'clock'>,
  peer: Peer,
  refresh: () => Promise<Peer | null>,
): Promise<PeerView | null> {
  let [previous] = await observePeers(ctx.tmux, [peer], 0);
  for (let i = 0; i < SETTLE_TRIES; i++) {
    await ctx.clock.sleep(SETTLE_GAP_MS);
    const now = await refresh();
    if (!now) return null;
    const [view] = await observePeers(ctx.tmux, [now], 0);
    if (fingerprint(view!) === fingerprint(previous!)) return view!;
    previous = view;
  }
  return {
    ...previous!,
    classification: unsettled(SETTLE_TRIES),
  };
}
