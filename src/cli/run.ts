// Parses argv, builds the context and runs one verb. Returns the exit code; never
// throws for user errors (they become one line on stderr).
import { parseArgs } from 'node:util';
import { DmError, EXIT, type CommandFailure } from '../errors.js';
import { EXIT_FOR_KIND } from './exit-codes.js';
import { endOfOptions, findVerb, GLOBAL_OPTIONS, unknownOption } from './argv.js';
import { makeContext, type ContextDeps, type Subcommand } from './context.js';
import { ServerWentAway } from '../session/peers.js';
import { socketFlags } from '../session/socket-options.js';
import { NoServer } from '../tmux/client.js';
import { processRunner, type Runner } from '../tmux/runner.js';
import type { OptionSpec, OptionValues, VerbSpec } from './verb.js';
import { VERSION } from '../version.js';
import { remoteTarget, runVia, takeVia } from './via.js';
import { hostsFilePath, readHostsFile, unqualify } from '../remote/hosts.js';
import { decodeOutput, OutcomeSchema } from '../remote/protocol-schema.js';
import { homedir } from 'node:os';
import { appendAudit, auditLogPath } from '../actions/audit.js';
import { guardedIo, outputModeFor, outputModeOf, type OutputMode } from './output.js';

export { GLOBAL_OPTIONS } from './argv.js';

/** What runCli needs beyond a verb's context: the verb table (src/cli/verbs/index.ts, handed in by main.ts). */
export interface CliDeps extends ContextDeps {
  verbs: readonly VerbSpec[];
  /** Hears a failure before a result (the line printed on stderr), as its kind: the agent passes it on. */
  onFailure?: (f: CommandFailure) => void;
}

const unknownVerb = (verbs: readonly VerbSpec[], name: string) =>
  new DmError(`unknown verb ${JSON.stringify(name)}: try one of ${verbs.map((v) => v.name).join(', ')} (claude-dm --help)`);

/** A command line with no verb: help, --version, or a one-line usage error. */
function noVerb(verbs: readonly VerbSpec[], argv: string[], io: ContextDeps['io']): number {
  const flags = argv.slice(0, endOfOptions(argv));
  const bad = unknownOption(flags, { ...GLOBAL_OPTIONS, version: { type: 'boolean', usage: '--version', description: '' } });
  if (bad) throw new DmError(`unknown option ${JSON.stringify(bad)} (claude-dm --help lists the verbs and options)`);
  if (flags.includes('--help') || flags.includes('-h') || argv.length === 0) {
    for (const line of topHelp(verbs)) io.out(line);
    return EXIT.ok;
  }
  if (flags.includes('--version')) {
    io.out(VERSION);
    return EXIT.ok;
  }
  throw new DmError('no verb given: usage: claude-dm [options] <verb> [args] (claude-dm --help lists the verbs)');
}

/**
 * The runner, watched: once tmux has answered, a server missing later went away mid-command
 * (exit 1, like every verb that did not succeed), not "no server" (exit 2, a target error).
 */
function watchServer(base: Runner): { runner: Runner; answered: () => boolean } {
  let answered = false;
  return {
    runner: {
      ...(base.startsProcesses ? { startsProcesses: true } : {}),
      async run(file, args, opts) {
        const r = await base.run(file, args, opts);
        if (file === 'tmux' && r.exitCode === 0) answered = true;
        return r;
      },
    },
    answered: () => answered,
  };
}

/**
 * A verb for another host's peer, run there. A write is audited over there by the host's own log; here one
 * line names the host, the target and what came of it.
 */
async function runOnHost(remote: { prefix: string; rest: string[]; label: string }, deps: CliDeps, home: string): Promise<number> {
  const { verbs } = deps;
  const verbAt = findVerb(remote.rest);
  const verb = remote.rest[verbAt] ?? '';
  if (!verbs.find((v) => v.name === verb)?.writes) return runVia(verbs, remote, deps);
  // What it did, as its --json said it (read by the link's schema); a text line, or none: the exit code says.
  let said: { outcome: string; detail: string } | null = null;
  const io = {
    ...deps.io,
    out: (line: string) => {
      const report = decodeOutput(line, OutcomeSchema, verb);
      if (report.ok) said = report.value;
      deps.io.out(line);
    },
  };
  const code = await runVia(verbs, remote, { ...deps, io });
  const target = remote.rest.find((a, i) => i > verbAt && unqualify(remote.label, a) !== null) ?? '';
  const told = said as { outcome: string; detail: string } | null;
  const outcome = told?.outcome ?? (code === EXIT.ok ? 'delivered' : 'error');
  appendAudit(auditLogPath(deps.env, home), {
    verb,
    host: remote.label,
    target,
    pane_id: target,
    payload: null,
    gate: { allowed: code === EXIT.ok, forced: false, reason: `ran on ${remote.label}, through its own gates`, state: 'remote' },
    outcome,
    detail: told?.detail ?? `exit ${code} on ${remote.label}`,
    caller_pane: null,
    socket: `host:${remote.label}`,
  });
  return code;
}

