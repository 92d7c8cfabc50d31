// State tokens: never colour alone — each state is a glyph, a word and a colour.
import type { PeerState } from '../src/classify/classify.js';
import { STATE_GLYPH } from '../src/cli/format.js';

export const STATE_COLOR: Record<PeerState, string> = {
  idle: 'green',
  busy: 'blue',
  drafting: '#ff8c00',
  modal: 'red',
  other: 'gray',
};

export function stateToken(state: PeerState, subtype: string | null): string {
  return `${STATE_GLYPH[state]} ${state}${subtype ? ` (${subtype})` : ''}`;
}

export const TIER_GLYPH = { red: '🔴', yellow: '🟡', green: '🟢' } as const;
