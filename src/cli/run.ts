// Parses argv, builds the context and runs one verb. Returns the exit code; never
// throws for user errors (they become one line on stderr).
import { parseArgs } from 'node:util';
import { CliError, EXIT } from '../errors.js';
import { makeContext, type ContextDeps } from './context.js';
import type { OptionSpec, VerbSpec } from './verb.js';
import { VERBS } from './verbs/index.js';
import { VERSION } from '../version.js';
import { runVia, takeVia } from './via.js';

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  socket: { type: 'string', usage: '--socket PATH', description: 'tmux socket path (else -L, $CLAUDE_DM_SOCKET, $TMUX, tmux default)' },
  'socket-name': { type: 'string', short: 'L', usage: '-L NAME', description: 'tmux socket name, as tmux -L' },
  json: { type: 'boolean', usage: '--json', description: 'print one JSON object (JSON lines for tail)' },
  via: { type: 'string', usage: "--via 'CMD'", description: "run the verb on the far side of a transport: --via 'ssh box', --via 'docker exec -i ctr'" },
  help: { type: 'boolean', short: 'h', usage: '--help', description: 'show help' },
};

export async function runCli(argv: string[], deps: ContextDeps): Promise<number> {
  const { io } = deps;
  try {
    const via = takeVia(argv);
    if (via) return await runVia(via, deps);
    const verbName = argv.find((a) => !a.startsWith('-'));
    if (argv.includes('--version') && !verbName) {
      io.out(VERSION);
      return EXIT.ok;
    }
    if (!verbName) {
      for (const line of topHelp()) io.out(line);
      return argv.length === 0 || argv.includes('--help') || argv.includes('-h') ? EXIT.ok : EXIT.usage;
    }
    if (verbName === 'help') {
      const about = argv[argv.indexOf('help') + 1];
      const spec = about ? VERBS.find((v) => v.name === about) : undefined;
      for (const line of spec ? verbHelp(spec) : topHelp()) io.out(line);
      return EXIT.ok;
    }
    const spec = VERBS.find((v) => v.name === verbName);
    if (!spec) throw new CliError(`unknown verb ${JSON.stringify(verbName)}: try one of ${VERBS.map((v) => v.name).join(', ')} (claude-dm --help)`);
    const rest = [...argv];
    rest.splice(rest.indexOf(verbName), 1);
    const options = { ...GLOBAL_OPTIONS, ...spec.options };
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        allowPositionals: true,
        strict: true,
        options: Object.fromEntries(
          Object.entries(options).map(([k, o]) => [k, o.short ? { type: o.type, short: o.short } : { type: o.type }]),
        ),
      });
    } catch (e) {
      throw new CliError(`${(e as Error).message.split(/\.\s|\n/)[0]} (see claude-dm ${spec.name} --help)`);
    }
    const values = parsed.values as Record<string, string | boolean | undefined>;
    if (values.help) {
      for (const line of verbHelp(spec)) io.out(line);
      return EXIT.ok;
    }
    const { positionals } = parsed;
    if (positionals.length < spec.positionals.min || positionals.length > spec.positionals.max) {
      throw new CliError(`usage: claude-dm ${spec.usage} (see claude-dm ${spec.name} --help)`);
    }
    const ctx = makeContext(
      { socket: values.socket as string | undefined, socketName: values['socket-name'] as string | undefined, json: values.json === true },
      deps,
    );
    return await spec.run(ctx, positionals, values);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`claude-dm: ${e.message}`);
      return e.exitCode;
    }
    io.err(`claude-dm: internal error: ${(e as Error).message} (please report it with the command you ran)`);
    return EXIT.failure;
  }
}

function optionLines(options: Record<string, OptionSpec>): string[] {
  const entries = Object.values(options);
  const width = Math.max(...entries.map((o) => o.usage.length));
  return entries.map((o) => `  ${o.usage.padEnd(width)}  ${o.description}`);
}

export function topHelp(): string[] {
  const width = Math.max(...VERBS.map((v) => v.usage.length));
  return [
    'claude-dm — see and steer the Claude Code sessions in your tmux panes',
    '',
    'usage: claude-dm <verb> [args] [options]',
    '',
    'verbs:',
    ...VERBS.map((v) => `  ${v.usage.padEnd(width)}  ${v.summary}`),
    '',
    'targets: a pane id (%12), an address (session:window.pane), a window (session:window) or a session name',
    'states:  🟢 idle  🔵 busy  🟠 drafting  🔴 modal (permission | question)  ⚫ other',
    'exit:    0 ok, 1 the verb did not succeed (timeout, pane vanished), 2 usage or target error',
    '',
    'options for every verb:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'claude-dm <verb> --help shows more.',
  ];
}

export function verbHelp(spec: VerbSpec): string[] {
  return [
    `usage: claude-dm ${spec.usage}`,
    '',
    spec.summary,
    ...(spec.details.length ? ['', ...spec.details] : []),
    '',
    'options:',
    ...optionLines({ ...spec.options, ...GLOBAL_OPTIONS }),
    ...(spec.examples.length ? ['', 'examples:', ...spec.examples.map((e) => `  ${e}`)] : []),
    '',
    'exit: 0 ok, 1 the verb did not succeed, 2 usage or target error',
  ];
}
