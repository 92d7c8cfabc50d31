// Where things stand on a command line. Global options may come before the verb, as tmux
// and git users type them (`claude-dm --socket S list`, `claude-dm -L work list`): the
// verb is the first word that is neither an option nor the value of a global option.
// Pure functions over argv, shared by the local CLI and --via.
import { SOCKET_OPTIONS } from '../session/socket-options.js';
import type { OptionSpec } from './verb.js';

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  // Parsed as claude-dm-tui parses them (src/session/socket-options.ts); the help text is the CLI's.
  socket: {
    ...SOCKET_OPTIONS.socket,
    usage: '--socket PATH',
    description: 'tmux socket path (else -L, $CLAUDE_DM_SOCKET, $TMUX, tmux default)',
  },
  'socket-name': { ...SOCKET_OPTIONS['socket-name'], usage: '-L NAME', description: 'tmux socket name, as tmux -L' },
  json: { type: 'boolean', usage: '--json', description: 'print one JSON object (JSON lines for tail)' },
  via: {
    type: 'string',
    usage: "--via 'CMD'",
    description: "run the verb on the far side of a transport: --via 'ssh box', --via 'docker exec -i ctr'",
  },
  host: {
    type: 'string',
    multiple: true,
    usage: '--host NAME[=TRANSPORT]',
    description: 'another machine: a hosts-file entry, or NAME=TRANSPORT (repeatable); HOST:session:window.pane targets a peer there',
  },
  help: { type: 'boolean', short: 'h', usage: '--help', description: 'show help' },
};

/** True when `arg` is an option of `options` that takes the next word as its value (`--socket`, `-L`, not `--socket=S`). */
function takesNextWord(arg: string, options: Record<string, OptionSpec>): boolean {
  for (const [name, o] of Object.entries(options)) {
    if (o.type !== 'string') continue;
    if (arg === `--${name}` || (o.short && arg === `-${o.short}`)) return true;
  }
  return false;
}

/**
 * The index of the verb in argv, or -1 when there is none. Only global options are
 * skipped with their values: a verb's own option before the verb is left for the verb's
 * parser, which accepts options anywhere. Nothing after `--` is a verb.
 */
export function findVerb(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return -1;
    if (a === '-' || !a.startsWith('-')) return i;
    if (takesNextWord(a, GLOBAL_OPTIONS)) i++;
  }
  return -1;
}

/**
 * The first word of `args` that parseArgs would reject as an unknown option, as typed
 * (`-hello`, not the `-e` parseArgs names after splitting it into short flags); null when
 * none. Stops at `--`.
 */
export function unknownOption(args: readonly string[], options: Record<string, OptionSpec>): string | null {
  const shorts = new Map(
    Object.values(options)
      .filter((o) => o.short)
      .map((o) => [o.short!, o]),
  );
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return null;
    if (a === '-' || !a.startsWith('-')) continue;
    if (a.startsWith('--')) {
      const name = a.slice(2).split('=')[0]!;
      const o = options[name];
      if (!o) return a;
      if (o.type === 'string' && !a.includes('=')) i++;
      continue;
    }
    // -abc: short flags, or -Lname (a short string option with its value attached).
    const first = shorts.get(a[1]!);
    if (!first) return a;
    if (first.type === 'string') {
      if (a.length === 2) i++;
      continue;
    }
    if (![...a.slice(2)].every((c) => shorts.get(c)?.type === 'boolean')) return a;
  }
  return null;
}

/** The index in argv where `--` stands, or argv.length. Options are only looked for before it. */
export function endOfOptions(argv: readonly string[]): number {
  const i = argv.indexOf('--');
  return i < 0 ? argv.length : i;
}

/** Where `--via` (or `--via=CMD`) is among the options, before any `--`; -1 when it is not given. */
export function viaAt(argv: readonly string[]): number {
  return argv.slice(0, endOfOptions(argv)).findIndex((a) => a === '--via' || a.startsWith('--via='));
}

/**
 * True when argv runs `verb` here: it names that verb (findVerb's word) and no --via sends it elsewhere. A
 * bundle of one verb (src/cli/main-list.ts) runs only such a command line, for which runCli given that verb
 * alone does what it does given them all; any other goes to the full bundle.
 */
export function runsVerbHere(argv: readonly string[], verb: string): boolean {
  const at = findVerb(argv);
  return at >= 0 && argv[at] === verb && viaAt(argv) < 0;
}
