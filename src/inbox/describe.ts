// What `status` and `doctor` say about a peer's channels: which one send/ask would take and why, whether the
// peer holds or refuses messages from other sessions, and what an inbox send would do in its current state.
import type { Peer } from '../peers/discover.js';
import { chooseChannel, inboxGate } from './channel.js';
import { inboundOf, inboxAdvert } from './send.js';

export interface ChannelReport {
  /** The channel send/ask take by default, or null when they would refuse (say why in reason). */
  channel: 'inbox' | 'keys' | null;
  reason: string;
  /** The peer's inbox socket, when it advertises one. */
  socket: string | null;
  /** crossSessionInbound as found on disk (accept | hold | refuse) and the file that set it. */
  inbound: { policy: string; file: string | null } | null;
  /** Through the inbox: allowed now, and what would happen. Null when the channel is keys. */
  inbox_send: { allowed: boolean; reason: string } | null;
}

export function channelReport(peer: Peer, state: string): ChannelReport {
  const advert = inboxAdvert(peer);
  const inbound = advert.socketPath ? inboundOf(peer) : null;
  const choice = chooseChannel('auto', advert, inbound);
  const base = { socket: advert.socketPath, inbound };
  if (!choice.ok) return { ...base, channel: null, reason: choice.reason, inbox_send: null };
  if (choice.channel === 'keys') return { ...base, channel: 'keys', reason: choice.reason, inbox_send: null };
  const g = inboxGate({ state, isSelf: peer.self, force: false, whenIdle: false, inbound });
  const held =
    inbound?.policy === 'hold'
      ? `; it holds messages (crossSessionInbound: hold${inbound.file ? ` in ${inbound.file}` : ''}): a send is reported held, not delivered`
      : '';
  return { ...base, channel: 'inbox', reason: `${choice.reason}${held}`, inbox_send: { allowed: g.allowed, reason: g.reason } };
}

/** One line for `status` and `doctor`. */
export function channelLine(r: ChannelReport): string {
  if (r.channel === null) return `none: ${r.reason}`;
  if (r.channel === 'keys') return `keys (${r.reason}); the keystroke gates below apply`;
  return `inbox ${r.socket} (${r.reason}); a send now: ${r.inbox_send!.allowed ? '' : 'refused, '}${r.inbox_send!.reason}`;
}
