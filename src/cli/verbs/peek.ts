import { DmError, EXIT } from '../../errors.js';
import { transcriptOf } from '../../peers/observe.js';
import type { PeerOrigin, TextBlock } from '../../transcript/records.js';
import { readingTranscript } from '../../transcript/read-error.js';
import { readTail } from '../../transcript/read-tail.js';
import { listPeers, resolveTarget } from '../../session/peers.js';
import type { Session } from '../../session/session.js';
import { senderPane } from '../../inbox/sender.js';
import type { OptionSpec, VerbSpec } from '../verb.js';

/** What peek and tail say of the transcript's control characters (README "Output" says the same). */
export const SHOWN_AS_TEXT =
  'Control characters and escape sequences in the transcript print as text (^[ ^G, \\x9b, <U+202E>; tabs expand): --raw prints them as they are.';

export const RAW_OPTION: OptionSpec = {
  type: 'boolean',
  usage: '--raw',
  description: "print the transcript's bytes as they are: escape sequences reach your terminal (they can set its title or clipboard)",
};

/** Blocks look like Claude Code's own scrollback: ❯ for the user, ● for Claude and its tool calls. */
export function formatBlock(b: TextBlock): string {
  const mark = b.role === 'user' ? '❯' : '●';
  return `${mark} ${b.dm ? `${dmLabel(b.dm)} ` : ''}${b.text.replace(/\n/g, '\n  ')}`;
}

export function blockJson(b: TextBlock) {
  return { role: b.role, text: b.text, timestamp: b.timestamp ?? null, ...(b.dm ? { dm: b.dm } : {}) };
}

/** `[DM from pid 123]`: a user turn that another session sent through the peer inbox. */
export function dmLabel(dm: PeerOrigin): string {
  return `[DM from ${dm.pane ?? (dm.pid !== null ? `pid ${dm.pid}` : (dm.from ?? 'an unidentified session'))}]`;
}

/** Names the sender's pane on each DM block where it can be resolved (one peer listing, only when there are DMs). */
export async function resolveSenders(ctx: Session, blocks: TextBlock[]): Promise<void> {
  if (!blocks.some((b) => b.dm)) return;
  const peers = await listPeers(ctx).catch(() => []);
  for (const b of blocks) {
    const pane = b.dm ? senderPane(b.dm, peers) : null;
    if (b.dm && pane) b.dm.pane = pane;
  }
}

export const peek: VerbSpec = {
  name: 'peek',
  summary: "last N text blocks of a peer's transcript (default 10)",
  usage: 'peek <target> [N] [--raw]',
  details: [
    "Blocks are user prompts (❯), Claude's text (●) and tool calls summarised in one line (● Bash(ls)).",
    'The transcript is read from its end; whole files are never loaded.',
    SHOWN_AS_TEXT,
  ],
  options: { raw: RAW_OPTION },
  positionals: { min: 1, max: 2 },
  examples: ['claude-dm peek main:1.0', 'claude-dm peek %3 3 --json'],
  async run(ctx, pos) {
    const count = pos[1] === undefined ? 10 : Number(pos[1]);
    if (!Number.isInteger(count) || count < 1) throw new DmError(`N must be a whole number ≥ 1, got ${JSON.stringify(pos[1])}`);
    const peer = await resolveTarget(ctx, pos[0]!);
    if (!peer.claude) throw new DmError(`${peer.pane.address} is not a Claude peer (no Claude Code process in it)`);
    const transcript = await transcriptOf(peer);
    if (!transcript) {
      if (ctx.json) ctx.io.out(JSON.stringify({ address: peer.pane.address, transcript: null, blocks: [] }));
      else ctx.io.err(`${peer.pane.address} has no transcript yet (it is created at the first prompt)`);
      return EXIT.ok;
    }
    const tail = await readingTranscript(transcript.path, () => readTail(transcript.path, count));
    await resolveSenders(ctx, tail.blocks);
    if (ctx.json) {
      ctx.io.out(
        JSON.stringify({
          address: peer.pane.address,
          transcript: transcript.path,
          blocks: tail.blocks.map(blockJson),
          stop_reason: tail.lastStopReason,
          turn_ended: tail.turnEnded,
        }),
      );
    } else for (const b of tail.blocks) ctx.io.out(formatBlock(b));
    return EXIT.ok;
  },
};
