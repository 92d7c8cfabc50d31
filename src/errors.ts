// Exit codes every verb shares (documented in README and --help):
// 0 ok, 1 the verb ran but did not succeed (timeout, pane vanished), 2 usage or target error.
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error meant for the user: one line saying what went wrong and what to do. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: ExitCode = EXIT.usage) {
    super(message);
    this.name = 'CliError';
  }
}
