// --via for the CLI: pick the prefix out of argv, run the verb remotely, and print
// the result as if it ran here, remote addresses as `<label>:session:window.pane`.
import type { ContextDeps } from './context.js';
import { DmError } from '../errors.js';
import { chooseHosts, LOCAL, qualify, splitRemoteAddress, unqualify, type Host } from '../remote/hosts.js';
import { processRunner } from '../tmux/runner.js';
import { decodeListPeers } from '../remote/protocol-schema.js';
import { Remote } from '../remote/one-shot.js';
import { peerTable } from './peer-table.js';
import { parseArgs } from 'node:util';
import { endOfOptions, findVerb, GLOBAL_OPTIONS, viaAt } from './argv.js';
import { readStdin } from './context.js';
import type { VerbSpec } from './verb.js';

/** argv without `--via X`, and X; null when there is no --via (a `--via` after `--` is a message, not an option). */
export function takeVia(argv: string[]): { prefix: string; rest: string[] } | null {
  const i = viaAt(argv);
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
export function positionalsAt(
  verbs: readonly VerbSpec[],
  args: string[],
  verbAt: number,
): { at: number[]; beforeTerminator: number | null } | null {
  const spec = verbs.find((v) => v.name === args[verbAt]);
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

export async function runVia(
  verbs: readonly VerbSpec[],
  via: { prefix: string; rest: string[]; label?: string },
  deps: ContextDeps,
): Promise<number> {
  const remote = new Remote(via.prefix, deps.runner ?? processRunner, deps.env, undefined, via.label);
  const args = [...via.rest];
  const verbAt = findVerb(args);
  const verb = verbAt >= 0 ? args[verbAt]! : '';
  const spec = verbs.find((v) => v.name === verb);
  if (spec?.viaRefused) throw new DmError(`--via: ${spec.viaRefused}`);
  const found = verbAt >= 0 ? positionalsAt(verbs, args, verbAt) : null;
  const positionals = found?.at;
  // `box:main:1.0` is `main:1.0` over there: the target, or the targets before `--` (`ask T1 T2 -- msg`).
  const targets = found && found.beforeTerminator !== null && found.beforeTerminator > 0 ? found.beforeTerminator : 1;
  for (const targetAt of positionals?.slice(0, targets) ?? []) {
    args[targetAt] = unqualify(remote.label, args[targetAt]!) ?? args[targetAt]!;
  }
  // `send T -`: the far side's standard input is the script, so the message travels with it.
  const messageAt = positionals?.[targets];
  const stdin = spec?.messageFromStdin && messageAt !== undefined && args[messageAt] === '-' ? readStdin(deps) : undefined;
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
      if (!wantJson) {
        printList(line, remote.label, deps);
        continue;
      }
      relabel(body, remote.label);
      deps.io.out(JSON.stringify(body));
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
    if (typeof o.address === 'string') o.address = qualify(label, o.address);
    if (typeof o.target === 'string') o.target = qualify(label, o.target);
  };
  fix(body);
  if (Array.isArray(body.peers)) for (const p of body.peers as Array<Record<string, unknown>>) fix(p);
}

/** `list` over there, printed here as `list` prints: the far side's --json read by the link's schema. */
function printList(line: string, label: string, deps: ContextDeps): void {
  const body = decodeListPeers(line);
  if (!body.ok) throw new DmError(`--via ${label}: the far side's list is not one: ${body.reason}`, 'failed');
  const { peers } = body.value;
  if (peers.length === 0) {
    deps.io.err('no Claude peers over there (use --all to see every pane)');
    return;
  }
  const rows = peers.map((p) => ({ ...p, address: qualify(label, p.address), lastWriteMsAgo: p.last_write_ms_ago }));
  for (const row of peerTable(rows)) deps.io.out(row);
}

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
export function remoteTarget(
  verbs: readonly VerbSpec[],
  argv: string[],
  hostsFile: () => Host[],
): { prefix: string; rest: string[]; label: string } | null {
  const verbAt = findVerb(argv);
  const verb = verbAt >= 0 ? argv[verbAt]! : '';
  if (verbAt < 0 || verbs.find((v) => v.name === verb)?.reachesHosts) return null;
  // wait --any/--all reaches each target's machine itself.
  if (verb === 'wait' && argv.slice(0, endOfOptions(argv)).some((a) => a === '--any' || a === '--all')) return null;
  const found = positionalsAt(verbs, argv, verbAt);
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
