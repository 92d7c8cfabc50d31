// One persistent connection to a host: its transport started once, the agent (`claude-dm serve --stdio`)
// run at the far end, the roster and events streamed up, calls sent down by id. One transport process
// per host, never one per poll or per key. A link that dies is down (rows stale), then reconnects with
// back-off; a silent one (a stopped transport) goes stale without blocking anything; a call in flight when
// the link drops is never sent again: its caller hears it was dropped and what is known. What arrives is
// checked (protocol-schema.ts): a wrong message is dropped and counted, a host that keeps sending them is
// down with the reason, a line is bounded, and so is a host's roster.
import type { CommandFailure } from '../errors.js';
import { systemClock, type Clock } from '../session/session.js';
import { nodeCrypto } from '../util/lazy-crypto.js';
import type { WatchEvent } from '../watch/events.js';
import type { PeerRow } from '../watch/peer-row.js';
import { qualify, type Host } from './hosts.js';
import { LINE_TOO_LONG } from './line-splitter.js';
import { BEAT_MS, encodeLine, PROTO, type Down, type Hello, type Up } from './protocol.js';
import { decodeUp } from './protocol-schema.js';
import { noNode, PROBE_MISSING, probeAnswer, probeLine } from './probe.js';
import { processTransport, type Transport, type TransportEnd, type TransportRun } from './transport.js';

export type LinkState =
  | { kind: 'connecting'; since: number }
  /**
   * The agent said hello: calls may go down. `working` once something right came after it (a roster, a
   * beat): a host that says hello and then breaks the protocol was never working, and is not told as up.
   */
  | { kind: 'up'; since: number; hello: Hello; working: boolean }
  /** Nothing heard for 3 beats: the transport is stalled (stopped, a network hang). Its rows are kept, marked stale. */
  | { kind: 'stale'; since: number; hello: Hello }
  | { kind: 'down'; since: number; reason: string; retryAt: number | null };

export interface CallResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The command line failed before it had a result to print: its kind and line (absent from older agents). */
  failure?: CommandFailure;
}

/** The link went away while a call was in flight: the call may or may not have run over there. */
export class LinkDropped extends Error {
  constructor(
    readonly host: string,
    why: string,
  ) {
    super(`the link to ${host} dropped while the request was in flight (${why}): whether it ran there is unknown; it is not sent again`);
    this.name = 'LinkDropped';
  }
}

export interface HostLinkOptions {
  host: Host;
  env?: NodeJS.ProcessEnv;
  /** What to stream: the roster, watch events. */
  rows?: boolean;
  events?: boolean;
  onRows?: (rows: PeerRow[], error: string | null) => void;
  onEvents?: (events: WatchEvent[]) => void;
  onState?: (state: LinkState) => void;
  /** Reconnect after a drop (the dashboard, watch); a one-shot `list` does not. */
  reconnect?: boolean;
  /** How long the far end may take to say hello (shipping the bundle comes before it, not inside). */
  helloTimeoutMs?: number;
  /** Silence after which an up link is stale. */
  staleMs?: number;
  /** The bundle to ship (tests); found beside this file otherwise. */
  bundlePath?: string;
  /** The transport (tests script one); the host's command run as a process otherwise. */
  transport?: Transport;
  /** Time and timers (the session's; tests move a clock of their own). */
  clock?: Clock;
}

/** Back-off between reconnects: 1 s, 2 s, 4 s … up to 30 s. */
export const backoffMs = (attempt: number) => Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
export const HELLO_TIMEOUT_MS = 20_000;
/**
 * A host is down for a protocol error once it sent this many wrong messages within BAD_WINDOW_MS: one
 * is dropped and forgiven (an agent of another version saying one thing new), a stream of them is a
 * broken or hostile agent, and its back-off keeps it from costing more.
 */
export const BAD_LIMIT = 5;
export const BAD_WINDOW_MS = 60_000;
/** The most rows one host's roster brings; the rest are dropped, and the roster says so. */
export const MAX_HOST_ROWS = 2000;

