// Which panes are Claude Code peers, and where each keeps its state on disk.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionRecord } from '../classify/classify.js';
import type { PaneInfo, TmuxClient } from '../tmux/client.js';
import { findClaudeFor, type ProcessInfo, type ProcReader } from './proc.js';

export interface ClaudeProcess {
  pid: number;
  startedAtMs: number | null;
  /** CLAUDE_CONFIG_DIR of the peer, else its $HOME/.claude. */
  configDir: string;
  /** How configDir was found, for `status`. */
  configFrom: 'CLAUDE_CONFIG_DIR' | 'HOME' | 'our HOME (peer environment unreadable)';
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
}

export async function discoverPeers(deps: DiscoverDeps, opts: { all?: boolean; panes?: PaneInfo[] } = {}): Promise<Peer[]> {
  const panes = opts.panes ?? (await deps.tmux.listPanes());
  let procs: Map<number, ProcessInfo> | null = null;
  const snapshot = () => (procs ??= deps.proc.snapshot());
  const peers: Peer[] = [];
  for (const pane of panes) {
    const found = pane.dead ? null : findClaudeFor(pane.pid, deps.proc, snapshot);
    if (!found && !opts.all) continue;
    const claude = found ? claudeProcess(found.pid, found.startedAtMs, deps) : null;
    const session = claude ? readSessionRecord(claude.configDir, claude.pid) : null;
    peers.push({
      pane,
      claude,
      session,
      cwd: session?.cwd || pane.currentPath,
      self: deps.callerPane != null && pane.paneId === deps.callerPane,
    });
  }
  return peers;
}

function claudeProcess(pid: number, startedAtMs: number | null, deps: DiscoverDeps): ClaudeProcess {
  const env = deps.proc.environ(pid);
  if (env?.CLAUDE_CONFIG_DIR) return { pid, startedAtMs, configDir: env.CLAUDE_CONFIG_DIR, configFrom: 'CLAUDE_CONFIG_DIR' };
  if (env?.HOME) return { pid, startedAtMs, configDir: join(env.HOME, '.claude'), configFrom: 'HOME' };
  return { pid, startedAtMs, configDir: join(deps.home, '.claude'), configFrom: 'our HOME (peer environment unreadable)' };
}

export function readSessionRecord(configDir: string, pid: number): SessionRecord | null {
  try {
    const record = JSON.parse(readFileSync(join(configDir, 'sessions', `${pid}.json`), 'utf8')) as unknown;
    if (typeof record !== 'object' || record === null) return null;
    const r = record as SessionRecord;
    // A record left by an earlier process that had the same pid is not this peer's.
    return r.pid === undefined || r.pid === pid ? r : null;
  } catch {
    return null;
  }
}
