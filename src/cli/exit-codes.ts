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
