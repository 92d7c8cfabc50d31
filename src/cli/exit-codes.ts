// What each kind of error means as an exit code: the one table (README "Exit codes").
// 2: the command itself was wrong or could not start (fix it and run it again); 1: it ran and did
// not succeed.
import { EXIT, type ErrorKind, type ExitCode } from '../errors.js';

export const EXIT_FOR_KIND: Record<ErrorKind, ExitCode> = {
  usage: EXIT.usage,
  target: EXIT.usage,
  refused: EXIT.usage,
  'not-found': EXIT.usage,
  'no-server': EXIT.usage,
  'server-gone': EXIT.failure,
  'pane-gone': EXIT.failure,
  io: EXIT.failure,
  failed: EXIT.failure,
};

/**
 * A write verb's exit code from its result: 0 when it acted, else 1. A write the gate refused
 * ran and did not succeed (README "Exit codes"): it is a `failed`, not a `refused` (which is
 * an error the command could not start with: a socket that is not ours).
 */
export function exitForWrite(r: { ok: boolean }): ExitCode {
  return r.ok ? EXIT.ok : EXIT_FOR_KIND.failed;
}
