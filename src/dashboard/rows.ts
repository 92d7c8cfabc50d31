// What the dashboard shows for one peer: plain data derived from a PeerView.
import type { ModalPrompt, ModalSubtype, PeerState } from '../classify/classify.js';
import type { Modal } from '../classify/screen.js';
import type { PeerView } from '../peers/observe.js';
import { readInboundSetting } from '../inbox/settings.js';

export interface PeerRow {
  paneId: string;
  address: string;
  session: string;
  windowIndex: number;
  state: PeerState;
  subtype: ModalSubtype | null;
  prompt: ModalPrompt | null;
  reason: string;
  title: string;
  cwd: string;
  /** Transcript mtime (ms since epoch), null when there is none yet. */
  lastWriteAt: number | null;
  transcriptPath: string | null;
  modal: Modal | null;
  draft: string | null;
  self: boolean;
  /** The peer holds or refuses messages from other sessions (crossSessionInbound); null when it accepts or has no inbox. */
  inbound: 'hold' | 'refuse' | null;
}

export function rowFromView(v: PeerView): PeerRow {
  const c = v.classification;
  return {
    paneId: v.peer.pane.paneId,
    address: v.peer.pane.address,
    session: v.peer.pane.session,
    windowIndex: v.peer.pane.windowIndex,
    state: c.state,
    subtype: c.subtype ?? null,
    prompt: c.prompt ?? null,
    reason: c.reason,
    title: v.peer.pane.title,
    cwd: v.peer.cwd,
    lastWriteAt: v.transcript?.mtimeMs ?? null,
    transcriptPath: v.transcript?.path ?? null,
    modal: c.modal ?? null,
    draft: c.draft ?? null,
    self: v.peer.self,
    inbound: inboundMark(v),
  };
}

/** Only peers with an inbox have a policy worth showing; the settings files are read for those alone. */
function inboundMark(v: PeerView): PeerRow['inbound'] {
  if (!v.peer.claude || typeof v.peer.session?.messagingSocketPath !== 'string') return null;
  const policy = readInboundSetting(v.peer.claude.configDir, v.peer.cwd).policy;
  return policy === 'accept' ? null : policy;
}

/** Rows are compared by value so that an unchanged peer keeps its old object (and its row does not re-render). */
export function sameRow(a: PeerRow, b: PeerRow): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
