// What a verb needs: the engine's session plus the CLI's output, --json and standard input.
// Tests build their own.
import { readFileSync } from 'node:fs';
import { DmError, type CommandFailure } from '../errors.js';
import { openSession, type Session, type SessionDeps, type SessionFlags } from '../session/session.js';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Standard output's flow control, for verbs that stream without end (`watch`); absent: it always takes lines. */
  flow?: {
    /** The reader is behind (a full pipe): write no more until onDrain. */
    full(): boolean;
    onDrain(cb: () => void): void;
    /** Calls cb once the pipe's reader has gone, though nothing was written (`watch | head -1`); returns a stop function. */
    onReaderGone(cb: () => void): () => void;
  };
}

export interface VerbContext extends Session {
  io: Io;
  json: boolean;
  /** All of standard input (for a message given as `-`). */
  readStdin(): string;
  /** Standard input as a stream, read as it comes (`serve --stdio`'s requests). */
  stdinStream(): NodeJS.ReadableStream;
  /** Runs another claude-dm command line in this process, with the same verbs: the agent's calls. */
  subcommand: Subcommand;
}

/** A claude-dm command line run in this process, printing to `io`, `stdin` as its standard input: the exit code. */
export type Subcommand = (argv: string[], io: Io, stdin?: string, onFailure?: (f: CommandFailure) => void) => Promise<number>;

const noSubcommands: Subcommand = () => Promise.reject(new Error('this context runs no command lines of its own'));

export interface ContextDeps extends SessionDeps {
  io: Io;
  /** Standard input, for `send -` and `ask -` (tests hand it in; else fd 0). */
  stdin?: () => string;
  /** Standard input as a stream (tests hand one in; else process.stdin). */
  stdinStream?: () => NodeJS.ReadableStream;
}

/** All of standard input, once, as the user gave it; one-line error when it cannot be read. */
export function readStdin(deps: Pick<ContextDeps, 'stdin'>): string {
  try {
    return deps.stdin ? deps.stdin() : readFileSync(0, 'utf8');
  } catch (e) {
    throw new DmError(`cannot read the message from standard input: ${(e as Error).message}`);
  }
}

export function makeContext(
  flags: SessionFlags & { json?: boolean | undefined },
  deps: ContextDeps,
  subcommand: Subcommand = noSubcommands,
): VerbContext {
  return {
    subcommand,
    ...openSession(flags, deps),
    io: deps.io,
    json: flags.json ?? false,
    readStdin: () => readStdin(deps),
    stdinStream: deps.stdinStream ?? (() => process.stdin),
  };
}
