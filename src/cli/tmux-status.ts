// `list --format tmux`: the peers that wait for a person, counted for tmux's status line.
// A peer on a prompt is blocked until someone answers: it comes first, in red. A drafting
// peer holds a half-typed message nobody has sent: second, in orange. Idle and busy peers
// need nobody, so they are not shown, and nothing at all is printed when nobody waits.
import type { PeerState } from '../classify/classify.js';
import { STATE_TOKENS } from '../classify/state-token.js';

/** The states a person is waited on for, most urgent first, each with its tmux colour. */
export const WAITING_STATES: ReadonlyArray<{ state: PeerState; colour: string }> = [
  { state: 'modal', colour: 'red' },
  // 208 is the 256-colour palette's orange (#ff8700), next to the dashboard's #ff8c00.
  { state: 'drafting', colour: 'colour208' },
];

/**
 * `#[fg=red]🔴2#[default] #[fg=colour208]🟠1#[default]`, in tmux's own style syntax so that
 * `#(claude-dm list --format tmux)` in status-right shows it coloured; '' when nobody waits.
 * The glyph is the state's own (never colour alone).
 */
export function tmuxStatusLine(states: readonly PeerState[]): string {
  return WAITING_STATES.map(({ state, colour }) => {
    const n = states.filter((s) => s === state).length;
    return n === 0 ? '' : `#[fg=${colour}]${STATE_TOKENS[state].glyph}${n}#[default]`;
  })
    .filter(Boolean)
    .join(' ');
}
