// The dashboard benches' common scene: synthetic peers sitting still (with transcripts, as real
// peers have), and modals opened and closed one at a time while the dashboard is watched.
import { existsSync } from 'node:fs';
import type { DashboardProbe } from './dashboard-probe.js';
import { sessionsWrittenAt, sleep } from './measure.js';
import type { PrivateTmux } from '../demo/private-tmux.js';
import { appendJsonl, rec, startStaticPeer, startSyntheticPeer, writeJsonl, type SyntheticPeer } from '../test/support/synthetic-peers.js';

/** Screens of peers with nothing to do: their title, sessions record and screen never change. */
export const CALM = ['2.1.197__idle__1', '2.1.197__idle__2', '2.1.197__after_clear__1', '2.1.197__rejected__1'];

/**
 * `count` peers drawing `screens` in turn, each with a transcript (bench/real-vs-synthetic.ts
 * showed it matters: the LAST column then changes while the dashboard sits idle).
 */
export async function startPeers(
  tmux: PrivateTmux,
  count: number,
  opts: { screens?: readonly string[]; transcripts?: boolean } = {},
): Promise<SyntheticPeer[]> {
  const screens = opts.screens ?? CALM;
  const peers: SyntheticPeer[] = [];
  for (let i = 0; i < count; i++) peers.push(await startSyntheticPeer(tmux, `p${i}`, { capture: screens[i % screens.length]! }));
  if (opts.transcripts !== false) for (const p of peers) writeJsonl(p.transcriptPath(), [rec.user('hello'), rec.assistant('hi')]);
  return peers;
}

/** The `i`-th peer that only draws a calm screen and sits (a shell, not a node process: 500 fit), with a transcript. */
export async function startStillPeer(tmux: PrivateTmux, i: number): Promise<void> {
  const p = await startStaticPeer(tmux, `s${i}`, CALM[i % CALM.length]!);
  writeJsonl(p.transcriptPath(`static-s${i}`), [rec.user('hello'), rec.assistant('hi')]);
}

export interface Flip {
  /** When the peer's sessions record was written (the modal's start). */
  written: number;
  /** When the dashboard showed it; 0 when it did not within the time allowed. */
  shown: number;
}

/**
 * `flips` times: a peer (every `stride`-th, round the list) opens a permission modal and the time
 * the dashboard's header counts it is kept; then it goes back to `calm` and the header to 0.
 */
export async function flipModals(
  dash: DashboardProbe,
  peers: readonly SyntheticPeer[],
  o: { flips: number; stride: number; calm: string; showMs: number; clearMs: number; pauseMs: number },
): Promise<Flip[]> {
  const out: Flip[] = [];
  for (let i = 0; i < o.flips; i++) {
    const peer = peers[(i * o.stride) % peers.length]!;
    const call = openPrompt(peer, '2.1.197__permission_bash__1', `toolu_flip_${i}`);
    const shown = await dash.shownAt('🔴 1 modal', o.showMs);
    out.push({ written: sessionsWrittenAt(peer.configDir), shown });
    closePrompt(peer, o.calm, call);
    await dash.shownAt('🔴 0 modal', o.clearMs);
    await sleep(o.pauseMs);
  }
  return out;
}

/** Milliseconds from write to screen, of the flips that showed. */
export const latenciesOf = (flips: readonly Flip[]): number[] => flips.filter((f) => f.shown).map((f) => f.shown - f.written);

/**
 * A peer opens a permission prompt as Claude Code does: the prompt's tool call goes in its transcript (when it
 * has one), then the screen and the record change. A prompt whose call is missing is held back up to 3 s
 * (src/watch/prompt-read.ts): the benches measured that hold, not claude-dm, from 2026-12-05 to 12-06.
 * Returns the call's id for closePrompt (null without a transcript).
 */
export function openPrompt(peer: SyntheticPeer, capture: string, id: string): string | null {
  const transcript = peer.transcriptPath();
  const call = existsSync(transcript) ? id : null;
  if (call) appendJsonl(transcript, [rec.toolUse(call, 'Bash', { command: 'touch /tmp/flip' })]);
  peer.set({ capture });
  return call;
}

/** The prompt answered: the call's result and a reply in the transcript, then the screen `calm`. */
export function closePrompt(peer: SyntheticPeer, calm: string, call: string | null): void {
  if (call) appendJsonl(peer.transcriptPath(), [rec.toolResult(call, 'done'), rec.assistant('done')]);
  peer.set({ capture: calm });
}
