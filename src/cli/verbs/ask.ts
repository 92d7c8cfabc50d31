import { checkMessage } from '../../actions/message.js';
import { askPeer } from '../../actions/write-verbs.js';
import { DmError, EXIT } from '../../errors.js';
import { exitForWrite } from '../exit-codes.js';
import type { VerbContext } from '../context.js';
import { forEachPeer } from '../fan-out.js';
import { SELECT_OPTIONS, selectPeers, splitTargets } from '../targets.js';
import type { VerbSpec } from '../verb.js';
import { CHANNEL_OPTIONS, channelWish, FROM_OPTIONS, messageArg, withFrom } from './send.js';
import { FORCE } from './write-options.js';

/** What ask --json prints, as its help says it (a test holds the two together). */
export const ASK_JSON_FIELDS = {
  reply: ['reply', 'blocks', 'stop_reason', 'elapsed_ms', 'status', 'target', 'channel'],
  undelivered: ['verb', 'target', 'outcome', 'ok', 'detail', 'gate', 'channel'],
} as const;
const ASK_JSON_HELP = [
  `--json: {${ASK_JSON_FIELDS.reply.join(', ')}} (status: done, modal, timeout, vanished or interrupted;`,
  'channel: inbox or keys);',
  `when the message was not delivered (refused, held, not submitted): {${ASK_JSON_FIELDS.undelivered.join(', ')}}.`,
];

/** One peer's ask, reported: its reply (stdout) or why there is none (stderr); one line a peer when `many`. */
async function askOne(ctx: VerbContext, target: string, text: string, opts: AskOptions, many: boolean): Promise<number> {
  const { sent, reply } = await askPeer(ctx, target, text, opts);
  const where = sent.peer.pane.address;
  if (!reply) {
    if (ctx.json)
      ctx.io.out(
        JSON.stringify({
          verb: 'ask',
          target: where,
          outcome: sent.outcome,
          ok: false,
          detail: sent.detail,
          gate: sent.gate,
          channel: sent.channel,
        }),
      );
    else ctx.io.err(`claude-dm: ${where}: ${sent.detail}`);
    return exitForWrite(sent);
  }
  const r = reply;
  if (ctx.json) {
    ctx.io.out(
      JSON.stringify({
        reply: r.reply,
        blocks: r.blocks.map((b) => ({ role: b.role, text: b.text })),
        stop_reason: r.stopReason,
        elapsed_ms: r.elapsedMs,
        status: r.status,
        target: where,
        channel: sent.channel,
      }),
    );
  }
  if (r.status === 'done') {
    // Several peers: a line each, its reply's lines joined, so that replies arriving at once never interleave.
    if (!ctx.json) ctx.io.out(many ? `${where}: ${r.reply.split('\n').join(' ⏎ ')}` : r.reply);
    return EXIT.ok;
  }
  const why = {
    modal: 'the peer opened a modal (claude-dm status / answer)',
    timeout: `no end of turn within ${opts.timeoutMs / 1000}s`,
    vanished: 'the pane closed',
    interrupted: 'interrupted',
  }[r.status];
  ctx.io.err(`claude-dm: ${where}: ${why}${r.reply ? `; reply so far:\n${r.reply}` : ''}`);
  return EXIT.failure;
}

type AskOptions = Parameters<typeof askPeer>[3];

export const ask: VerbSpec = {
  name: 'ask',
  messageFromStdin: true,
  writes: true,
  summary: "send a message, wait for the peer's turn to end, and print its reply",
  usage: 'ask <target>... [--] <msg|-> [timeout_s] [--all | --filter K=GLOB] [--force] [--from | --no-from] [--raw] [--inbox | --keys]',
  details: [
    'Gated and delivered exactly like send (the inbox where the peer has one). Through the inbox a busy or',
    'modal peer reads the message when it is free: ask waits for it through the queue, within the timeout.',
    'The reply is the assistant text the peer wrote to its',
    'transcript after our message, printed as data. Default timeout 300 s. On timeout, or when the',
    'peer opens a modal (a permission prompt) or its pane closes, exits 1 with what arrived so far on stderr.',
    'Several peers (ask T1 T2 T3 -- "msg", --all, --filter as for send): asked all at once, each through its own',
    'gate and lock; a line per peer as its reply arrives (ADDR: the reply, its lines joined by ⏎), or one JSON',
    'line a peer with --json; a refusal or a slow peer never holds the others. Exit 0 only when every peer replied.',
    ...ASK_JSON_HELP,
  ],
  options: { force: FORCE, ...FROM_OPTIONS, ...CHANNEL_OPTIONS, ...SELECT_OPTIONS },
  positionals: { min: 1, max: 66 },
  examples: [
    'claude-dm ask main:1.0 "what are you working on?"',
    'claude-dm ask %3 "summarise the failing tests" 600 --json',
    'claude-dm ask main:1.0 main:2.0 main:3.0 -- "which files did you change? paths only" --json',
  ],
  async run(ctx, allPos, values, line) {
    const words = splitTargets(allPos, values, line.beforeTerminator);
    const pos = words.rest;
    if (pos.length < 1 || pos.length > 2) throw new DmError(`usage: claude-dm ${ask.usage} (see claude-dm ask --help)`);
    const timeoutS = pos[1] === undefined ? 300 : Number(pos[1]);
    if (!Number.isFinite(timeoutS) || timeoutS <= 0)
      throw new DmError(`timeout_s must be a number of seconds > 0, got ${JSON.stringify(pos[1])}`);
    const raw = messageArg(ctx, pos[0]!);
    checkMessage(raw, values.raw === true);
    const text = await withFrom(ctx, raw, values);
    const opts: AskOptions = {
      force: values.force === true,
      timeoutMs: timeoutS * 1000,
      channel: channelWish(values),
      raw: values.raw === true,
    };
    if (!words.many) return askOne(ctx, words.names[0]!, text, opts, false);
    return forEachPeer(ctx, await selectPeers(ctx, words, values), (peer) => askOne(ctx, peer.pane.paneId, text, opts, true));
  },
};