export async function runCli(argv: string[], given: CliDeps): Promise<number> {
  // Every line printed below is guarded: visible text, safe JSON or (peek/tail --raw) the bytes.
  let mode: OutputMode = outputModeOf(argv);
  const deps: CliDeps = { ...given, io: guardedIo(given.io, () => mode) };
  const { io, verbs } = deps;
  const server = watchServer(deps.runner ?? processRunner);
  let socketPath: string | null = null;
  try {
    const via = takeVia(argv);
    if (via) return await runVia(verbs, via, deps);
    // A peer on another machine (`status build:main:1.0`): the verb runs there, through the host's transport.
    const home = deps.env.HOME || homedir();
    const remote = remoteTarget(verbs, argv, () => readHostsFile(hostsFilePath(deps.env, home)));
    if (remote) return await runOnHost(remote, deps, home);
    const verbAt = findVerb(argv);
    if (verbAt < 0) return noVerb(verbs, argv, io);
    const verbName = argv[verbAt]!;
    if (verbName === 'help') {
      const about = argv[verbAt + 1];
      if (about === undefined) {
        for (const line of topHelp(verbs)) io.out(line);
        return EXIT.ok;
      }
      const spec = verbs.find((v) => v.name === about);
      if (!spec) throw unknownVerb(verbs, about);
      for (const line of verbHelp(spec)) io.out(line);
      return EXIT.ok;
    }
    const spec = verbs.find((v) => v.name === verbName);
    if (!spec) throw unknownVerb(verbs, verbName);
    const rest = [...argv];
    rest.splice(verbAt, 1);
    const options = { ...GLOBAL_OPTIONS, ...spec.options };
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        allowPositionals: true,
        strict: true,
        tokens: true,
        options: Object.fromEntries(
          Object.entries(options).map(([k, o]) => [
            k,
            { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
          ]),
        ),
      });
    } catch (e) {
      const bad = unknownOption(rest, options);
      if (bad) {
        throw new DmError(
          `unknown option ${JSON.stringify(bad)} for ${spec.name}; an argument that begins with - goes after --, as in: claude-dm ${spec.name} … -- ${JSON.stringify(bad)} (see claude-dm ${spec.name} --help)`,
        );
      }
      throw new DmError(`${(e as Error).message.split(/\.\s|\n/)[0]} (see claude-dm ${spec.name} --help)`);
    }
    const values = parsed.values as OptionValues;
    mode = outputModeFor(spec.name, values);
    if (values.help) {
      for (const line of verbHelp(spec)) io.out(line);
      return EXIT.ok;
    }
    const { positionals } = parsed;
    if (positionals.length < spec.positionals.min || positionals.length > spec.positionals.max) {
      throw new DmError(`usage: claude-dm ${spec.usage} (see claude-dm ${spec.name} --help)`);
    }
    // A verb that runs command lines of its own (the agent's calls) runs them here, with the same verbs.
    const subcommand: Subcommand = (line, lineIo, stdin, onFailure) =>
      runCli(line, {
        env: deps.env,
        verbs,
        io: lineIo,
        signal: deps.signal,
        ...(stdin !== undefined ? { stdin: () => stdin } : {}),
        ...(onFailure ? { onFailure } : {}),
      });
    const ctx = makeContext({ ...socketFlags(values), json: values.json === true }, { ...deps, runner: server.runner }, subcommand);
    socketPath = ctx.socket.path;
    const terminator = parsed.tokens?.find((t) => t.kind === 'option-terminator');
    const beforeTerminator = terminator
      ? (parsed.tokens ?? []).filter((t) => t.kind === 'positional' && t.index < terminator.index).length
      : null;
    return await spec.run(ctx, positionals, values, { beforeTerminator });
  } catch (e) {
    const fail = (f: CommandFailure, code: number) => {
      io.err(`claude-dm: ${f.message}`);
      deps.onFailure?.(f);
      return code;
    };
    if (e instanceof NoServer && socketPath !== null && server.answered())
      return fail({ kind: 'server-gone', message: new ServerWentAway(socketPath).message }, EXIT.failure);
    if (e instanceof DmError) return fail({ kind: e.kind, message: e.message }, EXIT_FOR_KIND[e.kind]);
    return fail(
      { kind: 'internal', message: `internal error: ${(e as Error).message} (please report it with the command you ran)` },
      EXIT.failure,
    );
  }
}

/** What each exit code means, as both help texts say it (README "Exit codes" says the same). */
export const EXIT_MEANINGS =
  '0 ok, 1 the verb ran but did not succeed (refused, not submitted, timeout, pane or server gone mid-command), 2 usage or target error';

function optionLines(options: Record<string, OptionSpec>): string[] {
  const entries = Object.values(options);
  const width = Math.max(...entries.map((o) => o.usage.length));
  return entries.map((o) => `  ${o.usage.padEnd(width)}  ${o.description}`);
}

export function topHelp(verbs: readonly VerbSpec[]): string[] {
  const width = Math.max(...verbs.map((v) => v.usage.length));
  return [
    'claude-dm — see and steer the Claude Code sessions in your tmux panes',
    '',
    'usage: claude-dm [options] <verb> [args] [options]',
    '',
    'verbs:',
    ...verbs.map((v) => `  ${v.usage.padEnd(width)}  ${v.summary}`),
    '',
    'targets: a pane id (%12), an address (session:window.pane), a window (session:window) or a session name',
    'states:  🟢 idle  🔵 busy  🟠 drafting  🔴 modal (permission | question)  ⚫ other',
    `exit:    ${EXIT_MEANINGS}`,
    'a message or argument that begins with - goes after --: claude-dm send %3 -- "-1 is the answer"',
    'output:  what a peer or a host wrote prints as text: ^[ ^G for ESC and BEL, \\x9b for C1, <U+202E> for bidi, tabs',
    '         expanded (peek --raw, tail --raw: the bytes as they are); --json escapes them as \\uXXXX',
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
    `exit: ${EXIT_MEANINGS}`,
  ];
}
