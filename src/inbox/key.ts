// The peer's inbox key: Claude Code 2.1.3xx publishes `sessions/<pid>.<sha256 of its socket path>.key` (mode 0600)
// beside its sessions record: {"peerToken": 32 hex, "procStart": "<start time in clock ticks>", "pidDomain": "…"}.
// procStart is checked against the live process, so a pid reused by another process never gets a message.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface InboxKey {
  peerToken: string;
  procStart?: string;
  pidDomain?: string;
}

/** The key file's name, as Claude Code derives it (`QGs` in the 2.1.332 binary). */
export function keyFileName(pid: number, socketPath: string): string {
  return `${pid}.${createHash('sha256').update(socketPath).digest('hex')}.key`;
}

const TOKEN = /^[0-9a-f]{32}$/u;
/** Claude Code reads at most this much of a key file. */
const MAX_KEY_BYTES = 4096;

export function parseInboxKey(text: string): InboxKey | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.peerToken !== 'string' || !TOKEN.test(o.peerToken)) return null;
  return {
    peerToken: o.peerToken,
    ...(typeof o.procStart === 'string' ? { procStart: o.procStart } : {}),
    ...(typeof o.pidDomain === 'string' ? { pidDomain: o.pidDomain } : {}),
  };
}

export type KeyResult = { ok: true; key: InboxKey; path: string } | { ok: false; reason: string; path: string };

/**
 * Reads and checks the key of peer `pid`. liveProcStart: the live process's start time (/proc/<pid>/stat field
 * 22), null when it cannot be read. Reasons never contain the token.
 */
export function readInboxKey(configDir: string, pid: number, socketPath: string, liveProcStart: string | null): KeyResult {
  const path = join(configDir, 'sessions', keyFileName(pid, socketPath));
  let text: string;
  try {
    if (statSync(path).size > MAX_KEY_BYTES) return { ok: false, path, reason: `its inbox key file ${path} is larger than a key` };
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      path,
      reason: code === 'ENOENT' ? `its inbox key file ${path} is missing` : `its inbox key file ${path} is unreadable (${code ?? 'error'})`,
    };
  }
  const key = parseInboxKey(text);
  if (!key) return { ok: false, path, reason: `its inbox key file ${path} holds no valid peerToken` };
  const stale = procStartMismatch(key, liveProcStart);
  return stale ? { ok: false, path, reason: stale } : { ok: true, key, path };
}

/** Why the key does not belong to the live process, or null when it does. */
export function procStartMismatch(key: InboxKey, liveProcStart: string | null): string | null {
  if (liveProcStart === null) return 'its process start time cannot be read (it exited?)';
  if (key.procStart === undefined) return 'its inbox key names no process start time, so it cannot be tied to the live process';
  return key.procStart === liveProcStart
    ? null
    : `its inbox key belongs to an earlier process with the same pid (start ${key.procStart}, live ${liveProcStart})`;
}
