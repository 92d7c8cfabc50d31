// How a state shows, for the CLI and the dashboard alike. Never colour alone: every state
// is a glyph and a word, and the colour only repeats them.
import type { Classification, PeerState } from './classify.js';

export interface StateToken {
  glyph: string;
  word: PeerState;
  /** An Ink colour name (or hex) for the dashboard. */
  color: string;
}

export const STATE_TOKENS: Record<PeerState, StateToken> = {
  idle: { glyph: '🟢', word: 'idle', color: 'green' },
  busy: { glyph: '🔵', word: 'busy', color: 'blue' },
  drafting: { glyph: '🟠', word: 'drafting', color: '#ff8c00' },
  modal: { glyph: '🔴', word: 'modal', color: 'red' },
  other: { glyph: '⚫', word: 'other', color: 'gray' },
};

/**
 * `🔴 modal (permission)`: glyph, word and subtype. Compact, for a narrow column: `🔴 permission`
 * on a modal (the glyph already says modal), else the glyph and the word (`🟢 idle`).
 */
export function stateLabel(
  c: { state: PeerState; subtype?: Classification['subtype'] | string | null | undefined },
  compact = false,
): string {
  const t = STATE_TOKENS[c.state];
  if (compact) return `${t.glyph} ${c.state === 'modal' && c.subtype ? c.subtype : t.word}`;
  return `${t.glyph} ${t.word}${c.subtype ? ` (${c.subtype})` : ''}`;
}
