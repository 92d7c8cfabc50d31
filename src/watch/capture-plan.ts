// Which panes a tick captures, decided from what it knows alone (pure): every peer whose look key changed
// (title, mode, sessions record, transcript) or that waits for a recheck, plus the stalest few of the others
// for the draft sweep (typing changes nothing but the screen), staggered so that every pane is seen within
// the sweep period without capturing them all in one burst. The sweep passes over a pane whose window tmux
// has read no output from since its capture: its screen is the one we have (an idle peer draws nothing).

import { quietSince } from '../tmux/client.js';

export interface PlanPeer {
  paneId: string;
  /** What it looks like without a capture (title, mode, record, transcript), this tick. */
  key: string;
  /** tmux's window_activity: the last second its window printed anything (PaneInfo.windowActivity). */
  windowActivity?: number;
}

export interface KnownPeer {
  key: string;
  /** Its record and screen disagreed, or its prompt is not read whole: capture it again. */
  recheck: boolean;
  capturedAt: number;
}

export interface PlanInput {
  peers: readonly PlanPeer[];
  known: ReadonlyMap<string, KnownPeer>;
  now: number;
  /** A watcher or an action asked for this tick: the sweep waits for the timer's (unless an interval old). */
  poked: boolean;
  lastSweepAt: number;
  intervalMs: number;
  sweepMs: number;
}

export interface CapturePlan {
  /** Changed peers first, then the sweep's, in that order. */
  capture: string[];
  /** This tick sweeps: the caller keeps `now` as its lastSweepAt. */
  swept: boolean;
}

export function capturePlan(p: PlanInput): CapturePlan {
  const changed = p.peers.filter((peer) => {
    const k = p.known.get(peer.paneId);
    return !k || k.recheck || k.key !== peer.key;
  });
  const changedIds = new Set(changed.map((peer) => peer.paneId));
  const perTick = Math.ceil((p.peers.length * p.intervalMs) / p.sweepMs);
  const swept = !p.poked || p.now - p.lastSweepAt >= p.intervalMs;
  const capturedAt = (id: string) => p.known.get(id)!.capturedAt;
  const stale = (swept ? p.peers : [])
    .filter((peer) => !changedIds.has(peer.paneId) && p.now - capturedAt(peer.paneId) >= p.sweepMs / 2)
    .filter((peer) => !quietSince(peer.windowActivity, capturedAt(peer.paneId)))
    .sort((a, b) => capturedAt(a.paneId) - capturedAt(b.paneId))
    .slice(0, perTick);
  return { capture: [...changed, ...stale].map((peer) => peer.paneId), swept };
}
