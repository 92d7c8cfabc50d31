// The gate matrix: which write verb may type into a peer in which state. One pure
// function, used by `status` (to show it) and by every write verb (to obey it).
import type { Classification } from '../classify/classify.js';

export const WRITE_VERBS = ['send', 'cmd', 'ask', 'esc', 'answer', 'self'] as const;
export type WriteVerb = (typeof WRITE_VERBS)[number];

export type SlashTier = 'red' | 'yellow' | 'green';
export const RED_COMMANDS = ['/clear', '/exit', '/resume', '/reset'] as const;
export const YELLOW_COMMANDS = ['/compact', '/loop', '/schedule'] as const;
/** `self` may queue only these on the caller's own pane (hard allowlist, no override). */
export const SELF_ALLOWED = ['/context', '/compact', '/rename', '/cost'] as const;

export function slashTier(command: string): SlashTier {
  const name = command.trim().split(/\s+/)[0] ?? '';
  if ((RED_COMMANDS as readonly string[]).includes(name)) return 'red';
  if ((YELLOW_COMMANDS as readonly string[]).includes(name)) return 'yellow';
  return 'green';
}

export interface GateInput {
  verb: WriteVerb;
  classification: Pick<Classification, 'state'>;
  /** The newest assistant turn ended with end_turn (send/ask/cmd want a finished turn). */
  turnEnded?: boolean;
  force?: boolean;
  confirm?: boolean;
  /** For cmd and self: the slash command. */
  command?: string;
  /** The target is the caller's own pane. */
  isSelf?: boolean;
}

export interface GateDecision {
  allowed: boolean;
  /** The gate was passed only because of --force. */
  forced: boolean;
  reason: string;
}

const allow = (reason: string): GateDecision => ({ allowed: true, forced: false, reason });
const refuse = (reason: string): GateDecision => ({ allowed: false, forced: false, reason });

export function gate(input: GateInput): GateDecision {
  const { verb, force = false, confirm = false } = input;
  const state = input.classification.state;

  if (verb === 'self') {
    const name = (input.command ?? '').trim().split(/\s+/)[0] ?? '';
    if (!(SELF_ALLOWED as readonly string[]).includes(name)) {
      return refuse(`self allows only ${SELF_ALLOWED.join(' ')} (no override)`);
    }
    if (state === 'drafting') return refuse('your input box holds a draft (no override)');
    if (state === 'modal') return refuse('a modal is open on your pane (no override)');
    return allow(state === 'idle' ? 'queued; runs now' : `queued; runs when your pane is idle (now ${state})`);
  }

  const base = baseGate(verb, state, input.turnEnded);
  let decision: GateDecision = base;
  if (!base.allowed && force) decision = { allowed: true, forced: true, reason: `${base.reason}; overridden by --force` };

  if (verb === 'cmd' && input.command !== undefined && slashTier(input.command) === 'red' && !confirm) {
    return refuse(`${input.command.split(/\s+/)[0]} is red-tier (destructive): add --confirm${decision.allowed ? '' : ' (and --force)'}`);
  }
  return decision;
}

function baseGate(verb: Exclude<WriteVerb, 'self'>, state: string, turnEnded: boolean | undefined): GateDecision {
  switch (verb) {
    case 'send':
    case 'ask':
    case 'cmd':
      if (state !== 'idle') return refuse(`peer is ${state}${hint(state)}`);
      if (turnEnded === false) return refuse('peer looks idle but its last turn did not end with end_turn');
      return allow('peer is idle');
    case 'esc':
      if (state === 'drafting') return refuse('peer is drafting: Escape would wipe the draft');
      if (state === 'idle') return allow('peer is idle (Escape does nothing harmful)');
      return allow(state === 'busy' ? 'interrupts the running turn' : state === 'modal' ? 'cancels the modal' : `peer is ${state}`);
    case 'answer':
      if (state !== 'modal') return refuse(`peer is ${state}, not on a modal`);
      return allow('peer is on a modal');
  }
}

function hint(state: string): string {
  if (state === 'busy') return ' (wait for it, or use --when-idle)';
  if (state === 'drafting') return ': a human is typing in its input box';
  if (state === 'modal') return ': answer the modal first (claude-dm answer)';
  return '';
}
