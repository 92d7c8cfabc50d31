import { DmError, EXIT } from '../../errors.js';
import { transcriptOf } from '../../peers/observe.js';
import { TranscriptFollower } from '../../transcript/follow.js';
import { readingTranscript } from '../../transcript/read-error.js';
import { inTimeOrder, MAX_TAIL_BYTES, readTail } from '../../transcript/read-tail.js';
import { recordToBlocks, type TextBlock } from '../../transcript/records.js';
import { findPeerByPane, resolveTarget, ServerWentAway } from '../../session/peers.js';
import { pause } from '../../util/pause.js';
import type { VerbSpec } from '../verb.js';
import { blockJson, formatBlock, RAW_OPTION, SHOWN_AS_TEXT } from './peek.js';

/** How often new bytes are looked for. */
export const TAIL_POLL_MS = 200;
/** How often the pane and its transcript path are looked up again (/clear makes a new file). */
export const TAIL_RELOCATE_MS = 1000;

export const tail: VerbSpec = {
  name: 'tail',
  viaRefused: 'tail streams until interrupted: over --via use wait, then peek',
  summary: "follow a peer's transcript live, printing new text blocks until interrupted",
  usage: 'tail <target> [-n N] [--raw]',
  details: [
    'Follows the peer, not a file: after /clear or a resume it switches to the new transcript.',
    'Only appended bytes are read. Ends with exit 1 when the pane closes; Ctrl-C ends it with exit 0.',
    SHOWN_AS_TEXT,
  ],
  options: {
    lines: { type: 'string', short: 'n', usage: '-n N', description: 'first print the last N blocks (default 0)' },
    raw: RAW_OPTION,
  },
  positionals: { min: 1, max: 1 },
  examples: ['claude-dm tail main:1.0', 'claude-dm tail %3 -n 5 --json'],
  async run(ctx, pos, values) {
    const before = values.lines === undefined ? 0 : Number(values.lines);
    if (!Number.isInteger(before) || before < 0) throw new DmError(`-n takes a whole number ≥ 0, got ${JSON.stringify(values.lines)}`);
    let peer = await resolveTarget(ctx, pos[0]!);
    if (!peer.claude) throw new DmError(`${peer.pane.address} is not a Claude peer (no Claude Code process in it)`);
    const paneId = peer.pane.paneId;
    const print = (b: TextBlock) => ctx.io.out(ctx.json ? JSON.stringify({ address: peer.pane.address, ...blockJson(b) }) : formatBlock(b));
    // Records of one batch are put in time order (Claude Code may flush them out of order).
    const printRecords = (records: unknown[]) => inTimeOrder(records).flatMap(recordToBlocks).forEach(print);

    let follower: TranscriptFollower | null = null;
    const first = await transcriptOf(peer);
    if (first) {
      // The follower's place first, then the blocks before it: a record written in between
      // is printed once, by the follower, not lost.
      const from = await readingTranscript(first.path, () => TranscriptFollower.fromEnd(first.path));
      if (before > 0)
        for (const b of (await readingTranscript(first.path, () => readTail(first.path, before, MAX_TAIL_BYTES, from.offsetRead))).blocks)
          print(b);
      follower = from;
    }
    let sinceRelocate = 0;
    while (await pause(TAIL_POLL_MS, ctx.signal)) {
      sinceRelocate += TAIL_POLL_MS;
      if (sinceRelocate >= TAIL_RELOCATE_MS || !follower) {
        sinceRelocate = 0;
        let gone = `${peer.pane.address} is gone (pane closed or Claude exited)`;
        const now = await findPeerByPane(ctx, paneId).catch((e: unknown) => {
          if (!(e instanceof ServerWentAway)) throw e;
          gone = e.message;
          return null;
        });
        if (!now?.claude) {
          // Drain what the peer wrote before it went.
          if (follower) printRecords(await follower.poll());
          ctx.io.err(`claude-dm: ${gone}`);
          return EXIT.failure;
        }
        peer = now;
        const file = await transcriptOf(peer);
        if (file && file.path !== follower?.path) {
          if (follower) {
            printRecords(await follower.poll());
            if (!ctx.json) ctx.io.err(`-- new transcript (after /clear or resume): ${file.path}`);
          }
          follower = new TranscriptFollower(file.path, 0);
        }
      }
      const reading = follower;
      if (reading) printRecords(await readingTranscript(reading.path, () => reading.poll()));
    }
    return EXIT.ok;
  },
};
