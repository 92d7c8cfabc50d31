// Which peers a fan-out verb (send, ask, wait --any/--all) acts on: targets named before `--`
// (`ask T1 T2 -- "msg"`), every peer (`--all`), or those a filter picks (`--filter state=idle,name=api*`).
// A peer named twice, by two of its names, is one peer: it gets one message.
import type { PeerState } from '../classify/classify.js';
import { DmError } from '../errors.js';
import type { Peer } from '../peers/discover.js';
import { observePeers } from '../peers/observe.js';
import { listPeers, resolveTarget } from '../session/peers.js';
import type { Session } from '../session/session.js';
import type { OptionSpec, OptionValues } from './verb.js';

export const SELECT_OPTIONS: Record<string, OptionSpec> = {
  all: { type: 'boolean', usage: '--all', description: 'every Claude peer on the server but your own pane' },
  filter: {
    type: 'string',
    usage: '--filter K=GLOB[,K=GLOB]',
    description: 'the peers whose name, cwd, state or address match (all of them: name=api*,state=idle)',
  },
};

const FILTER_KEYS = ['name', 'cwd', 'state', 'address'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
export interface FilterTerm {
  key: FilterKey;
  glob: string;
}

export function parseFilter(raw: string, home: string): FilterTerm[] {
  return raw.split(',').map((part) => {
    const at = part.indexOf('=');
    const key = part.slice(0, at).trim();
    const glob = part.slice(at + 1).trim();
    if (at < 0 || !(FILTER_KEYS as readonly string[]).includes(key) || glob === '')
      throw new DmError(`--filter takes KEY=GLOB terms (keys: ${FILTER_KEYS.join(', ')}), comma-separated; got ${JSON.stringify(part)}`);
    return { key: key as FilterKey, glob: key === 'cwd' && glob.startsWith('~') ? home + glob.slice(1) : glob };
  });
}

/** `*` any run, `?` one character, everything else itself; the whole value must match. */
export function globMatches(glob: string, value: string): boolean {
  const re = glob
    .replace(/[.+^${}()|[\]\\]/gu, '\\$&')
    .replace(/\*/gu, '.*')
    .replace(/\?/gu, '.');
  return new RegExp(`^${re}$`, 'u').test(value);
}

export interface PeerFacets {
  name: string | null;
  cwd: string;
  state: PeerState;
  address: string;
}

export function filterMatches(terms: FilterTerm[], p: PeerFacets): boolean {
  return terms.every((t) => {
    const value = t.key === 'name' ? p.name : p[t.key];
    return value !== null && globMatches(t.glob, value);
  });
}

/** The positionals split into what names peers and what the verb takes after them (the message, a timeout). */
export interface TargetWords {
  /** The targets as named; empty when --all or --filter picks them. */
  names: string[];
  rest: string[];
  /** More than one peer was asked for (several targets, --all, --filter): the output is a line per peer. */
  many: boolean;
}

/**
 * Pure: without --all or --filter, the targets are the positionals before `--` when there are any,
 * else the first; with them, every positional is the verb's.
 */
export function splitTargets(pos: string[], values: OptionValues, beforeTerminator: number | null): TargetWords {
  const roster = values.all === true || typeof values.filter === 'string';
  if (values.all === true && typeof values.filter === 'string')
    throw new DmError('--all and --filter: give one of them (--filter narrows the roster itself)');
  if (roster) {
    if (beforeTerminator !== null && beforeTerminator > 0)
      throw new DmError('targets and --all/--filter: name the peers, or let --all/--filter pick them, not both');
    return { names: [], rest: pos, many: true };
  }
  const count = beforeTerminator !== null && beforeTerminator > 0 ? beforeTerminator : 1;
  return { names: pos.slice(0, count), rest: pos.slice(count), many: count > 1 };
}

/** The peers the words name, each once, in the order named (tmux's order for --all/--filter). */
export async function selectPeers(ctx: Session, words: TargetWords, values: OptionValues): Promise<Peer[]> {
  if (words.names.length > 0) {
    const peers: Peer[] = [];
    for (const name of words.names) {
      const peer = await resolveTarget(ctx, name);
      if (!peers.some((p) => p.pane.paneId === peer.pane.paneId)) peers.push(peer);
    }
    return peers;
  }
  const terms = typeof values.filter === 'string' ? parseFilter(values.filter, ctx.home) : [];
  const peers = (await listPeers(ctx)).filter((p) => p.claude && !p.self);
  const views = await observePeers(ctx.tmux, peers, 0, undefined, { tails: 'modals' });
  const picked = views.filter((v) =>
    filterMatches(terms, {
      name: v.peer.session?.name?.trim() || null,
      cwd: v.peer.cwd,
      state: v.classification.state,
      address: v.peer.pane.address,
    }),
  );
  if (picked.length === 0)
    throw new DmError(
      `no peer matches ${values.all === true ? '--all' : `--filter ${String(values.filter)}`} on ${ctx.socket.path}`,
      'target',
    );
  return picked.map((v) => v.peer);
}
