// What changed between two looks at the peers, as events: pure, from the observer's snapshots. The first
// look gives one `snapshot` per peer (and a `prompt` for a peer already on one); after that `peer` (appeared),
// `gone`, `state`, `prompt` (a new one opened, once read whole: observer.ts holds it back until then,
// prompt-read.ts; again, same id, if its tool is read only later), `turn` (a turn ended: its stop reason and
// reply) and `dm` (a peer message reached it).
import { answerKeyTable } from '../actions/answer.js';
import type { PeerState } from '../classify/classify.js';
import { modalSubject } from '../classify/screen.js';
import type { TextBlock } from '../transcript/records.js';
import type { LivePeer } from './observer.js';
import type { RequestFacts } from '../hook/on-screen.js';
import { promptTool } from './prompt-read.js';

export const EVENT_TYPES = ['snapshot', 'peer', 'gone', 'state', 'prompt', 'turn', 'dm'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** What every event says about its peer. */
export interface EventPeer {
  /** ISO time of the look that saw it. */
  ts: string;
  target: string;
  pane_id: string;
  name: string | null;
  cwd: string;
  /** The host it runs on, for events relayed from another machine (`watch --host`); absent for this one. */
  host?: string;
}

/** A peer as a whole (`snapshot`, `peer`). */
export interface PeerFacts {
  state: PeerState;
  subtype: string | null;
  prompt: string | null;
  prompt_id: string | null;
  rule: string;
  version: string | null;
}

export interface PromptFacts {
  prompt_id: string | null;
  prompt: string | null;
  subtype: string | null;
  /** The tool Claude asked to run (the transcript's pending tool call), when known. */
  tool: string | null;
  /** What it asks: the command, file, URL or question, as the prompt shows it. */
  subject: string[];
  options: Array<{ key: string; label: string }>;
  /** What `answer` y, n and a would pick (null: that key picks nothing here), and whether it widens permissions. */
  keys: Record<'y' | 'n' | 'a', { option: string | null; widens: boolean }>;
  /** The prompt's request pending in claude-dm's hook (its whole input; answers go through it), null when none. */
  request: RequestFacts | null;
}

export type WatchEvent = EventPeer &
  (
    | ({ event: 'snapshot' | 'peer' } & PeerFacts)
    | { event: 'gone' }
    | { event: 'state'; from: PeerState; to: PeerState; subtype: string | null; prompt: string | null; rule: string }
    | ({ event: 'prompt' } & PromptFacts)
    | { event: 'turn'; stop_reason: string | null; reply: string }
    | { event: 'dm'; from: string | null; pid: number | null; text: string }
  ) & {
    /** Events of this kind for this peer that a slow reader did not take and this one stands for. */
    merged?: number;
  };

/** What was last said of a peer: the next look is compared with it. */
export interface Track {
  who: EventPeer;
  state: PeerState;
  promptId: string | null;
  promptLook: string | null;
  /** The tool told for the open prompt (null: none was known yet). */
  promptTool: string | null;
  /** The last user prompt whose turn end was told (or was already over at the first look). */
  turnToldFor: string | null;
  /** Peer messages already told. */
  dms: string[];
}

const DM_MEMORY = 64;

function who(p: LivePeer, ts: string): EventPeer {
  const s = p.view.peer.session;
  const name = typeof s?.name === 'string' && s.name.trim() !== '' ? s.name.trim() : null;
  return { ts, target: p.view.peer.pane.address, pane_id: p.view.peer.pane.paneId, name, cwd: p.view.peer.cwd };
}

function facts(p: LivePeer): PeerFacts {
  const c = p.view.classification;
  return {
    state: c.state,
    subtype: c.subtype ?? null,
    prompt: c.prompt ?? null,
    prompt_id: p.promptId,
    rule: c.rule,
    version: p.view.peer.session?.version ?? null,
  };
}

export function promptFacts(p: LivePeer): PromptFacts {
  const c = p.view.classification;
  const table = answerKeyTable(c);
  const key = (k: 'y' | 'n' | 'a') => {
    const row = table.find((r) => r.key === k);
    return { option: row?.option ?? null, widens: row?.widens ?? false };
  };
  return {
    prompt_id: p.promptId,
    prompt: c.prompt ?? null,
    subtype: c.subtype ?? null,
    tool: promptTool(p.view.tail),
    subject: c.modal ? modalSubject(c.modal) : [],
    options: c.modal?.options.map((o) => ({ key: o.key, label: o.label })) ?? [],
    keys: { y: key('y'), n: key('n'), a: key('a') },
    request: p.request,
  };
}

const blockKey = (b: TextBlock) => `${b.timestamp ?? ''}|${b.text.slice(0, 80)}`;

/** The newest prompt a person (or a peer) gave, and the assistant's words after it. */
function lastTurn(blocks: TextBlock[]): { prompt: string | null; reply: string } {
  const at = blocks.findLastIndex((b) => b.role === 'user');
  const after = blocks.slice(at + 1);
  return {
    prompt: at < 0 ? null : blockKey(blocks[at]!),
    reply: after
      .filter((b) => b.role === 'assistant')
      .map((b) => b.text)
      .join('\n\n'),
  };
}

function trackOf(p: LivePeer, ts: string, before?: Track): Track {
  const blocks = p.view.tail?.blocks ?? [];
  const dms = blocks.filter((b) => b.dm).map(blockKey);
  return {
    who: who(p, ts),
    state: p.view.classification.state,
    promptId: p.promptId,
    promptLook: p.promptLook,
    // Once told, a prompt's tool stays told: its tool_result (the answer) lands before the screen closes it.
    promptTool: p.promptId === null ? null : ((p.promptId === before?.promptId ? before.promptTool : null) ?? promptTool(p.view.tail)),
    turnToldFor: before?.turnToldFor ?? (p.view.tail?.turnEnded ? lastTurn(blocks).prompt : null),
    dms: [...new Set([...(before?.dms ?? []), ...dms])].slice(-DM_MEMORY),
  };
}

/**
 * The events between what was told (`tracks`, by pane id; null before the first look) and this look.
 * Returns them with the tracks to compare the next look with.
 */
export function diffPeers(
  tracks: Map<string, Track> | null,
  peers: LivePeer[],
  at: number,
): { events: WatchEvent[]; tracks: Map<string, Track> } {
  const ts = new Date(at).toISOString();
  const events: WatchEvent[] = [];
  const next = new Map<string, Track>();
  for (const p of peers) {
    const id = p.view.peer.pane.paneId;
    const before = tracks?.get(id);
    if (!before) {
      const track = trackOf(p, ts);
      next.set(id, track);
      events.push({ ...track.who, event: tracks === null ? 'snapshot' : 'peer', ...facts(p) });
      // A peer first seen on a prompt: what it asks and what y/n/a pick are told too, also at the first look
      // (a watch started while a peer waits must not wait for the next prompt to learn what this one asks).
      if (p.promptId !== null) events.push({ ...track.who, event: 'prompt', ...promptFacts(p) });
      continue;
    }
    const track = trackOf(p, ts, before);
    const c = p.view.classification;
    if (c.state !== before.state) {
      events.push({
        ...track.who,
        event: 'state',
        from: before.state,
        to: c.state,
        subtype: c.subtype ?? null,
        prompt: c.prompt ?? null,
        rule: c.rule,
      });
    }
    // A prompt is new when it has an id it did not have, or looks different (a dialog giving way to its prompt).
    // Told again, same id, when its tool is read after it was told (held back for PROMPT_READ_MS and still missing).
    const isNew = p.promptId !== before.promptId || p.promptLook !== before.promptLook;
    if (p.promptId !== null && (isNew || (before.promptTool === null && track.promptTool !== null))) {
      events.push({ ...track.who, event: 'prompt', ...promptFacts(p) });
    }
    const tail = p.view.tail;
    if (tail?.turnEnded) {
      const turn = lastTurn(tail.blocks);
      if (turn.prompt !== null && turn.prompt !== before.turnToldFor) {
        events.push({ ...track.who, event: 'turn', stop_reason: tail.lastStopReason, reply: turn.reply });
        track.turnToldFor = turn.prompt;
      }
    }
    for (const b of tail?.blocks ?? []) {
      if (!b.dm || before.dms.includes(blockKey(b))) continue;
      events.push({ ...track.who, event: 'dm', from: b.dm.from, pid: b.dm.pid, text: b.text });
    }
    next.set(id, track);
  }
  if (tracks) {
    for (const [id, t] of tracks) if (!next.has(id)) events.push({ ...t.who, ts, event: 'gone' });
  }
  return { events, tracks: next };
}
