import type { PeerState } from '../../classify/classify.js';
import { stateLabel } from '../../classify/state-token.js';
import { DmError, EXIT } from '../../errors.js';
import { resolveTarget } from '../../session/peers.js';
import { diffPeers, type Track, type WatchEvent } from '../../watch/events.js';
import { downOnce, downText, HostLink } from '../../remote/host-link.js';
import { splitRemoteAddress } from '../../remote/hosts.js';
import { HOST_OPTIONS, hostChoice } from '../host-options.js';
import { tmuxStatusLine } from '../tmux-status.js';
import { LiveObserver, type LiveSnapshot } from '../../watch/observer.js';
import { openPollingClient } from '../../watch/polling-client.js';
import { EventSink, type LineOut } from '../../watch/sink.js';
import type { VerbContext } from '../context.js';
import { tildePath } from '../../util/format.js';
import { visibleText } from '../../util/visible.js';
import type { OptionValues, VerbSpec } from '../verb.js';

const STATES: readonly PeerState[] = ['idle', 'busy', 'drafting', 'modal', 'other'];
/** Blocks read from a transcript that changed: enough for a turn's reply and the DMs since the last look. */
const WATCH_BLOCKS = 40;

function parseStates(raw: OptionValues[string]): Set<PeerState> | null {
  if (typeof raw !== 'string') return null;
  const states = raw.split(',').map((s) => s.trim());
  const bad = states.find((s) => !(STATES as readonly string[]).includes(s));
  if (bad !== undefined) throw new DmError(`--state takes ${STATES.join(', ')} (comma-separated); got ${JSON.stringify(bad)}`);
  return new Set(states as PeerState[]);
}

