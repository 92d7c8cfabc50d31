// A host's agent (`claude-dm serve --stdio`), run by another machine over its transport (ssh, docker exec…)
// and spoken to on standard input and output (protocol.ts): the server half of the link (host-link.ts). It streams what the engine's live
// observer sees of this machine's peers (rows, watch events), and runs the calls it is sent — claude-dm
// command lines — here, through this host's own gates, lock and audit log, each id at most once. It is given
// what runs them (an Executor: the CLI, handed in by the serve verb), so it imports no front end. It never
// listens on anything: the transport that started it is the only way in, and it sees only this user's tmux.
// What comes down is checked as the link's other end checks what goes up (protocol-schema.ts): a call that
// is not one (argv not a list of strings, stdin not a string) is answered with an error, never run.
import { hostname } from 'node:os';
import { EXIT, type CommandFailure } from '../errors.js';
import type { Session } from '../session/session.js';
import { VERSION } from '../version.js';
import { diffPeers, type Track } from '../watch/events.js';
import { LiveObserver, type LiveSnapshot } from '../watch/observer.js';
import { rowOfLive } from '../watch/peer-row.js';
import { openPollingClient } from '../watch/polling-client.js';
import { EventSink } from '../watch/sink.js';
import { LINE_TOO_LONG, readLines } from './line-splitter.js';
import { decodeDown } from './protocol-schema.js';
import { BEAT_MS, encodeLine, PROTO, type Down, type Up } from './protocol.js';

/** Runs one claude-dm command line here, with `stdin` as its standard input: its exit code, what it printed. */
export type Executor = (
  argv: string[],
  stdin: string | undefined,
) => Promise<{ code: number; stdout: string[]; stderr: string[]; failure?: CommandFailure }>;

/** Where the agent writes its lines: standard output, with its flow control where there is one. */
export interface AgentOutput {
  out(line: string): void;
  flow?: { full(): boolean; onDrain(cb: () => void): void };
}

export interface AgentDeps {
  session: Session;
  output: AgentOutput;
  /** The requests, a line each (standard input). */
  input: NodeJS.ReadableStream;
  exec: Executor;
}

/** Calls' ids already run, kept for a long while: a repeated id is answered as a duplicate, never run again. */
const IDS_KEPT = 10_000;
const WATCH_BLOCKS = 40;

/** Serves the link until its input ends (or the session is aborted); calls still running finish first. */
export async function runAgent({ session: ctx, output, input, exec }: AgentDeps): Promise<number> {
  const write = (m: Up) => output.out(encodeLine(m).trimEnd());
  // The roster waits for a reader that fell behind (a stopped transport): only the newest is kept.
  let heldRows: Up | null = null;
  const { clock } = ctx;
  let lastSent = clock.now();
  const send = (m: Up) => {
    lastSent = clock.now();
    if (m.t === 'rows' && output.flow?.full()) {
      if (heldRows === null) output.flow.onDrain(() => heldRows && (write(heldRows), (heldRows = null)));
      heldRows = m;
      return;
    }
    write(m);
  };
  const sink = new EventSink(
    {
      write: (line) => output.out(line),
      full: () => output.flow?.full() ?? false,
      onDrain: (cb) => (output.flow ? output.flow.onDrain(cb) : queueMicrotask(cb)),
    },
    (e) => encodeLine({ t: 'events', events: [e] }).trimEnd(),
  );

  let wantRows = true;
  let wantEvents = false;
  let tracks: Map<string, Track> | null = null;
  let lastRows = '';
  let hello = false;
  const versions = new Set<string>();
  const tmuxVersion = (await ctx.tmux.runner.run('tmux', ['-V']).catch(() => null))?.stdout.trim() || null;
  const onTick = (s: LiveSnapshot) => {
    for (const p of s.peers) if (p.view.peer.session?.version) versions.add(p.view.peer.session.version);
    if (!hello) {
      hello = true;
      send({
        t: 'hello',
        proto: PROTO,
        version: VERSION,
        machine: hostname(),
        tmux: tmuxVersion,
        socket: ctx.socket.path,
        claude_versions: [...versions],
      });
    }
    if (wantRows) {
      const rows = s.peers.map(rowOfLive);
      const json = JSON.stringify([rows, s.error]);
      if (json !== lastRows) {
        lastRows = json;
        send({ t: 'rows', at: s.at, rows, error: s.error });
      }
    }
    if (wantEvents && s.error === null) {
      const d = diffPeers(tracks, s.peers, s.at);
      tracks = d.tracks;
      sink.push(d.events);
      if (d.events.length) lastSent = clock.now();
    }
  };

  const polling = openPollingClient(ctx, true);
  const observer = new LiveObserver({
    ctx,
    watchFiles: true,
    blocks: WATCH_BLOCKS,
    onTick,
    onError: (e) => send({ t: 'error', message: e.message }),
    ...(polling.tmux ? { tmux: polling.tmux } : {}),
  });
  observer.start();
  // A beat when nothing else went out for BEAT_MS, looked at twice a beat on the session's clock.
  let stopBeat = () => undefined as void;
  const beat = () => {
    stopBeat = clock.after(BEAT_MS / 2, () => {
      if (hello && clock.now() - lastSent >= BEAT_MS) send({ t: 'beat', at: clock.now() });
      beat();
    });
  };
  beat();

  const seen = new Set<string>();
  const calls = new Set<Promise<void>>();
  const call = async (m: Extract<Down, { t: 'call' }>) => {
    if (seen.has(m.id)) return send({ t: 'result', id: m.id, duplicate: true });
    seen.add(m.id);
    if (seen.size > IDS_KEPT) seen.delete(seen.values().next().value as string);
    const r = await exec(m.argv, m.stdin).catch((e: Error) => ({
      code: EXIT.failure,
      stdout: [],
      stderr: [`claude-dm: internal error: ${e.message}`],
    }));
    const failure = 'failure' in r && r.failure ? { failure: r.failure } : {};
    send({ t: 'result', id: m.id, code: r.code, stdout: r.stdout.join('\n'), stderr: r.stderr.join('\n'), ...failure });
    observer.poke(); // what it did shows at once
  };

  let closed = () => undefined as void;
  const done = new Promise<void>((resolve) => {
    closed = resolve;
    ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  const onLine = (line: string) => {
    const d = decodeDown(line);
    if (d.kind === 'noise') return;
    // The id is echoed when it is one: the caller then hears which call it was.
    if (d.kind === 'invalid')
      return send({ t: 'error', message: `protocol error: ${d.reason}`, ...(d.id !== undefined ? { id: d.id } : {}) });
    const m = d.message;
    if (m.t === 'subscribe') {
      wantRows = m.rows;
      wantEvents = m.events;
      lastRows = '';
      observer.poke();
    } else {
      const p = call(m).finally(() => calls.delete(p));
      calls.add(p);
    }
  };
  readLines(input, {
    onLine,
    // The other end is not speaking the protocol: it is told, and nothing more is read from it.
    onOverflow: () => {
      send({ t: 'error', message: `protocol error: ${LINE_TOO_LONG}` });
      input.pause();
      closed();
    },
    onEnd: () => closed(),
  });
  await done;
  // The link closed: calls already running finish (their writes are audited here), nothing new starts.
  await Promise.allSettled([...calls]);
  stopBeat();
  await observer.stop();
  polling.close();
  input.pause();
  return EXIT.ok;
}
