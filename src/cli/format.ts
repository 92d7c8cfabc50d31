// How things look in the CLI: the text helpers every front end shares, and state labels.
import type { PeerState } from '../classify/classify.js';
import { STATE_TOKENS } from '../classify/state-token.js';

export { stateLabel } from '../classify/state-token.js';
export * from '../util/format.js';

/** The glyph of each state (its token's). */
export const STATE_GLYPH: Record<PeerState, string> = Object.fromEntries(
  Object.entries(STATE_TOKENS).map(([state, t]) => [state, t.glyph]),
) as Record<PeerState, string>;
