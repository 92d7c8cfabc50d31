// State tokens for the dashboard's lines, from the one token table (src/classify/state-token.ts).
import type { PeerState } from '../classify/classify.js';
import { stateLabel, STATE_TOKENS } from '../classify/state-token.js';

export const STATE_COLOR: Record<PeerState, string> = Object.fromEntries(
  Object.entries(STATE_TOKENS).map(([state, t]) => [state, t.color]),
) as Record<PeerState, string>;

/** `🔴 modal (permission)`; compact: `🔴 permission` (the glyph already says modal). */
export function stateToken(state: PeerState, subtype: string | null, compact = false): string {
  if (compact) return `${STATE_TOKENS[state].glyph} ${state === 'modal' && subtype ? subtype : state}`;
  return stateLabel({ state, subtype });
}

export const TIER_GLYPH = { red: '🔴', yellow: '🟡', green: '🟢' } as const;
