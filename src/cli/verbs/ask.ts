import { checkMessage } from '../../actions/message.js';
import { askPeer } from '../../actions/verbs.js';
import { DmError, EXIT } from '../../errors.js';
import { exitForWrite } from '../exit-codes.js';
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

export const ask: VerbSpec = {
  name: 'ask',
  summary: "send a message, wait for the peer's turn to end, and print its reply",
  usage: 'ask <target> <msg|-> [timeout_s] [--force] [--from | --no-from] [--raw] [--inbox | --keys]',
  details: [
    'Gated and delivered exactly like send (the inbox where the peer has one). Through the inbox a busy or',
    'modal peer reads the message when it is free: ask waits for it through the queue, within the timeout.',
    'The reply is the assistant text the peer wrote to its',
    'transcript after our message, printed as data. Default timeout 300 s. On timeout, or when the',
    'peer opens a modal (a permission prompt) or its pane closes, exits 1 with what arrived so far on stderr.',
    ...ASK_JSON_HELP,
  ],
  options: { force: FORCE, ...FROM_OPTIONS, ...CHANNEL_OPTIONS },
  positionals: { min: 2, max: 3 },
  examples: ['claude-dm ask main:1.0 "what are you working on?"', 'claude-dm ask %3 "summarise the failing tests" 600 --json'],
  async run(ctx, pos, values) {
    const timeoutS = pos[2] === undefined ? 300 : Number(pos[2]);
    if (!Number.isFinite(timeoutS) || timeoutS <= 0)
      throw new DmError(`timeout_s must be a number of seconds > 0, got ${JSON.stringify(pos[2])}`);
    const raw = messageArg(ctx, pos[1]!);
    checkMessage(raw, values.raw === true);
    const text = await withFrom(ctx, raw, values);
    const channel = channelWish(values);
    const { sent, reply } = await askPeer(ctx, pos[0]!, text, {
      force: values.force === true,
      timeoutMs: timeoutS * 1000,
      channel,
      raw: values.raw === true,
    });
    if (!reply) {
      if (ctx.json)
        ctx.io.out(
          JSON.stringify({
            verb: 'ask',
            target: sent.peer.pane.address,
            outcome: sent.outcome,
            ok: false,
            detail: sent.detail,
            gate: sent.gate,
            channel: sent.channel,
          }),
        );
      else ctx.io.err(`claude-dm: ${sent.peer.pane.address}: ${sent.detail}`);
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
          target: sent.peer.pane.address,
          channel: sent.channel,
        }),
      );
    }
    if (r.status === 'done') {
      if (!ctx.json) ctx.io.out(r.reply);
      return EXIT.ok;
    }
    const why = {
      modal: 'the peer opened a modal (claude-dm status / answer)',
      timeout: `no end of turn within ${timeoutS}s`,
      vanished: 'the pane closed',
      interrupted: 'interrupted',
    }[r.status];
    ctx.io.err(`claude-dm: ${sent.peer.pane.address}: ${why}${r.reply ? `; reply so far:\n${r.reply}` : ''}`);
    return EXIT.failure;
  },
};
