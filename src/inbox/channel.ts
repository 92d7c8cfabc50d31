// Which channel a send/ask takes, and the inbox's own gate. Pure functions: `status` shows them, the write
// verbs obey them.
import type { GateDecision } from '../gates/gates.js';
import type { InboundSetting } from './settings.js';

export type Channel = 'inbox' | 'keys';
/** What the caller asked for: --inbox, --keys, or neither. */
export type ChannelWish = 'auto' | 'inbox' | 'keys';

export interface InboxAdvert {
  /** messagingSocketPath from the sessions record, if any. */
  socketPath: string | null;
  /** Why the inbox cannot be used (no key, stale key, unsafe socket); null when it can. */
  unusable: string | null;
}

export type ChannelChoice = { ok: true; channel: Channel; reason: string } | { ok: false; reason: string };

export function chooseChannel(wish: ChannelWish, advert: InboxAdvert, inbound: InboundSetting | null): ChannelChoice {
  const usable = advert.socketPath !== null && advert.unusable === null;
  if (wish === 'keys') {
    // A hold or refusal is the recipient's decision: typing would go around it.
    if (advert.socketPath !== null && inbound && inbound.policy !== 'accept') {
      return {
        ok: false,
        reason: `the peer ${inbound.policy === 'hold' ? 'holds' : 'refuses'} messages from other sessions (crossSessionInbound: ${inbound.policy}${inbound.file ? ` in ${inbound.file}` : ''}); typing it in would go around its user's decision`,
      };
    }
    return { ok: true, channel: 'keys', reason: '--keys asked for keystrokes' };
  }
  if (usable) return { ok: true, channel: 'inbox', reason: wish === 'inbox' ? '--inbox' : 'the peer advertises an inbox' };
  if (advert.socketPath !== null) {
    // It has an inbox we cannot use: typing instead would surprise whoever relies on the inbox. Only --keys types.
    return {
      ok: false,
      reason: `its inbox cannot be used: ${advert.unusable}${wish === 'inbox' ? '' : '; nothing was sent (--keys types it into the pane instead)'}`,
    };
  }
  const why = 'the peer advertises no inbox (Claude Code before 2.1.3xx, or messaging off)';
  if (wish === 'inbox') return { ok: false, reason: `--inbox: ${why}` };
  return { ok: true, channel: 'keys', reason: why };
}

export interface InboxGateInput {
  state: string;
  isSelf: boolean;
  force: boolean;
  /** send --when-idle: only an idle peer will do. */
  whenIdle: boolean;
  inbound: InboundSetting | null;
}

/** What an inbox send would do in each state (nothing is typed, so no draft or Enter race). */
export function inboxExpectation(state: string): string {
  switch (state) {
    case 'idle':
      return 'delivered now';
    case 'drafting':
      return 'delivered now; the draft stays in the box untouched';
    case 'busy':
      return 'queued by Claude Code; read when the turn ends';
    case 'modal':
      return 'queued behind the prompt: the peer reads it after a person answers';
    default:
      return 'delivered or queued by Claude Code (the screen is not recognised; the outcome says which)';
  }
}

export function inboxGate(g: InboxGateInput): GateDecision {
  const no = (reason: string): GateDecision => ({ allowed: false, forced: false, reason });
  if (g.isSelf) return no('that is your own pane (use `claude-dm self` for your own session)');
  if (g.inbound?.policy === 'refuse')
    return no(
      `the peer refuses messages from other sessions (crossSessionInbound: refuse${g.inbound.file ? ` in ${g.inbound.file}` : ''})`,
    );
  if (g.whenIdle && g.state !== 'idle') return no(`peer is ${g.state}, waiting for idle (--when-idle)`);
  // Nothing is typed, so no screen can be harmed: on a screen we do not recognise (a picker, or 2.1.332's idle
  // screen whose title a terminal probe overwrote) Claude Code delivers or queues it itself, and the outcome says which.
  return { allowed: true, forced: false, reason: `inbox: ${inboxExpectation(g.state)}` };
}
