// State tokens: never colour alone — each state is a glyph, a word and a colour.
import type { PeerState } from '../classify/classify.js';
import { STATE_GLYPH } from '../cli/format.js';

export const STATE_COLOR: Record<PeerState, string> = {
  idle: 'green',
  busy: 'blue',
  drafting: '#ff8c00',
  modal: 'red',
  other: 'gray',
};

/** `🔴 modal (permission)`; compact: `🔴 permission` (the glyph already says modal). */
export function stateToken(state: PeerState, subtype: string | null, compact = false): string {
  if (compact) return `${STATE_GLYPH[state]} ${state === 'modal' && subtype ? subtype : state}`;
  return `${STATE_GLYPH[state]} ${state}${subtype ? ` (${subtype})` : ''}`;
}

export const TIER_GLYPH = { red: '🔴', yellow: '🟡', green: '🟢' } as const;
