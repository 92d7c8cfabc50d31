// One write per peer, all at once: each through its own gate and lock, each reported the moment it
// finishes, so a peer that refuses or is slow never holds the others. The exit code is 0 only when
// every peer's write succeeded.
import { DmError, EXIT } from '../errors.js';
import type { Peer } from '../peers/discover.js';
import type { VerbContext } from './context.js';

/** `run` does one peer's write and reports it, returning its exit code; a thrown error is that peer's failure. */
export async function forEachPeer(ctx: VerbContext, peers: Peer[], run: (peer: Peer) => Promise<number>): Promise<number> {
  const codes = await Promise.all(
    peers.map(async (peer) => {
      try {
        return await run(peer);
      } catch (e) {
        if (!(e instanceof DmError)) throw e;
        if (ctx.json)
          ctx.io.out(
            JSON.stringify({ target: peer.pane.address, pane_id: peer.pane.paneId, outcome: 'error', ok: false, detail: e.message }),
          );
        else ctx.io.err(`claude-dm: ${peer.pane.address}: ${e.message}`);
        return EXIT.failure;
      }
    }),
  );
  return codes.every((c) => c === EXIT.ok) ? EXIT.ok : EXIT.failure;
}
