// A write's result as it is told, by the CLI's --json (src/cli/report.ts), by a host's agent back across the link
// (decoded there by WriteReportSchema in src/remote/protocol-schema.ts) and on the dashboard's notice line: one
// shape, whichever machine the peer is on.
import type { GateDecision, WriteVerb } from '../gates/gates.js';
import type { Channel, WriteResult } from './write.js';

export interface WriteReport {
  verb: WriteVerb;
  /** The peer's address on its own machine. */
  target: string;
  pane_id: string;
  outcome: string;
  ok: boolean;
  state: string;
  gate: GateDecision | null;
  detail: string;
  channel: Channel;
  /** The verb's own fields (the answered option, the inbox's msg_id…). */
  [extra: string]: unknown;
}

export function writeReport(r: WriteResult): WriteReport {
  return {
    verb: r.verb,
    target: r.peer.pane.address,
    pane_id: r.peer.pane.paneId,
    outcome: r.outcome,
    ok: r.ok,
    state: r.state,
    gate: r.gate,
    detail: r.detail,
    channel: r.channel,
    ...r.extra,
  };
}

/** What a send did, in a few words: `queued through its inbox`, `delivered`. */
export function sendSaid(r: Pick<WriteReport, 'channel' | 'outcome'>): string {
  return r.channel === 'inbox' ? `${r.outcome} through its inbox` : 'delivered';
}
