// Which panes are Claude Code peers, and where each keeps its state on disk.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { childPath } from '../util/child-path.js';
import { readJsonFile, type RecordCache, type SessionRecord } from './session-record.js';
import { runsAsBefore, type PaneInfo, type TmuxClient } from '../tmux/client.js';
import { findClaudeFor, isClaudeProcess, type ProcessInfo, type ProcReader } from './proc.js';

export interface ClaudeProcess {
  pid: number;
  startedAtMs: number | null;
  /** CLAUDE_CONFIG_DIR of the peer, else its $HOME/.claude. */
  configDir: string;
  /** How configDir was found, for `status`. */
  configFrom: 'CLAUDE_CONFIG_DIR' | 'HOME' | 'our HOME (peer environment unreadable)' | 'its sessions record (tmux field)';
}

export interface Peer {
  pane: PaneInfo;
  claude: ClaudeProcess | null;
  /** <configDir>/sessions/<pid>.json when Claude Code wrote one (2.1.x does). */
  session: SessionRecord | null;
  /** The session's cwd, else the pane's current path. */
  cwd: string;
  /** This is the caller's own pane. */
  self: boolean;
}

export interface DiscoverDeps {
  tmux: TmuxClient;
  proc: ProcReader;
  /** Our own HOME, used when a peer's environment cannot be read. */
  home: string;
  callerPane?: string | null;
  /**
   * Our own config folder (`$CLAUDE_CONFIG_DIR` or `$HOME/.claude`): 2.1.3xx peers that share it name
   * their pane in their sessions record, which ties them to it without walking down /proc.
   */
  configDir?: string;
  /**
   * Kept between calls (the dashboard's ticks), by pane pid: the Claude Code process found below it
   * last time, used again while that process lives (same pid, same start), so /proc is walked and a
   * peer's environment read only when a pane's Claude Code is new.
   */
  claudeCache?: Map<number, ClaudeProcess>;
  /** Kept between calls too: sessions records parsed, read again when their file changes. */
  recordCache?: RecordCache;
  /**
   * Kept between calls too, by pane pid: panes with no Claude Code below them, and their foreground command
   * then. Walked again when that command changes (starting Claude Code in a shell makes it the foreground
   * process), and every NO_CLAUDE_RECHECK calls whatever it is.
   */
  noClaude?: Map<number, { command: string; skipped: number }>;
}

/** A pane found without Claude Code is walked again at least this often (calls of discoverPeers). */
export const NO_CLAUDE_RECHECK = 10;

export interface DiscoverOptions {
  /** Panes without Claude Code too (their `claude` null). */
  all?: boolean;
  /** The panes, listed already; else tmux is asked. */
  panes?: PaneInfo[];
  /**
   * Peers found by a walk made moments ago (`list` walks the last look's panes while tmux lists), by pane id:
   * one whose pane still runs the same process and foreground command in the same session is taken as found,
   * with this pane's fields, and not walked again.
   */
  justFound?: ReadonlyMap<string, Peer>;
}

export async function discoverPeers(deps: DiscoverDeps, opts: DiscoverOptions = {}): Promise<Peer[]> {
  const panes = opts.panes ?? (await deps.tmux.listPanes());
  let procs: Map<number, ProcessInfo> | null = null;
  const snapshot = () => (procs ??= deps.proc.snapshot());
  // Read when a pane is walked at all: `list`'s second walk, of panes its first found moments ago, reads none
  // (a stat of every record in the folder: 100 of them with 100 peers sharing one ~/.claude).
  let namedMemo: Map<string, SessionRecord[]> | undefined;
  const named = () =>
    (namedMemo ??= deps.configDir ? recordsNamingPanes(deps.configDir, deps.recordCache) : new Map<string, SessionRecord[]>());
  const peers: Peer[] = [];
  for (const pane of panes) {
    const found = opts.justFound?.get(pane.paneId);
    if (found && runsAsBefore(found.pane, pane)) {
      if (found.claude || opts.all) peers.push({ ...found, pane, cwd: found.session?.cwd || pane.currentPath });
      continue;
    }
    const byRecord = pane.dead ? null : peerFromRecord(pane, named, deps);
    if (byRecord) {
      peers.push({ ...byRecord, self: deps.callerPane != null && pane.paneId === deps.callerPane });
      continue;
    }
    const claude = pane.dead || knownWithout(pane, deps) ? null : (cachedClaude(pane.pid, deps) ?? foundClaude(pane, deps, snapshot));
    if (!claude && !opts.all) continue;
    const session = claude ? readSessionRecord(claude.configDir, claude.pid, deps.recordCache) : null;
    peers.push({
      pane,
      claude,
      session,
      cwd: session?.cwd || pane.currentPath,
      self: deps.callerPane != null && pane.paneId === deps.callerPane,
    });
  }
  // Panes that are gone take what was kept for them along (a pid may come back as another pane's).
  if (!opts.panes) {
    const live = new Set(panes.map((p) => p.pid));
    for (const kept of [deps.claudeCache, deps.noClaude]) for (const pid of kept?.keys() ?? []) if (!live.has(pid)) kept!.delete(pid);
  }
  return peers;
}

/** Where our own Claude Code sessions keep their records: `$CLAUDE_CONFIG_DIR`, else `$HOME/.claude`. */
export function ownConfigDir(env: NodeJS.ProcessEnv, home: string): string {
  return env.CLAUDE_CONFIG_DIR || join(home, '.claude');
}

/** 2.1.3xx's `tmux` field, `<session>:@<window id>.%<pane id>`. */
export function parseTmuxField(value: unknown): { session: string; paneId: string } | null {
  if (typeof value !== 'string') return null;
  const m = /^(.+):@\d+\.(%\d+)$/u.exec(value);
  return m ? { session: m[1]!, paneId: m[2]! } : null;
}

