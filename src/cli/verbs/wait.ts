import { titleGlyph } from '../../classify/classify.js';
import { DmError, EXIT } from '../../errors.js';
import type { PeerState } from '../../classify/classify.js';
import type { PeerView } from '../../peers/observe.js';
import { downOnce, downText, HostLink } from '../../remote/host-link.js';
import { splitRemoteAddress, type Host } from '../../remote/hosts.js';
import { rowFromView, type PeerRow } from '../../watch/peer-row.js';
import { hostChoice } from '../host-options.js';
import { observePane, resolveTarget } from '../../session/peers.js';
import { LiveObserver, type LiveSnapshot } from '../../watch/observer.js';
import { openPollingClient } from '../../watch/polling-client.js';
import { pause } from '../../util/pause.js';
import type { VerbContext } from '../context.js';
import type { OptionValues, VerbSpec } from '../verb.js';

export const WAIT_DEFAULTS = { intervalS: 1, timeoutS: 600, debounceS: 2 } as const;

function seconds(raw: OptionValues[string], fallback: number, name: string, min: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(n) || n < min)
    throw new DmError(`${name} must be a number of seconds ≥ ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

export type WaitResult = 'DONE' | 'MODAL' | 'GONE';

/** What deciding a wait needs of a peer: a local view's facts and a host's row alike. */
export interface WaitFacts {
  state: PeerState;
  title: string;
  turnEnded: boolean | null;
}

const factsOfView = (v: PeerView): WaitFacts => ({
  state: v.classification.state,
  title: v.peer.pane.title,
  turnEnded: v.tail?.turnEnded ?? null,
});

/**
 * One look at a peer being waited for: MODAL when a prompt is open, DONE when its turn has been over
 * (✳ title, not busy, the transcript's last turn ended) for `debounceMs`, GONE when its pane closed;
 * null to look again. `since` keeps when it first looked done.
 */
export function judgeWait(peer: WaitFacts | null, since: { done: number | null }, now: number, debounceMs: number): WaitResult | null {
  if (!peer) return 'GONE';
  if (peer.state === 'modal') return 'MODAL';
  const done = titleGlyph(peer.title) === 'idle' && peer.state !== 'busy' && peer.turnEnded === true;
  if (!done) {
    since.done = null;
    return null;
  }
  since.done ??= now;
  return now - since.done >= debounceMs ? 'DONE' : null;
}

interface Timing {
  intervalS: number;
  timeoutS: number;
  debounceS: number;
}

/** A peer waited for: here by its pane id, on another host by its address as named here (`HOST:main:1.0`, `HOST:%3`). */
interface Awaited {
  key: string;
  address: string;
  host: string | null;
  since: { done: number | null };
}

const matches = (w: Awaited, r: PeerRow) => r.paneId === w.key || r.address === w.key;

/**
 * Several peers, read from the engine's live observer here (file watchers look at once when a record or
 * transcript moves) and from each other host's link: a line per peer as it finishes; --any stops at the
 * first, --all when every one has.
 */
async function waitMany(ctx: VerbContext, awaited: Awaited[], hosts: Host[], mode: 'any' | 'all', t: Timing): Promise<number> {
  const start = Date.now();
  const waiting = new Map(awaited.map((w) => [w.key, w]));
  let failed = false;
  const report = (w: Awaited, result: string, extra: object = {}) => {
    if (ctx.json) ctx.io.out(JSON.stringify({ target: w.address, pane_id: w.key, result, elapsed_ms: Date.now() - start, ...extra }));
    else if (result !== 'timeout') ctx.io.out(`${w.address} ${result}`);
  };
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  /** A fresh roster of one machine (`host` null: here): every peer waited for there is looked at. */
  const look = (host: string | null, rows: PeerRow[]) => {
    for (const [key, w] of waiting) {
      if (w.host !== host) continue;
      const row = rows.find((r) => matches(w, r)) ?? null;
      const result = judgeWait(row, w.since, Date.now(), t.debounceS * 1000);
      if (result === null) continue;
      waiting.delete(key);
      if (result === 'GONE') failed = true;
      const r = row;
      report(w, result, r ? { state: r.state, subtype: r.subtype, prompt: r.prompt, stop_reason: r.lastStopReason } : {});
    }
    if (waiting.size === 0 || (mode === 'any' && waiting.size < awaited.length)) finish(failed ? EXIT.failure : EXIT.ok);
  };
  const here = awaited.some((w) => w.host === null);
  const polling = openPollingClient(ctx, here);
  const observer = new LiveObserver({
    ctx,
    intervalMs: t.intervalS * 1000,
    watchFiles: true,
    onTick: (s: LiveSnapshot) => {
      if (s.error === null)
        look(
          null,
          s.peers.filter((p) => p.view.peer.claude).map((p) => rowFromView(p.view, { inbound: null })),
        );
    },
    ...(polling.tmux ? { tmux: polling.tmux } : {}),
  });
  const sayDown = downOnce((name, st) => ctx.io.err(`claude-dm: ${downText(name, st)}`));
  const links = hosts.map(
    (host) =>
      new HostLink({
        host,
        env: ctx.env,
        clock: ctx.clock,
        reconnect: true,
        onRows: (rows, error) => (error === null ? look(host.name, rows) : undefined),
        onState: (st) => sayDown(host.name, st),
      }),
  );
  const timer = setTimeout(() => {
    const left = [...waiting.values()];
    ctx.io.err(`claude-dm: timed out after ${t.timeoutS}s waiting for ${left.map((w) => w.address).join(', ')}`);
    for (const w of left) report(w, 'timeout');
    finish(EXIT.failure);
  }, t.timeoutS * 1000);
  const onAbort = () => {
    ctx.io.err('claude-dm: interrupted');
    finish(EXIT.failure);
  };
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  if (here) observer.start();
  for (const link of links) link.start();
  const code = await finished;
  clearTimeout(timer);
  ctx.signal.removeEventListener('abort', onAbort);
  await Promise.all([observer.stop(), ...links.map((l) => l.close())]);
  polling.close();
  return code;
}

export const wait: VerbSpec = {
  name: 'wait',
  summary: "wait until a peer's turn is done (prints DONE) or it opens a modal (prints MODAL); or several peers",
  usage:
    'wait <target> [interval_s] [timeout_s] [debounce_s] | wait --any|--all <target>... [--interval S] [--timeout S] [--debounce S] [--host NAME[=TRANSPORT]]...',
  details: [
    `DONE: the title shows ✳ (not a spinner), no modal, and the transcript's last assistant turn ended`,
    `with end_turn, all held for debounce_s. MODAL: a permission prompt or question is open.`,
    `Defaults: interval ${WAIT_DEFAULTS.intervalS}s, timeout ${WAIT_DEFAULTS.timeoutS}s, debounce ${WAIT_DEFAULTS.debounceS}s.`,
    'On timeout, or when the pane closes, exits 1 and prints no sentinel (a line on stderr says why).',
    '--any T1 T2 …: returns when the first of them is DONE, MODAL or GONE (its pane closed); --all: when every one',
    'is. A line per peer as it finishes, `ADDR DONE|MODAL|GONE` (--json: a JSON line each, with result and',
    'state). Exit 0 when every peer that finished is DONE or MODAL; 1 when one is GONE, on timeout (a line',
    'on stderr names the peers still waited for; --json: a line each with result timeout) or when interrupted.',
    "Peers on other machines (HOST:session:window.pane, hosts as for list) are waited for over one link to each host's agent.",
  ],
  options: {
    any: { type: 'boolean', usage: '--any', description: 'several targets: return when the first finishes' },
    all: { type: 'boolean', usage: '--all', description: 'several targets: return when every one has finished' },
    interval: { type: 'string', usage: '--interval S', description: `seconds between looks (default ${WAIT_DEFAULTS.intervalS})` },
    timeout: { type: 'string', usage: '--timeout S', description: `give up after S seconds (default ${WAIT_DEFAULTS.timeoutS})` },
    debounce: { type: 'string', usage: '--debounce S', description: `DONE must hold this long (default ${WAIT_DEFAULTS.debounceS})` },
  },
  positionals: { min: 1, max: 64 },
  examples: [
    'claude-dm wait main:1.0',
    'claude-dm wait %3 0.5 120 1 && claude-dm peek %3 1',
    'claude-dm wait --any main:1.0 main:2.0 main:3.0 --timeout 1800',
  ],
  async run(ctx, pos, values) {
    const mode = values.any === true ? 'any' : values.all === true ? 'all' : null;
    if (values.any === true && values.all === true) throw new DmError('--any or --all, not both (see claude-dm wait --help)');
    if (mode === null && pos.length > 4) throw new DmError(`several targets take --any or --all: usage: claude-dm ${wait.usage}`);
    const positional = mode === null ? pos.slice(1) : [];
    for (const [i, name] of ['interval', 'timeout', 'debounce'].entries()) {
      if (positional[i] !== undefined && values[name] !== undefined)
        throw new DmError(`${name} given twice: as a number after the target and as --${name}`);
    }
    const t: Timing = {
      intervalS: seconds(positional[0] ?? values.interval, WAIT_DEFAULTS.intervalS, 'interval_s', 0.05),
      timeoutS: seconds(positional[1] ?? values.timeout, WAIT_DEFAULTS.timeoutS, 'timeout_s', 0),
      debounceS: seconds(positional[2] ?? values.debounce, WAIT_DEFAULTS.debounceS, 'debounce_s', 0),
    };
    if (mode !== null) {
      const awaited: Awaited[] = [];
      const named = new Set(pos.map((t) => splitRemoteAddress(t)?.host).filter((h): h is string => h !== undefined));
      const given = hostChoice(ctx, values).hosts;
      const hosts = [...named].map((name) => given.find((h) => h.name === name) ?? hostChoice(ctx, { host: [name] }).hosts[0]!);
      for (const name of pos) {
        const far = splitRemoteAddress(name);
        if (far) {
          if (!awaited.some((w) => w.key === name)) awaited.push({ key: name, address: name, host: far.host, since: { done: null } });
          continue;
        }
        const p = await resolveTarget(ctx, name);
        if (!p.claude) throw new DmError(`${p.pane.address} is not a Claude peer (no Claude Code process in it)`);
        if (!awaited.some((w) => w.key === p.pane.paneId))
          awaited.push({ key: p.pane.paneId, address: p.pane.address, host: null, since: { done: null } });
      }
      return waitMany(ctx, awaited, hosts, mode, t);
    }
    const first = await resolveTarget(ctx, pos[0]!);
    if (!first.claude) throw new DmError(`${first.pane.address} is not a Claude peer (no Claude Code process in it)`);
    const address = first.pane.address;
    const start = Date.now();
    const since = { done: null as number | null };
    const finish = (result: string, extra: object, code: number) => {
      if (ctx.json) ctx.io.out(JSON.stringify({ result, address, elapsed_ms: Date.now() - start, ...extra }));
      return code;
    };
    for (;;) {
      const view = await observePane(ctx, first.pane.paneId);
      const now = Date.now();
      const result = judgeWait(view && factsOfView(view), since, now, t.debounceS * 1000);
      if (result === 'GONE' || !view) {
        ctx.io.err(`claude-dm: ${address} is gone (pane closed or Claude exited) while waiting`);
        return finish('vanished', {}, EXIT.failure);
      }
      const c = view.classification;
      if (result === 'MODAL') {
        if (!ctx.json) ctx.io.out('MODAL');
        return finish('MODAL', { state: c.state, subtype: c.subtype ?? null, prompt: c.prompt ?? null }, EXIT.ok);
      }
      if (result === 'DONE') {
        if (!ctx.json) ctx.io.out('DONE');
        return finish('DONE', { state: c.state, stop_reason: view.tail?.lastStopReason ?? null }, EXIT.ok);
      }
      if (now - start >= t.timeoutS * 1000) {
        ctx.io.err(`claude-dm: timed out after ${t.timeoutS}s waiting for ${address} (now ${c.state})`);
        return finish('timeout', { state: c.state }, EXIT.failure);
      }
      const left = Math.max(0, t.timeoutS * 1000 - (now - start));
      if (!(await pause(Math.min(t.intervalS * 1000, left || t.intervalS * 1000), ctx.signal))) {
        ctx.io.err('claude-dm: interrupted');
        return finish('interrupted', {}, EXIT.failure);
      }
    }
  },
};
