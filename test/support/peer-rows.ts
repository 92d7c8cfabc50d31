// Rows of the roster for tests: whole PeerRows from the few fields a test cares about.
import type { PeerRow } from '../../src/watch/peer-row.js';

let n = 0;
export function row(partial: Partial<PeerRow> & { state: PeerRow['state'] }): PeerRow {
  n++;
  const paneId = partial.paneId ?? `%${n}`;
  return {
    paneId,
    address: `main:${n}.0`,
    session: 'main',
    windowIndex: n,
    subtype: null,
    prompt: null,
    reason: `rule ${partial.state}`,
    title: `✳ task ${n}`,
    cwd: `/home/u/p${n}`,
    lastWriteAt: null,
    transcriptPath: null,
    modal: null,
    understood: null,
    draft: null,
    self: false,
    name: null,
    version: null,
    waitingSince: null,
    inbound: null,
    promptId: null,
    promptSeenAt: null,
    host: null,
    turnEnded: null,
    lastStopReason: null,
    request: null,
    ...partial,
  };
}
