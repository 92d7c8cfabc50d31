// State tokens: never colour alone — each state is a glyph, a word and a colour.
import type { PeerState } from '../src/classify/classify.js';
import { stateLabel, STATE_TOKENS } from '../src/classify/state-token.js';

export const STATE_COLOR: Record<PeerState, string> = Object.fromEntries(
  Object.entries(STATE_TOKENS).map(([state, t]) => [state, t.color]),
) as Record<PeerState, string>;

export function stateToken(state: PeerState, subtype: string | null): string {
  return stateLabel({ state, subtype });
}

export const TIER_GLYPH = { red: '🔴', yellow: '🟡', green: '🟢' } as const;
