// The peek/tail pane of another host's peer: `peek --json` run over there through the host's link.
import type { HostLink } from '../remote/host-link.js';
import { decodeOutput, PeekReportSchema } from '../remote/protocol-schema.js';
import type { TextBlock } from '../transcript/records.js';
import type { PeerRow } from '../watch/peer-row.js';
import { farPaneId } from './peer-actions.js';

/**
 * The last blocks of a host's peer, oldest first. What a host printed is read, not trusted: a block that is
 * not one is left out, not a throw; an answer that is not a peek's is no blocks.
 */
export async function remoteBlocks(link: HostLink, row: PeerRow, count: number): Promise<TextBlock[]> {
  const r = await link.call(['peek', farPaneId(row), String(count), '--json']);
  const peek = decodeOutput(r.stdout, PeekReportSchema, 'peek');
  return peek.ok ? peek.value.blocks.flatMap((b) => (b === null ? [] : [b])) : [];
}
