// A screen caught mid-redraw can look idle for a frame. The gate is decided on a settled
// view: two observations a little apart that agree on state, box text, modal and which prompt
// it is (a prompt's sessions record can land just after its screen).
import { unsettled } from '../classify/classify.js';
import { promptRef } from '../classify/prompt-id.js';
import type { Peer } from '../peers/discover.js';
import { observePeers, type PeerView } from '../peers/observe.js';
import type { Session } from '../session/session.js';

/** The wait between two observations. */
export const SETTLE_GAP_MS = 40;
/** Observations after the first before giving up on a screen that keeps changing. */
export const SETTLE_TRIES = 6;

export interface SettledView extends PeerView {
  /** When (on the session's clock) this screen was first seen as it is: the start of the run of agreeing observations. */
  since: number;
}

function fingerprint(v: PeerView): string {
  const c = v.classification;
  const prompt = promptRef(v.peer.pane.paneId, c, v.peer.session);
  return JSON.stringify([c.state, c.subtype, c.draft ?? null, c.modal?.options ?? null, v.peer.pane.title.slice(0, 1), prompt?.id ?? null]);
}

/** A settled view, or the last one with state forced to busy when the screen keeps changing. */
export async function observeSettled(
  ctx: Pick<Session, 'tmux' | 'clock'>,
  peer: Peer,
  refresh: () => Promise<Peer | null>,
): Promise<SettledView | null> {
  let since = ctx.clock.now();
  let [previous] = await observePeers(ctx.tmux, [peer], 0);
  for (let i = 0; i < SETTLE_TRIES; i++) {
    await ctx.clock.sleep(SETTLE_GAP_MS);
    const now = await refresh();
    if (!now) return null;
    const at = ctx.clock.now();
    const [view] = await observePeers(ctx.tmux, [now], 0);
    if (fingerprint(view!) === fingerprint(previous!)) return { ...view!, since };
    previous = view;
    since = at;
  }
  return {
    ...previous!,
    classification: unsettled(SETTLE_TRIES),
    since,
  };
}