const clip = (s: string, n = 100) => {
  const one = s.replace(/\s+/gu, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

/** One readable line: `07:12:03 main:1.0 (api-tests) idle → busy`. */
export function eventLine(e: WatchEvent, home: string): string {
  const time = e.ts.slice(11, 19);
  const who = `${e.target}${e.name ? ` (${e.name})` : ''}`;
  const merged = e.merged ? ` [+${e.merged} merged]` : '';
  const what = (() => {
    switch (e.event) {
      case 'snapshot':
      case 'peer':
        return `${e.event === 'peer' ? 'appeared: ' : ''}${stateLabel({ state: e.state, subtype: e.subtype })}${e.prompt ? `, prompt ${e.prompt}` : ''} in ${tildePath(e.cwd, home)}`;
      case 'gone':
        return 'gone';
      case 'state':
        return `${e.from} → ${stateLabel({ state: e.to, subtype: e.subtype })}${e.prompt ? `, prompt ${e.prompt}` : ''}`;
      case 'prompt': {
        const keys = (['y', 'n', 'a'] as const)
          .filter((k) => e.keys[k].option !== null)
          .map((k) => `${k}: ${clip(e.keys[k].option!, 40)}${e.keys[k].widens ? ' (--confirm)' : ''}`);
        return `asks (${e.prompt ?? 'prompt'}${e.tool ? `, ${e.tool}` : ''}): ${clip(e.subject.join(' | '))}${keys.length ? ` — ${keys.join(' · ')}` : ''} [${e.prompt_id ?? 'opening'}]`;
      }
      case 'turn':
        return `turn ended (${e.stop_reason ?? '?'}): ${clip(e.reply) || '(no text)'}`;
      case 'dm':
        return `DM${e.pid !== null ? ` from pid ${e.pid}` : ''}: ${clip(e.text)}`;
    }
  })();
  // One line an event, whatever a title or a reply holds.
  return visibleText(`${time} ${who} ${what}${merged}`, { newlines: 'show' });
}

/** The verb's output as a sink's line stream: the CLI's own flow control where it has one. */
function lineOut(ctx: VerbContext): LineOut {
  const flow = ctx.io.flow;
  return {
    write: (line) => ctx.io.out(line),
    full: () => flow?.full() ?? false,
    onDrain: (cb) => (flow ? flow.onDrain(cb) : queueMicrotask(cb)),
  };
}

/** Passes an event about a peer in one of `states` (a peer's `gone` when it was shown before). */
function stateFilter(states: Set<PeerState> | null) {
  const shown = new Set<string>();
  const current = new Map<string, PeerState>();
  return (e: WatchEvent): boolean => {
    if (states === null) return true;
    if (e.event === 'snapshot' || e.event === 'peer') current.set(e.pane_id, e.state);
    if (e.event === 'state') current.set(e.pane_id, e.to);
    if (e.event === 'gone') return shown.delete(e.pane_id);
    const pass = states.has(current.get(e.pane_id) ?? 'other');
    if (pass) shown.add(e.pane_id);
    return pass;
  };
}

/**
 * `watch --tmux-status`: the status line's count kept in the tmux server's option @claude_dm, set when it
 * changes. One process per server instead of one `list` per status refresh per client; it ends when the
 * server does, or when interrupted.
 */
async function tmuxStatus(ctx: VerbContext, pos: string[], values: OptionValues): Promise<number> {
  if (pos.length > 0 || ctx.json || values.state !== undefined || values.host !== undefined)
    throw new DmError('--tmux-status counts every peer of this server: no targets, --state, --host or --json with it');
  let shown: string | null = null;
  let stop: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (stop = resolve));
  const polling = openPollingClient(ctx, true);
  const observer = new LiveObserver({
    ctx,
    watchFiles: true,
    onTick: async (s: LiveSnapshot) => {
      if (s.error !== null) return stop(); // the server is gone: so is its status line
      const line = tmuxStatusLine(s.peers.map((p) => p.view.classification.state));
      if (line === shown) return;
      await ctx.tmux.tmux(['set-option', '-g', '@claude_dm', line]).then(
        () => (shown = line),
        () => stop(),
      );
    },
    ...(polling.tmux ? { tmux: polling.tmux } : {}),
  });
  observer.start();
  ctx.signal.addEventListener('abort', () => stop(), { once: true });
  await ended;
  await observer.stop();
  polling.close();
  return EXIT.ok;
}

export const watch: VerbSpec = {
  name: 'watch',
  reachesHosts: true,
  summary: 'stream what peers do: a snapshot per peer, then each change as it happens',
  usage:
    'watch [target...] [--state S[,S]] [--interval S] [--host NAME[=TRANSPORT]]... [--all-hosts] [--no-local] [--json] | watch --tmux-status',
  details: [
    'First one snapshot event per peer (a peer already asking: then its prompt event), then events as they',
    'happen: peer (appeared), gone, state (from, to, subtype, prompt kind, rule), prompt (a new prompt: its',
    'tool, what it asks, its options, what y, n and a would pick, its prompt_id for answer --prompt), turn',
    '(a turn ended: its stop reason and reply text) and dm (a message from another session reached it).',
    '--json prints one JSON object a line, each with ts, target, pane_id, name and cwd; without it, one',
    'readable line an event. With targets, only those peers. --state idle,modal: only events about peers in',
    "those states. A reader that stops reading never makes it grow: each peer's events are coalesced to the",
    'latest of each kind, with merged: N. It runs until interrupted (exit 0 on Ctrl-C, SIGTERM, or a closed',
    'pipe: `claude-dm watch --json | head -1` works).',
    "Other machines (--host, --all-hosts, as for list): each host's events come over one link to its agent,",
    'named HOST:… and carrying host; a host that goes down or comes back is a line on stderr (it reconnects).',
    "--tmux-status prints nothing: it keeps the tmux server's option @claude_dm set to list --format tmux's",
    "count as it changes, so status-right '#{@claude_dm}' shows it at no cost per refresh; it ends with the server.",
  ],
  options: {
    state: { type: 'string', usage: '--state S[,S]', description: `only peers in these states (${STATES.join(', ')})` },
    interval: { type: 'string', usage: '--interval S', description: 'seconds between looks (default 1); file watchers look sooner' },
    ...HOST_OPTIONS,
    'tmux-status': {
      type: 'boolean',
      usage: '--tmux-status',
      description: "keep tmux's @claude_dm option set to the waiting count (for status-right '#{@claude_dm}'), print nothing",
    },
  },
  positionals: { min: 0, max: 64 },
  examples: [
    'claude-dm watch',
    'claude-dm watch --json --state modal',
    'claude-dm watch main:1.0 main:2.0 --json | jq -c \'select(.event=="turn")\'',
  ],
  async run(ctx, pos, values) {
    if (values['tmux-status'] === true) return tmuxStatus(ctx, pos, values);
    const states = parseStates(values.state);
    const interval = values.interval === undefined ? 1 : Number(values.interval);
    if (!Number.isFinite(interval) || interval < 0.05)
      throw new DmError(`--interval must be a number of seconds ≥ 0.05, got ${JSON.stringify(values.interval)}`);
    const choice = hostChoice(ctx, values);
    const here = pos.filter((t) => !splitRemoteAddress(t));
    const far = pos.filter((t) => splitRemoteAddress(t));
    const only = pos.length === 0 ? null : new Set(await Promise.all(here.map(async (t) => (await resolveTarget(ctx, t)).pane.paneId)));
    const sink = new EventSink(lineOut(ctx), (e) => (ctx.json ? JSON.stringify(e) : eventLine(e, ctx.home)));
    const passes = stateFilter(states);
    // Another host's events, named HOST:…: a remote target is matched by its address or pane id as named here.
    const wanted = (e: WatchEvent) => pos.length === 0 || far.includes(e.target) || far.includes(e.pane_id);
    // A host that stays down (each retry failing the same way) is one line until it is up again.
    const sayDown = downOnce((name, st) => ctx.io.err(`claude-dm: ${downText(name, st)}`));
    const links = choice.hosts.map(
      (host) =>
        new HostLink({
          host,
          env: ctx.env,
          clock: ctx.clock,
          rows: false,
          events: true,
          reconnect: true,
          onEvents: (events) => sink.push(events.filter((e) => wanted(e) && passes(e))),
          onState: (st) => {
            sayDown(host.name, st);
            if (st.kind === 'stale') ctx.io.err(`claude-dm: ${host.name}: silent for a while (stale)`);
            else if (st.kind === 'up' && st.working) ctx.io.err(`claude-dm: ${host.name}: up`);
          },
        }),
    );
    for (const link of links) link.start();
    let tracks: Map<string, Track> | null = null;
    const onTick = (s: LiveSnapshot) => {
      if (s.error !== null) {
        ctx.io.err(`claude-dm: ${s.error}`);
        return;
      }
      const peers = only ? s.peers.filter((p) => only.has(p.view.peer.pane.paneId)) : s.peers;
      const diff = diffPeers(tracks, peers, s.at);
      tracks = diff.tracks;
      sink.push(diff.events.filter(passes));
    };
    const polling = openPollingClient(ctx, choice.local);
    const observer = new LiveObserver({
      ctx,
      intervalMs: interval * 1000,
      watchFiles: true,
      blocks: WATCH_BLOCKS,
      onTick,
      onError: (e) => ctx.io.err(`claude-dm: watch: ${e.message}`),
      ...(polling.tmux ? { tmux: polling.tmux } : {}),
    });
    if (choice.local && (pos.length === 0 || here.length > 0)) observer.start();
    // Until interrupted, or until nobody reads: a closed pipe ends it even on a roster where nothing happens.
    let stopReaderWatch = () => undefined as void;
    await new Promise<void>((resolve) => {
      stopReaderWatch = ctx.io.flow?.onReaderGone(resolve) ?? stopReaderWatch;
      if (ctx.signal.aborted) resolve();
      else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    stopReaderWatch();
    await Promise.all([observer.stop(), ...links.map((l) => l.close())]);
    polling.close();
    return EXIT.ok;
  },
};