/** A host's rows as this machine names them: `HOST:%3`, `HOST:main:1.0`; at most MAX_HOST_ROWS of them. */
export function hostRows(host: string, rows: readonly PeerRow[]): PeerRow[] {
  return rows.slice(0, MAX_HOST_ROWS).map((r) => ({ ...r, host, paneId: qualify(host, r.paneId), address: qualify(host, r.address) }));
}

/**
 * Tells a host's link going down once, until it is working again: a host that stays broken (each retry
 * down, perhaps after a hello) is one line, not one a retry.
 */
export function downOnce(say: (name: string, s: Extract<LinkState, { kind: 'down' }>) => void): (name: string, s: LinkState) => void {
  const told = new Set<string>();
  return (name, s) => {
    if (s.kind === 'up' && s.working) told.delete(name);
    else if (s.kind === 'down' && !told.has(name)) {
      told.add(name);
      say(name, s);
    }
  };
}

/** How every front end says a host went down: `build: down: REASON (again in 4 s)` (the retry, when there is one). */
export function downText(name: string, s: Extract<LinkState, { kind: 'down' }>, now = Date.now()): string {
  const again = s.retryAt ? ` (again in ${Math.max(1, Math.round((s.retryAt - now) / 1000))} s)` : '';
  return `${name}: down: ${s.reason}${again}`;
}

