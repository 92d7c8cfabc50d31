// The five-column peer table `list` prints, for this machine's peers and another's (`--host`, `--via`) alike.
import type { ModalSubtype, PeerState } from '../classify/classify.js';
import { stateLabel } from '../classify/state-token.js';
import { bareTitle, formatElapsed, table } from '../util/format.js';

export interface PeerTableRow {
  /** As named here: `main:1.0`, `-L work main:1.0`, `build:main:1.0`; `*` after the caller's own. */
  address: string;
  state: PeerState;
  subtype: ModalSubtype | null;
  /** Since the transcript was last written; null when there is none. */
  lastWriteMsAgo: number | null;
  title: string;
  cwd: string;
}

export function peerTable(rows: readonly PeerTableRow[]): string[] {
  return table(
    ['ADDR', 'STATE', 'LAST', 'TITLE', 'CWD'],
    rows.map((r) => [
      r.address,
      stateLabel(r),
      r.lastWriteMsAgo === null ? '-' : formatElapsed(r.lastWriteMsAgo),
      bareTitle(r.title),
      r.cwd,
    ]),
  );
}
