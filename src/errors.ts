// Errors meant for the user: one line saying what went wrong and what to do, and a kind that
// says what sort of failure it is. The engine throws them; each front end decides what a kind
// means to it (the CLI's exit codes: src/cli/exit-codes.ts).
export type ErrorKind =
  /** Bad arguments, options or input: the user can fix the command. */
  | 'usage'
  /** The target names no peer, or more than one. */
  | 'target'
  /** Something we will not do as asked (a socket that is not ours, a hold). */
  | 'refused'
  /** A program or file the command needs is missing (tmux, claude). */
  | 'not-found'
  /** No tmux server answers on the socket. */
  | 'no-server'
  /** The tmux server went away in the middle of a command. */
  | 'server-gone'
  /** The pane closed in the middle of a command. */
  | 'pane-gone'
  /** A file could not be read or written. */
  | 'io'
  /** The command ran but did not succeed. */
  | 'failed';

export class DmError extends Error {
  constructor(
    message: string,
    readonly kind: ErrorKind = 'usage',
  ) {
    super(message);
    this.name = 'DmError';
  }
}

/** A command line that failed before it had a result to print, as a caller in code hears it (the agent's calls). */
export interface CommandFailure {
  /** The error's kind; `internal` for a bug (anything that is not a DmError). */
  kind: ErrorKind | 'internal';
  /** Its one line, without the `claude-dm: ` the CLI prints before it. */
  message: string;
}

// Exit codes every verb shares (documented in README and --help):
// 0 ok, 1 the verb ran but did not succeed (timeout, pane vanished), 2 usage or target error.
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