/** A far side's text in a reason: one line, not too long (the printing end makes it safe to show). */
export function oneLine(text: string, max = 300): string {
  const line = text.replace(/\s+/gu, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export class HostLink {
  state: LinkState;
  /** The host's roster as last heard (named for this machine); kept while down or stale. */
  rows: PeerRow[] = [];
  /** Transport processes started, in all (a benchmark counts them). */
  spawned = 0;
  /** Calls sent down the link, in all: each is sent once, never again after a drop. */
  sentCalls = 0;
  /** Messages dropped as wrong (they failed their schema), in all. */
  badMessages = 0;
  /** Results for an id nobody here asked (or asked and gave up on), ignored, in all. */
  strayResults = 0;
  /** When the recent wrong messages came: BAD_LIMIT of them within BAD_WINDOW_MS drop the link. */
  private badAt: number[] = [];
  /** Why the running transport is being ended by this side (a protocol error): its close says so. */
  private ending: string | null = null;
  private run: TransportRun | null = null;
  private pending = new Map<string, { resolve: (r: CallResult) => void; reject: (e: Error) => void }>();
  private closed = false;
  private attempt = 0;
  private heardAt = 0;
  /** Cancels of the timers still to fire (each removes itself when it fires): close() runs them. */
  private timers = new Set<() => void>();
  private readonly transport: Transport;
  private readonly clock: Clock;

  constructor(private readonly opts: HostLinkOptions) {
    this.transport = opts.transport ?? processTransport(opts.host, opts.env, opts.bundlePath);
    this.clock = opts.clock ?? systemClock;
    this.state = { kind: 'connecting', since: this.clock.now() };
  }

  get name(): string {
    return this.opts.host.name;
  }

  /** The transport process's pid while one runs (tests stop and kill it). */
  get pid(): number | null {
    return this.run?.pid ?? null;
  }

  start(): void {
    this.connect();
    // The watchdog: every second (or sooner, for a short staleMs), does not keep the process alive.
    const every = Math.min(1000, this.opts.staleMs ?? 3 * BEAT_MS);
    const watch = () =>
      this.later(
        () => {
          this.checkStale();
          watch();
        },
        every,
        true,
      );
    watch();
  }

  /** A one-shot timer that close() cancels, forgotten once it fires; returns its cancel. */
  private later(fn: () => void, ms: number, unref = false): () => void {
    const cancel = this.clock.after(
      ms,
      () => {
        this.timers.delete(cancel);
        if (!this.closed) fn();
      },
      { unref },
    );
    this.timers.add(cancel);
    return cancel;
  }

  private setState(s: LinkState): void {
    this.state = s;
    this.opts.onState?.(s);
  }

  private checkStale(): void {
    const staleMs = this.opts.staleMs ?? 3 * BEAT_MS;
    if (this.state.kind === 'up' && this.clock.now() - this.heardAt > staleMs) {
      this.setState({ kind: 'stale', since: this.heardAt, hello: this.state.hello });
      // A call waiting on a silent link would hold its caller for as long as the transport stays stopped:
      // it is dropped now (whether it ran is unknown) and never sent again; its late answer is ignored.
      this.rejectPending(`nothing heard for ${Math.round(staleMs / 1000)} s`);
    }
  }

  private rejectPending(why: string): void {
    for (const [id, p] of this.pending) {
      p.reject(new LinkDropped(this.name, why));
      this.pending.delete(id);
    }
  }

  /** The bootstrap line: one line, so that the far shell reads nothing of what follows it. */
  private bootstrap(): string {
    const bundle = this.transport.bundlePath;
    return probeLine(bundle, `exec node ${bundle} serve --stdio`);
  }

  private connect(shipped = false): void {
    if (this.closed) return;
    this.setState({ kind: 'connecting', since: this.clock.now() });
    let said: string | null = null;
    this.badAt = [];
    this.ending = null;
    const helloMs = this.opts.helloTimeoutMs ?? HELLO_TIMEOUT_MS;
    const cancelHello = this.later(() => {
      if (this.run === run && this.state.kind === 'connecting') {
        said = `no answer within ${helloMs / 1000} s`;
        run.kill();
      }
    }, helloMs);
    const run: TransportRun = this.transport.open({
      onLine: (line) => {
        if (this.run !== run || this.ending !== null) return;
        this.heardAt = this.clock.now();
        const answer = probeAnswer(line);
        if (answer === 'no-node') said = noNode(this.name);
        else if (answer === 'missing') said = PROBE_MISSING;
        else this.onLine(line);
      },
      // Nothing more is read of it: what it already sent stays in the pipe's buffer, not here.
      onOverflow: () => this.protocolError(LINE_TOO_LONG),
      onClose: (end) => {
        cancelHello();
        this.timers.delete(cancelHello);
        if (this.run !== run) return;
        this.run = null;
        if (said === PROBE_MISSING && !shipped) {
          // The bundle is not there yet: ship it once (a short-lived run of the transport), then connect again.
          void this.transport.ship().then(
            () => this.connect(true),
            (e: Error) => this.dropped(e.message),
          );
          return;
        }
        this.dropped(this.ending ?? said ?? this.endReason(end));
      },
    });
    this.run = run;
    this.spawned++;
    run.write(this.bootstrap());
  }

  /** Why a transport that ended by itself ended: it could not start, its last words on stderr, or its exit. */
  private endReason(end: TransportEnd): string {
    if (end.startError) return end.startError;
    if (end.lastStderr) return `${this.opts.host.transport}: ${oneLine(end.lastStderr)}`;
    return `the transport ended (${end.signal ?? `exit ${end.code}`})`;
  }

  private onLine(line: string): void {
    const d = decodeUp(line);
    if (d.kind === 'noise') return;
    if (d.kind === 'message') return this.onMessage(d.message);
    this.badMessages++;
    // Without a hello there is no link: a wrong one (another protocol's) ends it at once.
    if (d.t === 'hello') return this.protocolError(d.reason);
    const now = this.clock.now();
    this.badAt = [...this.badAt.filter((at) => now - at < BAD_WINDOW_MS), now];
    if (this.badAt.length >= BAD_LIMIT) this.protocolError(d.reason);
  }

  /** The far end broke the protocol: its transport is ended, and the link is down with the reason (then retried). */
  private protocolError(reason: string): void {
    const run = this.run;
    if (!run || this.ending !== null) return;
    this.ending = `protocol error: ${reason}`;
    run.abort();
  }

  private onMessage(m: Up): void {
    if (m.t === 'hello') {
      if (m.proto !== PROTO) return this.protocolError(`protocol ${m.proto} there, ${PROTO} here: update claude-dm on one side`);
      this.setState({ kind: 'up', since: this.clock.now(), hello: m, working: false });
      this.send({ t: 'subscribe', rows: this.opts.rows !== false, events: this.opts.events === true });
      return;
    }
    if (this.state.kind === 'stale' || (this.state.kind === 'up' && !this.state.working)) {
      // Its back-off starts again only now: a host that says hello and then breaks the protocol backs off further.
      this.attempt = 0;
      this.setState({
        kind: 'up',
        since: this.state.kind === 'up' ? this.state.since : this.clock.now(),
        hello: this.state.hello,
        working: true,
      });
    }
    if (m.t === 'rows') {
      this.rows = hostRows(this.name, m.rows);
      const cut = m.rows.length > MAX_HOST_ROWS ? `${m.rows.length} rows there: the first ${MAX_HOST_ROWS} shown` : null;
      const error = m.error === null ? cut : oneLine(cut ? `${m.error}; ${cut}` : m.error);
      this.opts.onRows?.(this.rows, error);
    } else if (m.t === 'events') {
      this.opts.onEvents?.(
        m.events.map(
          (e) => ({ ...e, target: qualify(this.name, e.target), pane_id: qualify(this.name, e.pane_id), host: this.name }) as WatchEvent,
        ),
      );
    } else if (m.t === 'result') {
      const p = this.pending.get(m.id);
      if (!p) {
        // Late (a call dropped when the link went stale), or never asked: nobody waits for it.
        this.strayResults++;
        return;
      }
      this.pending.delete(m.id);
      if ('duplicate' in m) p.reject(new Error(`${this.name} had already run request ${m.id}: not run again`));
      else p.resolve({ code: m.code, stdout: m.stdout, stderr: m.stderr, ...(m.failure ? { failure: m.failure } : {}) });
    } else if (m.t === 'error') {
      const p = m.id === undefined ? undefined : this.pending.get(m.id);
      if (p && m.id !== undefined) {
        this.pending.delete(m.id);
        p.reject(new Error(`${this.name} refused the request: ${oneLine(m.message)}`));
      } else this.opts.onRows?.(this.rows, oneLine(m.message));
    }
  }

  private send(m: Down): boolean {
    return this.run?.write(encodeLine(m)) ?? false;
  }

  private dropped(reason: string): void {
    this.rejectPending(reason);
    if (this.closed) return;
    const now = this.clock.now();
    const retryAt = this.opts.reconnect ? now + backoffMs(this.attempt++) : null;
    this.setState({ kind: 'down', since: now, reason, retryAt });
    if (retryAt !== null) this.later(() => this.connect(), retryAt - now);
  }

  /**
   * Runs a claude-dm command line over there (its own gates, lock and audit log). Sent once, with an id the
   * agent runs at most once; if the link drops first, it rejects with LinkDropped and is never sent again.
   */
  call(argv: string[], stdin?: string): Promise<CallResult> {
    if (this.state.kind !== 'up' && this.state.kind !== 'stale')
      return Promise.reject(new Error(`${this.name} is ${this.state.kind === 'down' ? `down: ${this.state.reason}` : 'still connecting'}`));
    const id = nodeCrypto().randomUUID();
    return new Promise<CallResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (!this.send({ t: 'call', id, argv, ...(stdin !== undefined ? { stdin } : {}) })) {
        this.pending.delete(id);
        reject(new Error(`${this.name}: the link is not open`));
        return;
      }
      this.sentCalls++;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const cancel of this.timers) cancel();
    this.timers.clear();
    const run = this.run;
    this.run = null;
    await run?.close();
  }
}
