// Everything the CLI prints goes through here once: a human-readable line as visible text
// (src/util/visible.ts: no control, escape sequence or bidi override of a peer's, a
// transcript's or a far host's reaches the terminal), a --json line with those characters
// as \uXXXX (the same JSON, lossless), and a read verb's --raw output as the bytes are.
// Guarding the one Io every verb writes through, rather than each print site, is what makes
// "every output" true of the verbs to come too.
import type { Io } from './context.js';
import { jsonSafe, visibleText } from '../util/visible.js';
import { endOfOptions, findVerb } from './argv.js';

export type OutputMode = 'text' | 'json' | 'raw';

/** Verbs whose --raw means "print the transcript's bytes as they are" (send's and ask's --raw is about keys). */
export const RAW_OUTPUT_VERBS: ReadonlySet<string> = new Set(['peek', 'tail']);
/** Verbs whose standard output is JSON whatever the options (`serve --stdio` speaks the link's protocol). */
const JSON_VERBS: ReadonlySet<string> = new Set(['serve']);

/** The mode argv asks for, read before the verb's own parser runs (--via, a HOST: target). */
export function outputModeOf(argv: readonly string[]): OutputMode {
  const options = argv.slice(0, endOfOptions(argv));
  const verb = argv[findVerb(argv)] ?? '';
  if (options.includes('--json') || JSON_VERBS.has(verb)) return 'json';
  if (options.includes('--raw') && RAW_OUTPUT_VERBS.has(verb)) return 'raw';
  return 'text';
}

/** The mode of a parsed command line. */
export function outputModeFor(verb: string, values: { json?: unknown; raw?: unknown }): OutputMode {
  if (values.json === true || JSON_VERBS.has(verb)) return 'json';
  return values.raw === true && RAW_OUTPUT_VERBS.has(verb) ? 'raw' : 'text';
}

/** `io` with every line guarded as `mode()` says at the time it is printed. Errors are always text. */
export function guardedIo(io: Io, mode: () => OutputMode): Io {
  return {
    ...io,
    out: (line) => {
      const m = mode();
      io.out(m === 'json' ? jsonSafe(line) : m === 'raw' ? line : visibleText(line));
    },
    err: (line) => io.err(visibleText(line)),
  };
}
