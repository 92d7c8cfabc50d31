import { hostname, userInfo } from 'node:os';
import { checkMessage, fromPrefix } from '../../actions/message.js';
import { sendMessage } from '../../actions/verbs.js';
import { reportWrite } from '../report.js';
import { CliError } from '../../errors.js';
import { type VerbContext } from '../context.js';
import { listPeers } from '../../session/peers.js';
import type { VerbSpec } from '../verb.js';
import { FORCE } from './write-options.js';

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

export const send: VerbSpec = {
  name: 'send',
  summary: 'type a message into an idle peer and submit it (gated, verified, audited)',
  usage: 'send <target> <msg|-> [timeout_s] [--when-idle] [--force] [--from | --no-from] [--raw]',
  details: [
    'Allowed when the peer is idle and its last turn ended with end_turn; refused otherwise unless --force.',
    'The text goes in as one bracketed paste (multi-line, quotes, $, tabs, unicode arrive as given) and Enter',
    'is pressed only once the input box shows exactly it. If the box holds anything else (someone typed,',
    'a modal opened) nothing is pressed or deleted: "not submitted", exit 1.',
    '--when-idle waits (up to timeout_s, default 600) for the peer to become idle, then sends.',
    'A message of - is read from standard input (also over --via). Control characters are refused unless --raw.',
    'A message that begins with - goes after --: claude-dm send %3 -- "-1 is the answer".',
  ],
  options: {
    'when-idle': { type: 'boolean', usage: '--when-idle', description: 'wait for the peer to be idle, then send (timeout_s, default 600)' },
    force: FORCE,
    ...FROM_OPTIONS,
  },
  positionals: { min: 2, max: 3 },
  examples: ['claude-dm send main:1.0 "please run the tests"', 'claude-dm send %3 - --when-idle 300 < notes.md'],
  async run(ctx, pos, values) {
    const whenIdle = values['when-idle'] === true;
    if (pos[2] !== undefined && !whenIdle) throw new CliError('timeout_s goes with --when-idle (see claude-dm send --help)');
    const timeoutS = pos[2] === undefined ? 600 : Number(pos[2]);
    if (!Number.isFinite(timeoutS) || timeoutS < 0) throw new CliError(`timeout_s must be a number of seconds, got ${JSON.stringify(pos[2])}`);
    const raw = messageArg(ctx, pos[1]!);
    checkMessage(raw, values.raw === true);
    const text = await withFrom(ctx, raw, values);
    const r = await sendMessage(ctx, pos[0]!, text, { force: values.force === true, ...(whenIdle ? { whenIdleMs: timeoutS * 1000 } : {}) });
    return reportWrite(ctx, r, `delivered to ${r.peer.pane.address}${r.gate?.forced ? ' (forced)' : ''}`);
  },
};
