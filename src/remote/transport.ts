// A host's transport as the link sees it: lines in, lines out, an end. `processTransport` is the real one (the
// hosts file's command, `ssh box`, run with `sh` after it, read in bounded lines); HostLink takes any Transport,
// so its states, back-off and calls are tested with a scripted one and fake timers, no process started.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { processRunner } from '../tmux/runner.js';
import type { Host } from './hosts.js';
import { readLines } from './line-splitter.js';
import { Remote, splitPrefix } from './one-shot.js';

/** How a transport ended, for the link's reason. */
export interface TransportEnd {
  code: number | null;
  signal: string | null;
  /** It could not be started at all: why (`ssh is not installed here`). */
  startError: string | null;
  /** The last line it wrote on stderr, if any. */
  lastStderr: string | null;
}

export interface TransportHandlers {
  /** A line it wrote on standard output. */
  onLine(line: string): void;
  /** It wrote a line over the bound: nothing more of it is read. */
  onOverflow(): void;
  /** It ended, once every line it wrote has been read. Called once. */
  onClose(end: TransportEnd): void;
}

/** One run of the transport. */
export interface TransportRun {
  readonly pid: number | null;
  /** False when its input is closed. */
  write(text: string): boolean;
  /** Nothing more it writes is read (the pipe is closed on this side), and it is killed. */
  abort(): void;
  /** Killed: it did not answer in time. */
  kill(): void;
  /** Its input ended; resolves once it exited (killed after 3 s). */
  close(): Promise<void>;
}

export interface Transport {
  /** Where this claude-dm's bundle lives over there, as a shell word. */
  readonly bundlePath: string;
  /** Starts one run; a start that fails ends it soon (onClose with startError). Never calls a handler before it returns. */
  open(handlers: TransportHandlers): TransportRun;
  /** Ships the bundle over there (a short-lived run of its own); rejects with why it could not. */
  ship(): Promise<void>;
}

/** How long a transport's pipes may stay open after it exited (something it started still holding them). */
const PIPE_DRAIN_MS = 2000;
/** How long a closed transport may take to exit before it is killed. */
const CLOSE_KILL_MS = 3000;

/** The real transport: the host's command with `sh` after it, its bundle shipped by `Remote` (one-shot.ts). */
export function processTransport(host: Host, env?: NodeJS.ProcessEnv, bundlePath?: string): Transport {
  const remote = new Remote(host.transport, processRunner, env, bundlePath);
  return {
    bundlePath: remote.remotePath,
    ship: () => remote.prepare(),
    open(h) {
      const [file, ...args] = splitPrefix(host.transport);
      let child: ChildProcessWithoutNullStreams;
      try {
        child = spawn(file!, [...args, 'sh'], { env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
      } catch (e) {
        queueMicrotask(() =>
          h.onClose({ code: null, signal: null, startError: `cannot start ${file}: ${(e as Error).message}`, lastStderr: null }),
        );
        return { pid: null, write: () => false, abort: () => undefined, kill: () => undefined, close: async () => undefined };
      }
      let stderr = '';
      let startError: string | null = null;
      child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-2000)));
      child.stdin.on('error', () => undefined); // a transport that died: its exit says why
      child.on('error', (e: NodeJS.ErrnoException) => (startError = e.code === 'ENOENT' ? `${file} is not installed here` : e.message));
      readLines(child.stdout, { onLine: (l) => h.onLine(l), onOverflow: () => h.onOverflow() });
      // The end is told on 'close', once every line it wrote has been read: 'exit' can come first, and a
      // transport that prints why it stops and exits would lose its reason. Something it left running may
      // hold the pipes open: after the exit they get a moment, then are closed.
      child.on('exit', () => {
        setTimeout(() => (child.stdout.destroy(), child.stderr.destroy()), PIPE_DRAIN_MS).unref();
      });
      child.on('close', (code, signal) =>
        h.onClose({ code, signal, startError, lastStderr: stderr.trim().split('\n').filter(Boolean).at(-1) ?? null }),
      );
      return {
        pid: child.pid ?? null,
        write: (text) => {
          if (child.stdin.destroyed) return false;
          child.stdin.write(text);
          return true;
        },
        abort: () => {
          // Whatever it still writes is not read: the writer gets EPIPE.
          child.stdout.destroy();
          child.kill('SIGKILL');
        },
        kill: () => child.kill('SIGKILL'),
        close: () => {
          child.stdin.end();
          // Whatever the transport left holding its pipes must not keep this process alive.
          child.on('exit', () => (child.stdout.destroy(), child.stderr.destroy()));
          return new Promise<void>((resolve) => {
            const kill = setTimeout(() => child.kill('SIGKILL'), CLOSE_KILL_MS);
            const gone = () => {
              clearTimeout(kill);
              resolve();
            };
            child.on('exit', gone);
            if (child.exitCode !== null || child.signalCode !== null) gone();
          });
        },
      };
    },
  };
}
