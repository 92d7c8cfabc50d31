// Which tmux server to talk to. Explicit flags win, then $CLAUDE_DM_SOCKET, then the
// server this shell is inside ($TMUX), then tmux's own default socket.
import { join } from 'node:path';
import { DmError } from '../errors.js';

export interface SocketChoice {
  /** Path passed to `tmux -S`. */
  path: string;
  /** Where the choice came from, for messages. */
  source: '--socket' | '-L' | 'CLAUDE_DM_SOCKET' | 'TMUX' | 'default';
}

export function tmuxSocketDir(env: NodeJS.ProcessEnv, uid: number): string {
  return join(env.TMUX_TMPDIR || '/tmp', `tmux-${uid}`);
}

export function resolveSocket(
  flags: { socket?: string | undefined; socketName?: string | undefined },
  env: NodeJS.ProcessEnv,
  uid: number,
): SocketChoice {
  if (flags.socket) return { path: flags.socket, source: '--socket' };
  if (flags.socketName) return { path: join(tmuxSocketDir(env, uid), flags.socketName), source: '-L' };
  if (env.CLAUDE_DM_SOCKET) return { path: env.CLAUDE_DM_SOCKET, source: 'CLAUDE_DM_SOCKET' };
  const inside = insideTmux(env);
  if (inside) return { path: inside.socket, source: 'TMUX' };
  return { path: join(tmuxSocketDir(env, uid), 'default'), source: 'default' };
}

/**
 * $TMUX is `socket,server-pid,session` (the session's number: `$N` is its id); $TMUX_PANE the
 * caller's pane id. A popup (display-popup) gets $TMUX, naming its client's session, and no $TMUX_PANE.
 */
export function insideTmux(env: NodeJS.ProcessEnv): { socket: string; pane: string | null; session: string | null } | null {
  if (!env.TMUX) return null;
  const [socket, , session] = env.TMUX.split(',');
  if (!socket) return null;
  return { socket, pane: env.TMUX_PANE || null, session: session && /^\d+$/.test(session) ? `$${session}` : null };
}

/**
 * A socket we found (not one named with --socket) must be ours and not world-writable:
 * another user's server, or one anybody can write to, is not where to type.
 */
export function checkSocketSafety(socket: SocketChoice, uid: number, lstat: (p: string) => { uid: number; mode: number } | null): void {
  if (socket.source === '--socket') return;
  const st = lstat(socket.path);
  if (!st) return; // no socket: the tmux call says so
  if (st.uid !== uid) {
    throw new DmError(
      `${socket.path} (from ${socket.source}) belongs to another user (uid ${st.uid}): not typing there; name it with --socket if you mean it`,
      'refused',
    );
  }
  if ((st.mode & 0o002) !== 0) {
    throw new DmError(
      `${socket.path} (from ${socket.source}) is world-writable: anyone could be behind it; fix its mode, or name it with --socket if you mean it`,
      'refused',
    );
  }
}
