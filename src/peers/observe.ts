// A peer as the verbs see it: discovery + screen + classification + transcript facts.
import { classifyPane, type Classification } from '../classify/classify.js';
import { screenFromAnsi } from '../classify/screen.js';
import { captureMany } from '../tmux/capture-many.js';
import type { TmuxClient } from '../tmux/client.js';
import { locateTranscript, type TranscriptFile } from '../transcript/locate.js';
import { readTail, type TailSummary } from '../transcript/read-tail.js';
import type { Peer } from './discover.js';

export interface PeerView {
  peer: Peer;
  classification: Classification;
  transcript: TranscriptFile | null;
  tail: TailSummary | null;
}

export async function transcriptOf(peer: Peer): Promise<TranscriptFile | null> {
  if (!peer.claude) return null;
  return locateTranscript({
    configDir: peer.claude.configDir,
    cwd: peer.cwd,
    sessionId: peer.session?.sessionId ?? null,
    startedAtMs: peer.claude.startedAtMs,
  });
}

export interface ObserveOptions {
  /**
   * 'all' (the default) reads every peer's transcript tail. 'modals' reads it only where the
   * screen leaves a modal's kind unknown (the transcript's last tool call then tells):
   * `list` shows no turn facts, and 100 tail reads are a fifth of its time. 'states' locates a
   * transcript only there too, and leaves `transcript` null elsewhere: for a caller that wants
   * the states alone (`list --format tmux`, run by tmux's status line every few seconds).
   */
  tails?: 'all' | 'modals' | 'states';
  /**
   * Classifications still good for panes not captured this time (their screen unchanged since: readings.ts),
   * by pane id: used where `screens` has no screen for the pane.
   */
  unchanged?: ReadonlyMap<string, Classification> | Promise<ReadonlyMap<string, Classification>>;
}

/**
 * Observes many peers with one tmux capture process. `blocks` text blocks are read per
 * peer. `screens` may be captured already, or still be on its way (started before
 * discovery, to overlap them). Transcripts are read while tmux renders the captures.
 */
export async function observePeers(
  tmux: TmuxClient,
  peers: Peer[],
  blocks = 0,
  screens?: Map<string, string> | Promise<Map<string, string>>,
  opts: ObserveOptions = {},
): Promise<PeerView[]> {
  const capturing =
    screens ??
    captureMany(
      tmux,
      peers.filter((p) => p.claude).map((p) => p.pane.paneId),
    );
  const tailOf = (transcript: TranscriptFile | null) =>
    transcript ? readTail(transcript.path, blocks).catch(() => null) : Promise.resolve(null);
  const tails = opts.tails ?? 'all';
  const reading = Promise.all(
    peers.map(async (peer) => {
      if (tails === 'states') return { transcript: null, tail: null };
      const transcript = await transcriptOf(peer);
      return { transcript, tail: tails === 'modals' ? null : await tailOf(transcript) };
    }),
  );
  const [shots, facts, unchanged] = await Promise.all([capturing, reading, opts.unchanged]);
  return Promise.all(
    peers.map(async (peer, i) => {
      let { transcript, tail } = facts[i]!;
      const screen = shots.get(peer.pane.paneId);
      const kept = screen === undefined ? unchanged?.get(peer.pane.paneId) : undefined;
      if (kept) return { peer, transcript, tail, classification: kept };
      let classification = classifyFromCapture(peer, screen, tail);
      if (tails !== 'all' && classification.needsTranscript) {
        if (tails === 'states') transcript = await transcriptOf(peer);
        if (transcript) {
          tail = await tailOf(transcript);
          classification = classifyFromCapture(peer, screen, tail);
        }
      }
      return { peer, transcript, tail, classification };
    }),
  );
}

export function classifyFromCapture(peer: Peer, capture: string | undefined, tail: TailSummary | null): Classification {
  const facts = {
    isClaude: peer.claude !== null,
    panePid: peer.pane.pid,
    currentCommand: peer.pane.currentCommand,
    inMode: peer.pane.inMode,
  };
  const input =
    capture === undefined
      ? null
      : {
          title: peer.pane.title,
          screen: screenFromAnsi(capture),
          session: peer.session,
          lastToolUse: tail?.lastToolUse ?? null,
        };
  return classifyPane(facts, input);
}
