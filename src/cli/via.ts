// --via for the CLI: pick the prefix out of argv, run the verb remotely, and print
// the result as if it ran here, remote addresses as `<label>:session:window.pane`.
import type { ContextDeps } from './context.js';
import { stateLabel } from '../classify/state-token.js';
import { bareTitle, formatElapsed, table } from '../util/format.js';
import { DmError } from '../errors.js';
import { chooseHosts, LOCAL, splitRemoteAddress, type Host } from '../remote/hosts.js';
import { processRunner } from '../tmux/runner.js';
import type { PeerState, ModalSubtype } from '../classify/classify.js';
import { Remote } from '../remote/via.js';
import { parseArgs } from 'node:util';
import { endOfOptions, findVerb, GLOBAL_OPTIONS } from './argv.js';
import { readStdin } from './context.js';
import { VERBS } from './verbs/index.js';

/** Verbs that cannot work through a one-shot remote command. */
export const LOCAL_ONLY: Record<string, string> = {
  tail: 'tail streams until interrupted: over --via use wait, then peek',
  self: 'self acts on your own pane, which is here',
  'install-skill': 'install-skill installs on this machine',
  serve: 'serve is the agent claude-dm itself starts over a transport (--host, the dashboard across hosts)',
};

/** argv without `--via X`, and X; null when there is no --via (a `--via` after `--` is a message, not an option). */
export function takeVia(argv: string[]): { prefix: string; rest: string[] } | null {
  const i = argv.slice(0, endOfOptions(argv)).findIndex((a) => a === '--via' || a.startsWith('--via='));
  if (i < 0) return null;
  const arg = argv[i]!;
  const prefix = arg.startsWith('--via=') ? arg.slice(6) : argv[i + 1];
  if (prefix === undefined) throw new DmError('--via needs a command prefix, such as --via "ssh box"');
  const rest = [...argv];
  rest.splice(i, arg.startsWith('--via=') ? 1 : 2);
  return { prefix, rest };
}

/**
 * Indices in args (the verb at verbAt) of the verb's positionals, read with the verb's own options, and how
 * many came before `--` (null: no `--`); null when they do not parse.
 */
export function positionalsAt(args: string[], verbAt: number): { at: number[]; beforeTerminator: number | null } | null {
  const spec = VERBS.find((v) => v.name === args[verbAt]);
  if (!spec) return null;
  const options = { ...GLOBAL_OPTIONS, ...spec.options };
  try {
    const { tokens } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: Object.fromEntries(
        Object.entries(options).map(([k, o]) => [k, o.short ? { type: o.type, short: o.short } : { type: o.type }]),
      ),
    });
    const at = tokens.filter((t) => t.kind === 'positional' && t.index !== verbAt).map((t) => t.index);
    const terminator = tokens.find((t) => t.kind === 'option-terminator');
    return { at, beforeTerminator: terminator ? at.filter((i) => i < terminator.index).length : null };
  } catch {
    return null; // the far side says what is wrong with them
  }
}

/** Verbs whose message may be `-`, read from standard input: here, and carried across. */
const STDIN_VERBS = new Set(['send', 'ask']);

export async function runVia(via: { prefix: string; rest: string[]; label?: string }, deps: ContextDeps): Promise<number> {
  const remote = new Remote(via.prefix, deps.runner ?? processRunner, deps.env, undefined, via.label);
  const args = [...via.rest];
  const verbAt = findVerb(args);
  const verb = verbAt >= 0 ? args[verbAt]! : '';
  if (LOCAL_ONLY[verb]) throw new DmError(`--via: ${LOCAL_ONLY[verb]}`);
  const found = verbAt >= 0 ? positionalsAt(args, verbAt) : null;
  const positionals = found?.at;
  // `box:main:1.0` is `main:1.0` over there: the target, or the targets before `--` (`ask T1 T2 -- msg`).
  const targets = found && found.beforeTerminator !== null && found.beforeTerminator > 0 ? found.beforeTerminator : 1;
  for (const targetAt of positionals?.slice(0, targets) ?? []) {
    if (args[targetAt]!.startsWith(`${remote.label}:`)) args[targetAt] = args[targetAt]!.slice(remote.label.length + 1);
  }
  // `send T -`: the far side's standard input is the script, so the message travels with it.
  const messageAt = positionals?.[targets];
  const stdin = STDIN_VERBS.has(verb) && messageAt !== undefined && args[messageAt] === '-' ? readStdin(deps) : undefined;
  const options = args.slice(0, endOfOptions(args));
  const wantJson = options.includes('--json');
  // `list --format tmux` is text for a status line, printed as the far side prints it.
  const statusLine = options.includes('--format=tmux') || options[options.indexOf('--format') + 1] === 'tmux';
  if ((verb === 'list' && !statusLine) || wantJson) {
    const r = await remote.run(wantJson ? args : ['--json', ...args], stdin);
    for (const line of r.stderr.split('\n').filter(Boolean)) deps.io.err(line);
    if (r.stdout.trim() === '') return r.exitCode;
    // One JSON object, or a JSON line a peer (several targets).
    for (const line of r.stdout.split('\n').filter((l) => l.trim() !== '')) {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new DmError(`--via ${remote.label}: the far side did not answer with JSON (${line.trim().slice(0, 80)})`, 'failed');
      }
      relabel(body, remote.label);
      if (wantJson) deps.io.out(JSON.stringify(body));
      else printList(body, deps);
    }
    return r.exitCode;
  }
  const r = await remote.run(args, stdin);
  for (const line of r.stdout.replace(/\n$/, '').split('\n')) if (r.stdout) deps.io.out(line);
  for (const line of r.stderr.split('\n').filter(Boolean)) deps.io.err(line);
  return r.exitCode;
}

