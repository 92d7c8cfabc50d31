// One peer as plain data, derived from a PeerView: what the dashboard's roster shows and what a remote
// host's agent sends (src/remote/agent.ts), so both front ends read the same fields.
import type { ModalPrompt, ModalSubtype, PeerState } from '../classify/classify.js';
import { promptRef } from '../classify/prompt-id.js';
import type { RequestFacts } from '../hook/on-screen.js';
import type { Modal } from '../classify/screen.js';
import type { PeerView } from '../peers/observe.js';
import { inboundPolicyOf, type InboundMark } from '../inbox/settings.js';
import type { LivePeer } from './observer.js';

export interface PeerRow {
  /** The pane id, or for a peer on another host `HOST:%id` (one key across hosts). */
  paneId: string;
  /** The host it runs on (a hosts-file name); null for this machine's tmux server. */
  host: string | null;
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
  /** false when the classifier saw a modal it could not read: numbers are refused, y/n go by label. */
  understood: boolean | null;
  draft: string | null;
  self: boolean;
  /** The session's name from its sessions record (`/rename`, or the one Claude Code derives), null when none. */
  name: string | null;
  /** Claude Code's version from the sessions record, null when unknown. */
  version: string | null;
  /**
   * Since when (ms since epoch) a peer on a modal has been waiting for a person: the sessions
   * record's status time when it says waiting, else when the dashboard first saw the modal.
   */
  waitingSince: number | null;
  /** The peer holds or refuses messages from other sessions (crossSessionInbound); null when it accepts or has no inbox. */
  inbound: 'hold' | 'refuse' | null;
  /** The open prompt's id (src/classify/prompt-id.ts): an answer key is aimed at it. Null off a prompt or while it opens. */
  promptId: string | null;
  /** When the dashboard first saw this prompt as it looks now (the answer's wait for the prompt to take keys counts from there). */
  promptSeenAt: number | null;
  /** The prompt's request pending in claude-dm's hook: its whole input, and answers go through it. Null when none. */
  request: RequestFacts | null;
  /** The transcript's newest turn ended (end_turn or a turn_duration marker); null when unknown. `wait` reads it. */
  turnEnded: boolean | null;
  lastStopReason: string | null;
}

/** The sessions record's fields the roster reads beyond the classifier's. */
interface RecordTimes {
  status?: string;
  updatedAt?: number;
  statusUpdatedAt?: number;
}

/** When the peer started waiting, by its sessions record; null when the record does not say. */
export function recordWaitingSince(session: RecordTimes | null | undefined): number | null {
  if (!session || session.status !== 'waiting') return null;
  const at = session.statusUpdatedAt ?? session.updatedAt;
  return typeof at === 'number' && Number.isFinite(at) ? at : null;
}

/** What the observer knows of a peer beyond its view (src/watch/observer.ts); each defaults to "not seen". */
export interface RowTimes {
  /** When the dashboard first saw this peer's current modal (used when the record does not say). */
  modalSeenAt?: number | null;
  /** When it first saw the prompt as it looks now. */
  promptSeenAt?: number | null;
  /** The inbound policy mark, read by the observer when the record changed; read from the files when absent. */
  inbound?: InboundMark;
  /** The observer's prompt id (null while the prompt is not read whole); computed from the view when absent. */
  promptId?: string | null;
  /** The prompt's request pending in claude-dm's hook (the observer's); none when absent. */
  request?: RequestFacts | null;
}

export function rowFromView(v: PeerView, times: RowTimes = {}): PeerRow {
  const c = v.classification;
  const session = v.peer.session;
  const name = typeof session?.name === 'string' && session.name.trim() !== '' ? session.name.trim() : null;
  return {
    paneId: v.peer.pane.paneId,
    host: null,
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
    understood: c.understood ?? null,
    draft: c.draft ?? null,
    self: v.peer.self,
    name,
    version: typeof session?.version === 'string' && session.version !== '' ? session.version : null,
    waitingSince: c.state === 'modal' ? (recordWaitingSince(session) ?? times.modalSeenAt ?? null) : null,
    inbound: times.inbound !== undefined ? times.inbound : inboundPolicyOf(v.peer),
    promptId: times.promptId !== undefined ? times.promptId : (promptRef(v.peer.pane.paneId, c, session)?.id ?? null),
    promptSeenAt: c.state === 'modal' ? (times.promptSeenAt ?? null) : null,
    request: c.state === 'modal' ? (times.request ?? null) : null,
    turnEnded: v.tail?.turnEnded ?? null,
    lastStopReason: v.tail?.lastStopReason ?? null,
  };
}

/** A peer the live observer holds, as a row: its times, inbound mark and prompt id are the observer's (the dashboard, the agent). */
export function rowOfLive(p: LivePeer): PeerRow {
  return rowFromView(p.view, {
    modalSeenAt: p.modalSeenAt,
    promptSeenAt: p.promptSeenAt,
    inbound: p.inbound,
    promptId: p.promptId,
    request: p.request,
  });
}
