// The engine's session: one tmux server (client and socket), the /proc reader, the caller's
// home and pane, the environment, an abort signal and a clock. Each front end opens one: the CLI
// adds its output (src/cli/context.ts), the dashboard its store (src/dashboard/start.ts).
import { lstatSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { linuxProc, type ProcReader } from '../peers/proc.js';
import { TmuxClient } from '../tmux/client.js';
import { processRunner, type Runner } from '../tmux/runner.js';
import { checkSocketSafety, insideTmux, resolveSocket, type SocketChoice } from '../tmux/socket.js';

/**
 * Time, injectable so that waits, watchdogs and back-offs can be tested with a clock the test moves
 * (test/support/manual-clock.ts) or with fake timers. The engine's stateful parts (the observer, host links)
 * read the time and start timers only through here.
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`. The engine's waits (settle, delivery) go through here, not through node:timers/promises. */
  sleep(ms: number): Promise<void>;
  /** Runs `fn` once after `ms`, unless the returned cancel runs first; `unref`: it does not keep the process alive. */
  after(ms: number, fn: () => void, opts?: { unref?: boolean }): () => void;
}

// The global setTimeout, looked up at each call: fake timers replace it (a named import of
// node:timers/promises stays bound to the real one).
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  after(ms, fn, opts) {
    const t = setTimeout(fn, ms);
    if (opts?.unref) t.unref();
    return () => clearTimeout(t);
  },
};

export interface Session {
  tmux: TmuxClient;
  socket: SocketChoice;
  proc: ProcReader;
  home: string;
  /** The caller's own pane, when it runs inside tmux on the same socket. */
  callerPane: string | null;
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM: long verbs (tail, wait) stop cleanly. */
  signal: AbortSignal;
  clock: Clock;
}

export interface SessionDeps {
  env: NodeJS.ProcessEnv;
  runner?: Runner;
  proc?: ProcReader;
  signal?: AbortSignal;
  clock?: Clock;
}

export interface SessionFlags {
  socket?: string | undefined;
  socketName?: string | undefined;
}

export function openSession(flags: SessionFlags, deps: SessionDeps): Session {
  const uid = process.getuid?.() ?? 0;
  const socket = resolveSocket(flags, deps.env, uid);
  checkSocketSafety(socket, uid, (p) => {
    try {
      return lstatSync(p);
    } catch {
      return null;
    }
  });
  const inside = insideTmux(deps.env);
  const callerPane = inside && sameFile(inside.socket, socket.path) ? inside.pane : null;
  return {
    tmux: new TmuxClient(socket.path, deps.runner ?? processRunner, tmuxEnv(deps.env)),
    socket,
    proc: deps.proc ?? linuxProc,
    home: deps.env.HOME || homedir(),
    callerPane,
    env: deps.env,
    signal: deps.signal ?? new AbortController().signal,
    clock: deps.clock ?? systemClock,
  };
}

// tmux reads $TMUX to decide some defaults; we always name the socket, so drop it.
function tmuxEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.TMUX;
  return copy;
}

/** Two paths of one socket (a symlink, a relative path): $TMUX names the server we talk to. */
export function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
