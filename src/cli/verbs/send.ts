import { hostname, userInfo } from 'node:os';
import { checkMessage, fromPrefix } from '../../actions/message.js';
import { sendMessage } from '../../actions/write-verbs.js';
import { reportWrite } from '../report.js';
import type { WriteResult } from '../../actions/write.js';
import type { ChannelWish } from '../../inbox/channel.js';
import { DmError } from '../../errors.js';
import { type VerbContext } from '../context.js';
import { listPeers } from '../../session/peers.js';
import type { VerbSpec } from '../verb.js';
import { FORCE } from './write-options.js';
import { forEachPeer } from '../fan-out.js';
import { SELECT_OPTIONS, selectPeers, splitTargets } from '../targets.js';

/** `-` as the message reads it from standard input (for long or multi-line text). */
export function messageArg(ctx: Pick<VerbContext, 'readStdin'>, raw: string): string {
  return raw === '-' ? ctx.readStdin().replace(/\n$/, '') : raw;
}

/** `DM from <addr>: ` — on by default when the caller is itself a Claude peer. */
export async function withFrom(ctx: VerbContext, text: string, values: Record<string, unknown>): Promise<string> {
  if (values['no-from'] === true) return text;
  let callerAddress: string | null = null;
  if (ctx.callerPane) {
    const me = (await listPeers(ctx)).find((p) => p.pane.paneId === ctx.callerPane);
    if (me) callerAddress = me.pane.address;
  }
  if (values.from === true) return fromPrefix(callerAddress ?? `${userInfo().username}@${hostname()}`) + text;
  return callerAddress ? fromPrefix(callerAddress) + text : text;
}

export const FROM_OPTIONS = {
  from: { type: 'boolean', usage: '--from', description: 'prefix "DM from <your address>: " (default when you are a Claude pane)' },
  'no-from': { type: 'boolean', usage: '--no-from', description: 'never add the DM prefix' },
  raw: { type: 'boolean', usage: '--raw', description: 'allow control characters in the message (they act as keys)' },
} as const;

export const CHANNEL_OPTIONS = {
  inbox: {
    type: 'boolean',
    usage: '--inbox',
    description: "only through the peer's inbox (Claude Code 2.1.3xx); fail where there is none",
  },
  keys: { type: 'boolean', usage: '--keys', description: 'type it into the pane (keystrokes) even where the peer has an inbox' },
} as const;

/** --inbox / --keys as a channel wish. */
export function channelWish(values: Record<string, unknown>): ChannelWish {
  if (values.inbox === true && values.keys === true) throw new DmError('--inbox and --keys exclude each other');
  return values.inbox === true ? 'inbox' : values.keys === true ? 'keys' : 'auto';
}

/** The success line: what happened, and through which channel. */
export function sentLine(r: WriteResult): string {
  const to = r.peer.pane.address;
  const forced = r.gate?.forced ? ' (forced)' : '';
  if (r.channel !== 'inbox') return `delivered to ${to}${forced}`;
  if (r.outcome === 'queued') return `queued for ${to} through its inbox: ${r.detail.replace(/^queued by Claude Code: /u, '')}${forced}`;
  return `delivered to ${to} through its inbox${forced}`;
}

export const send: VerbSpec = {
  name: 'send',
  messageFromStdin: true,
  writes: true,
  summary: "send a message: through the peer's inbox (2.1.3xx), else typed into an idle peer (gated, verified, audited)",
  usage:
    'send <target>... [--] <msg|-> [timeout_s] [--when-idle] [--all | --filter K=GLOB] [--force] [--from | --no-from] [--raw] [--inbox | --keys]',
  details: [
    'Two channels. A peer on Claude Code 2.1.3xx advertises an inbox: the message goes there as one line',
    '(nothing is typed; a human draft stays untouched; a busy or modal peer gets it queued) and the outcome',
    'is read back from the peer: delivered, queued (exit 0), held, refused, dropped or unconfirmed (exit 1).',
    "A hold or refusal is the peer's decision: never retried by keystrokes, not even with --force or --keys.",
    'Peers without an inbox (2.1.197 and older) get keystrokes, with the keystroke gate:',
    'allowed when the peer is idle and its last turn ended with end_turn; refused otherwise unless --force.',
    'The text goes in as one bracketed paste (multi-line, quotes, $, tabs, unicode arrive as given) and Enter',
    'is pressed only once the input box shows exactly it. If the box holds anything else (someone typed,',
    'a modal opened) nothing is pressed or deleted: "not submitted", exit 1.',
    '--when-idle waits (up to timeout_s, default 600) for the peer to become idle, then sends.',
    'A message of - is read from standard input (also over --via). Control characters are refused unless --raw.',
    'A message that begins with - goes after --: claude-dm send %3 -- "-1 is the answer".',
    'Several peers: name them before -- (send T1 T2 T3 -- "msg"), or --all (every peer but your own pane), or',
    '--filter name=GLOB,cwd=GLOB,state=S,address=GLOB (all terms must match; * and ? as in a shell). Each gets',
    'the message through its own gate and lock, all at once; a line (--json: a JSON line) per peer as its',
    'outcome arrives; a peer named twice gets it once. Exit 0 only when every peer got it.',
  ],
  options: {
    'when-idle': { type: 'boolean', usage: '--when-idle', description: 'wait for the peer to be idle, then send (timeout_s, default 600)' },
    force: FORCE,
    ...FROM_OPTIONS,
    ...CHANNEL_OPTIONS,
    ...SELECT_OPTIONS,
  },
  positionals: { min: 1, max: 66 },
  examples: [
    'claude-dm send main:1.0 "please run the tests"',
    'claude-dm send %3 "status?" --inbox',
    'claude-dm send %3 - --when-idle 300 < notes.md',
    'claude-dm send main:1.0 main:2.0 -- "the schema is merged; rebase please"',
    'claude-dm send --filter cwd=~/src/app*,state=idle "stand-up in 5" --json',
  ],
  async run(ctx, allPos, values, line) {
    const words = splitTargets(allPos, values, line.beforeTerminator);
    const pos = words.rest;
    if (pos.length < 1 || pos.length > 2) throw new DmError(`usage: claude-dm ${send.usage} (see claude-dm send --help)`);
    const whenIdle = values['when-idle'] === true;
    if (pos[1] !== undefined && !whenIdle) throw new DmError('timeout_s goes with --when-idle (see claude-dm send --help)');
    const timeoutS = pos[1] === undefined ? 600 : Number(pos[1]);
    if (!Number.isFinite(timeoutS) || timeoutS < 0)
      throw new DmError(`timeout_s must be a number of seconds, got ${JSON.stringify(pos[1])}`);
    const raw = messageArg(ctx, pos[0]!);
    checkMessage(raw, values.raw === true);
    const text = await withFrom(ctx, raw, values);
    const channel = channelWish(values);
    const one = async (target: string) => {
      const r = await sendMessage(ctx, target, text, {
        force: values.force === true,
        channel,
        raw: values.raw === true,
        ...(whenIdle ? { whenIdleMs: timeoutS * 1000 } : {}),
      });
      return reportWrite(ctx, r, sentLine(r));
    };
    if (!words.many) return one(words.names[0]!);
    return forEachPeer(ctx, await selectPeers(ctx, words, values), (peer) => one(peer.pane.paneId));
  },
};
