// The audit trail: every write verb (allowed, refused or forced) appends one JSON line.
// One appendFileSync per line: O_APPEND writes to a local file are not interleaved, so
// concurrent writers never tear a line.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface AuditEntry {
  verb: string;
  /** Address and pane id of the target. */
  target: string;
  pane_id: string;
  payload: string | null;
  gate: { allowed: boolean; forced: boolean; reason: string; state: string };
  outcome: string;
  detail?: string;
  /** `keys` (typed into the pane) or `inbox` (Claude Code's peer inbox, 2.1.3xx). */
  channel?: 'inbox' | 'keys' | 'hook';
  /** The inbox message's id (the peer records it as origin.msg_id). Never the peer token. */
  msg_id?: string;
  caller_pane: string | null;
  socket: string;
  /** The machine the write ran on, for a write sent to another host (its own audit log has the full line). */
  host?: string;
}

/** `$CLAUDE_DM_AUDIT_LOG`, else ~/.claude/claude-dm.log of the caller. */
export function auditLogPath(env: NodeJS.ProcessEnv, home: string): string {
  return env.CLAUDE_DM_AUDIT_LOG || join(home, '.claude', 'claude-dm.log');
}

export function appendAudit(path: string, entry: AuditEntry, now = new Date()): void {
  const line = `${JSON.stringify({ ts: now.toISOString(), pid: process.pid, ...entry })}\n`;
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, line, { mode: 0o600 });
}
