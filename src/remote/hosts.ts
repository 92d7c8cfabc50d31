// The machines a roster spans: the hosts file (`~/.config/claude-dm/hosts`, `NAME TRANSPORT…` a line) and
// `--host NAME` / `--host NAME=TRANSPORT` / `--all-hosts` / `--no-local`. A transport is a command prefix that
// runs a command over there (`ssh build-box`, `docker exec -i ci-runner`, `sh -c`): the only way in. The file
// is read only when it belongs to the user and nobody else may write it or its folder: what it names is run.
import { lstatSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DmError } from '../errors.js';

/** This machine's own tmux server, always in the roster unless --no-local. */
export const LOCAL = 'local';

export interface Host {
  name: string;
  /** The command prefix, as written (split by splitPrefix when run). */
  transport: string;
}

const NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/u;

export function hostsFilePath(env: NodeJS.ProcessEnv, home: string): string {
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'claude-dm', 'hosts');
}

/** Pure: `NAME TRANSPORT…` a line, `#` comments and blank lines skipped. */
export function parseHosts(text: string, file: string): Host[] {
  const hosts: Host[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.replace(/(^|\s)#.*$/u, '').trim();
    if (line === '') continue;
    const [name, ...rest] = line.split(/\s+/u);
    const where = `${file}:${i + 1}`;
    if (!NAME.test(name!) || name === LOCAL)
      throw new DmError(`${where}: ${JSON.stringify(name)} is not a host name (a letter, then letters, digits, _ . -; not "${LOCAL}")`);
    if (rest.length === 0) throw new DmError(`${where}: host ${name} has no transport (e.g. "${name} ssh ${name}")`);
    if (hosts.some((h) => h.name === name)) throw new DmError(`${where}: host ${name} is named twice`);
    hosts.push({ name: name!, transport: rest.join(' ') });
  }
  return hosts;
}

/** Why a file (or its folder) may not be trusted to say what to run, or null when it may. */
export function untrusted(mode: number, uid: number, ownUid: number, what: string): string | null {
  if (uid !== ownUid) return `${what} belongs to uid ${uid}, not to you`;
  if ((mode & 0o022) !== 0) return `${what} can be written by others (mode ${(mode & 0o777).toString(8)}): chmod go-w it`;
  return null;
}

/** The hosts file's entries; none when there is no file. A file others could write is refused, one line. */
export function readHostsFile(path: string, ownUid = process.getuid?.() ?? 0): Host[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new DmError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'io');
  }
  for (const [p, what] of [
    [path, 'the hosts file'],
    [dirname(path), 'its folder'],
  ] as const) {
    const st = lstatSync(p);
    if (p === path && !st.isFile()) throw new DmError(`${path} is not a plain file: claude-dm will not read hosts from it`, 'refused');
    const why = untrusted(st.mode, st.uid, ownUid, `${what} ${p}`);
    if (why) throw new DmError(`${why}; claude-dm runs what the hosts file names, so it must be yours alone`, 'refused');
  }
  return parseHosts(text, path);
}

export interface HostChoice {
  /** The hosts to reach, in the order given. */
  hosts: Host[];
  /** This machine's tmux server too. */
  local: boolean;
}

/**
 * What `--host` (each `NAME` or `NAME=TRANSPORT`), `--all-hosts` and `--no-local` ask for, from the file's
 * entries. `load` reads the file (only when an option needs it).
 */
export function chooseHosts(opts: { host?: string[]; allHosts?: boolean; noLocal?: boolean }, load: () => Host[]): HostChoice {
  const out: Host[] = [];
  let file: Host[] | null = null;
  const entries = () => (file ??= load());
  if (opts.allHosts) out.push(...entries());
  for (const spec of opts.host ?? []) {
    const eq = spec.indexOf('=');
    const name = eq < 0 ? spec : spec.slice(0, eq);
    if (name === LOCAL && eq < 0) continue;
    if (!NAME.test(name) || name === LOCAL) throw new DmError(`--host ${JSON.stringify(spec)}: ${JSON.stringify(name)} is not a host name`);
    const host = eq < 0 ? entries().find((h) => h.name === name) : { name, transport: spec.slice(eq + 1).trim() };
    if (!host)
      throw new DmError(
        `--host ${name}: no such entry in the hosts file (add "${name} ssh <host>" there, or give --host ${name}=TRANSPORT)`,
      );
    if (host.transport === '') throw new DmError(`--host ${name}=: the transport is empty (e.g. --host ${name}=ssh ${name})`);
    const at = out.findIndex((h) => h.name === name);
    if (at >= 0) out[at] = host;
    else out.push(host);
  }
  return { hosts: out, local: opts.noLocal !== true };
}

// A far peer's names, as this machine gives them: its host before its own address or pane id. The one place
// that writes or reads that prefix (rows, events, list, --via, a HOST: target).

/** A far peer's address or pane id as named here: `build` and `main:1.0` → `build:main:1.0`, `%3` → `build:%3`. */
export function qualify(host: string, there: string): string {
  return `${host}:${there}`;
}

/** What `host` itself calls `named` (`build:main:1.0` → `main:1.0`); null when `named` is not one of its names. */
export function unqualify(host: string, named: string): string | null {
  return named.startsWith(`${host}:`) ? named.slice(host.length + 1) : null;
}

/**
 * `build:main:1.0` → host `build` and `main:1.0`, `build:%3` → `%3`; null for a local address (a pane id, or
 * `session:window.pane` with its one colon).
 */
export function splitRemoteAddress(target: string): { host: string; target: string } | null {
  const m = /^([A-Za-z][A-Za-z0-9_.-]*):(%\d+|[^:]+:[^:]+)$/u.exec(target);
  return m && m[1] !== LOCAL ? { host: m[1]!, target: m[2]! } : null;
}
