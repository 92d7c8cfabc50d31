// The options that choose the tmux server, as node:util's parseArgs reads them: `--socket PATH`
// and `-L NAME` (`--socket-name`). claude-dm's global options (src/cli/argv.ts) and claude-dm-tui's
// flags (src/dashboard/args.ts) are both built on these, so the two parse them alike; each
// keeps its own help text.
import type { SessionFlags } from './session.js';

export const SOCKET_OPTIONS = {
  socket: { type: 'string' },
  'socket-name': { type: 'string', short: 'L' },
} as const;

/** The session's flags from what parseArgs returned for SOCKET_OPTIONS. */
export function socketFlags(values: { socket?: unknown; 'socket-name'?: unknown }): SessionFlags {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { socket: text(values.socket), socketName: text(values['socket-name']) };
}