function relabel(body: Record<string, unknown>, label: string): void {
  const fix = (o: Record<string, unknown>) => {
    if (typeof o.address === 'string') o.address = `${label}:${o.address}`;
    if (typeof o.target === 'string') o.target = `${label}:${o.target}`;
  };
  fix(body);
  if (Array.isArray(body.peers)) for (const p of body.peers as Array<Record<string, unknown>>) fix(p);
}

interface PeerJson {
  address: string;
  state: PeerState;
  subtype: ModalSubtype | null;
  title: string;
  cwd: string;
  last_write_ms_ago: number | null;
  self: boolean;
}

function printList(body: Record<string, unknown>, deps: ContextDeps): void {
  const peers = (body.peers ?? []) as PeerJson[];
  if (peers.length === 0) {
    deps.io.err('no Claude peers over there (use --all to see every pane)');
    return;
  }
  const rows = peers.map((p) => [
    p.address,
    stateLabel({ state: p.state, ...(p.subtype ? { subtype: p.subtype } : {}) }),
    p.last_write_ms_ago === null ? '-' : formatElapsed(p.last_write_ms_ago),
    bareTitle(p.title),
    p.cwd,
  ]);
  for (const line of table(['ADDR', 'STATE', 'LAST', 'TITLE', 'CWD'], rows)) deps.io.out(line);
}

/** Verbs that reach other hosts themselves, through persistent links (--host, --all-hosts). */
const HOST_AWARE = new Set(['list', 'watch', 'serve']);

/** The values of `--host` in argv before `--` (`--host a`, `--host=a`), and argv without them. */
export function takeHostOptions(argv: string[]): { hosts: string[]; rest: string[] } {
  const end = endOfOptions(argv);
  const hosts: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (i < end && a === '--host' && i + 1 < end) hosts.push(argv[++i]!);
    else if (i < end && a.startsWith('--host=')) hosts.push(a.slice('--host='.length));
    // This machine's socket options: a HOST: target is on that host's own tmux server.
    else if (i < end && (a === '--socket' || a === '-L') && i + 1 < end) i++;
    else if (i < end && (a.startsWith('--socket=') || (a.startsWith('-L') && a.length > 2))) continue;
    else rest.push(a);
  }
  return { hosts, rest };
}

/**
 * A verb whose target is another host's peer (`status build:main:1.0`, `answer build:%3 y`): run it there,
 * through the host's transport (the hosts file's entry, or --host NAME=TRANSPORT), its addresses named with
 * the host. Null when the verb acts here.
 */
export function remoteTarget(argv: string[], hostsFile: () => Host[]): { prefix: string; rest: string[]; label: string } | null {
  const verbAt = findVerb(argv);
  const verb = verbAt >= 0 ? argv[verbAt]! : '';
  if (verbAt < 0 || HOST_AWARE.has(verb)) return null;
  // wait --any/--all reaches each target's machine itself.
  if (verb === 'wait' && argv.slice(0, endOfOptions(argv)).some((a) => a === '--any' || a === '--all')) return null;
  const found = positionalsAt(argv, verbAt);
  if (!found || found.at.length === 0) return null;
  const count =
    verb === 'wait' ? found.at.length : found.beforeTerminator !== null && found.beforeTerminator > 0 ? found.beforeTerminator : 1;
  const targets = found.at.slice(0, count).map((i) => argv[i]!);
  const hosts = new Set(targets.map((t) => splitRemoteAddress(t)?.host ?? LOCAL));
  if (!hosts.has(LOCAL) && hosts.size === 1) {
    const name = [...hosts][0]!;
    const { hosts: given, rest } = takeHostOptions(argv);
    const host = chooseHosts({ host: [given.find((h) => h.startsWith(`${name}=`)) ?? name] }, hostsFile).hosts[0]!;
    return { prefix: host.transport, rest, label: host.name };
  }
  if (hosts.size > 1 && [...hosts].some((h) => h !== LOCAL)) {
    throw new DmError(`targets on more than one machine (${[...hosts].join(', ')}): give one machine's peers at a time`);
  }
  return null;
}
