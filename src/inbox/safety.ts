// Before we connect to (or bind beside) a peer's inbox: the socket must be ours and sit in a directory nobody
// else can write, so no other user can stand in for the peer (as src/tmux/socket.ts checks tmux's socket).
import { lstatSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';

export interface Owner {
  uid: number;
}

/** Why `dir` is not a safe home for inbox sockets, or null. Pure over the stats. */
export function unsafeDir(
  dir: string,
  st: Pick<Stats, 'uid' | 'mode'> & { isDirectory(): boolean; isSymbolicLink(): boolean },
  me: Owner,
): string | null {
  if (st.isSymbolicLink()) return `${dir} is a symbolic link`;
  if (!st.isDirectory()) return `${dir} is not a directory`;
  if (st.uid !== me.uid && st.uid !== 0) return `${dir} is owned by uid ${st.uid}, not by you`;
  if ((st.mode & 0o022) !== 0) return `${dir} is writable by others (mode ${(st.mode & 0o777).toString(8)})`;
  return null;
}

/** Why `path` is not a safe peer socket, or null. Pure over the stats. */
export function unsafeSocket(path: string, st: Pick<Stats, 'uid'> & { isSocket(): boolean }, me: Owner): string | null {
  if (!st.isSocket()) return `${path} is not a socket`;
  if (st.uid !== me.uid) return `${path} is owned by uid ${st.uid}, not by you`;
  return null;
}

export type SafetyCheck = { ok: true } | { ok: false; reason: string; missing?: true };

/** Checks the socket and its directory on disk. */
export function checkInboxSocket(path: string, me: Owner = { uid: process.getuid?.() ?? 0 }): SafetyCheck {
  const dir = dirname(path);
  try {
    const why = unsafeDir(dir, lstatSync(dir), me);
    if (why) return { ok: false, reason: why };
  } catch (e) {
    return {
      ok: false,
      reason: `its inbox directory ${dir} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      missing: true,
    };
  }
  try {
    const why = unsafeSocket(path, lstatSync(path), me);
    return why ? { ok: false, reason: why } : { ok: true };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      reason: code === 'ENOENT' ? `its inbox socket ${path} is gone` : `its inbox socket ${path} cannot be read (${code ?? 'error'})`,
      missing: true,
    };
  }
}