/** The records in `configDir/sessions` that name a pane, by pane id. Unreadable ones are skipped. */
export function recordsNamingPanes(configDir: string, cache?: RecordCache): Map<string, SessionRecord[]> {
  const out = new Map<string, SessionRecord[]>();
  const dir = childPath(configDir, 'sessions');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (!/^\d+\.json$/u.test(name)) continue;
    let record: SessionRecord;
    try {
      record = readJsonFile(childPath(dir, name), cache) as SessionRecord;
    } catch {
      continue;
    }
    const where = parseTmuxField(record?.tmux);
    if (!where || typeof record.pid !== 'number' || `${record.pid}.json` !== name) continue;
    const list = out.get(where.paneId);
    if (list) list.push(record);
    else out.set(where.paneId, [record]);
  }
  return out;
}

/** Most shells put Claude Code one or two processes below the pane's own. */
const MAX_HOPS_UP = 6;

/**
 * A record naming this pane ties its pid to the pane only when that process is alive, is Claude Code,
 * started when the record says (a reused pid never matches), and has the pane's process among its
 * ancestors (pane ids repeat across tmux servers). Walking up is a few stat reads; walking down reads
 * every thread's children.
 */
function peerFromRecord(pane: PaneInfo, named: () => Map<string, SessionRecord[]>, deps: DiscoverDeps): Omit<Peer, 'self'> | null {
  const info = deps.proc.info;
  if (!info) return null;
  for (const record of named().get(pane.paneId) ?? []) {
    if (parseTmuxField(record.tmux)?.session !== pane.session) continue;
    const p = info(record.pid!);
    if (
      !p ||
      !isClaudeProcess(p.argv) ||
      (record.procStart !== undefined && p.startTicks !== undefined && record.procStart !== p.startTicks)
    )
      continue;
    if (!atOrBelow(p, pane.pid, info)) continue;
    return {
      pane,
      claude: { pid: p.pid, startedAtMs: p.startedAtMs, configDir: deps.configDir!, configFrom: 'its sessions record (tmux field)' },
      session: record,
      cwd: record.cwd || pane.currentPath,
    };
  }
  return null;
}

/** The Claude Code process found below this pane before, if it still runs (the same pid and start). */
function cachedClaude(panePid: number, deps: DiscoverDeps): ClaudeProcess | null {
  const known = deps.claudeCache?.get(panePid);
  if (!known || !deps.proc.info) return null;
  const now = deps.proc.info(known.pid);
  if (
    now &&
    known.startedAtMs !== null &&
    now.startedAtMs === known.startedAtMs &&
    isClaudeProcess(now.argv) &&
    atOrBelow(now, panePid, deps.proc.info)
  )
    return known;
  deps.claudeCache!.delete(panePid);
  return null;
}

/**
 * `p` is `ancestor` or descends from it, within MAX_HOPS_UP parents (walking up: a stat read a hop, none for
 * the last: a process whose parent is `ancestor` is below it, and Claude Code is most often the shell's child).
 */
function atOrBelow(p: ProcessInfo, ancestor: number, info: (pid: number) => ProcessInfo | null): boolean {
  let up: ProcessInfo | null = p;
  for (let hops = 0; up && up.pid !== ancestor && hops < MAX_HOPS_UP && up.ppid > 1; hops++) {
    if (up.ppid === ancestor) return true;
    up = info(up.ppid);
  }
  return up?.pid === ancestor;
}

/** This pane had no Claude Code below it when last walked, and runs the same foreground command: not walked this time. */
function knownWithout(pane: PaneInfo, deps: DiscoverDeps): boolean {
  const known = deps.noClaude?.get(pane.pid);
  if (!known || known.command !== pane.currentCommand || known.skipped >= NO_CLAUDE_RECHECK) return false;
  known.skipped++;
  return true;
}

function foundClaude(pane: PaneInfo, deps: DiscoverDeps, snapshot: () => Map<number, ProcessInfo>): ClaudeProcess | null {
  const found = findClaudeFor(pane.pid, deps.proc, snapshot);
  if (!found) {
    deps.noClaude?.set(pane.pid, { command: pane.currentCommand, skipped: 0 });
    return null;
  }
  deps.noClaude?.delete(pane.pid);
  const claude = claudeProcess(found.pid, found.startedAtMs, deps);
  deps.claudeCache?.set(pane.pid, claude);
  return claude;
}

function claudeProcess(pid: number, startedAtMs: number | null, deps: DiscoverDeps): ClaudeProcess {
  const env = deps.proc.environ(pid);
  if (env?.CLAUDE_CONFIG_DIR) return { pid, startedAtMs, configDir: env.CLAUDE_CONFIG_DIR, configFrom: 'CLAUDE_CONFIG_DIR' };
  if (env?.HOME) return { pid, startedAtMs, configDir: childPath(env.HOME, '.claude'), configFrom: 'HOME' };
  return { pid, startedAtMs, configDir: childPath(deps.home, '.claude'), configFrom: 'our HOME (peer environment unreadable)' };
}

export function readSessionRecord(configDir: string, pid: number, cache?: RecordCache): SessionRecord | null {
  try {
    const record = readJsonFile(childPath(childPath(configDir, 'sessions'), `${pid}.json`), cache);
    if (typeof record !== 'object' || record === null) return null;
    const r = record as SessionRecord;
    // A record left by an earlier process that had the same pid is not this peer's.
    return r.pid === undefined || r.pid === pid ? r : null;
  } catch {
    return null;
  }
}
