// The wire between this machine and a host's agent (`claude-dm serve --stdio`, run over the host's own
// transport): JSON lines, versioned. Up (agent → here): a hello, then the roster (rows) and watch events as
// they change, a beat while nothing does, and the result of each call by its id. Down (here → agent): what
// to stream, and calls (a claude-dm command line run over there, through its own gates, lock and audit).
// Each line is checked against its schema as it is read (protocol-schema.ts), both ways.
import type { WatchEvent } from '../watch/events.js';
import type { PeerRow } from '../watch/peer-row.js';
import type { CommandFailure } from '../errors.js';

export const PROTO = 1;
/** How often the agent says it is alive while nothing changes; a link silent for 3 beats is stale. */
export const BEAT_MS = 2000;

export interface Hello {
  t: 'hello';
  proto: number;
  /** claude-dm's version over there. */
  version: string;
  /** The machine's own name (hostname). */
  machine: string;
  /** `tmux -V`, or null when there is no tmux. */
  tmux: string | null;
  socket: string;
  /** The Claude Code versions its peers run (from their sessions records). */
  claude_versions: string[];
}

export type Up =
  | Hello
  | { t: 'rows'; at: number; rows: PeerRow[]; error: string | null }
  | { t: 'events'; events: WatchEvent[] }
  | { t: 'beat'; at: number }
  /** `failure`: the command line failed before it had a result to print (a usage or target error), as its kind and line. */
  | { t: 'result'; id: string; code: number; stdout: string; stderr: string; failure?: CommandFailure }
  /** A call whose id was seen before: it is never run twice. */
  | { t: 'result'; id: string; duplicate: true }
  /** Something went wrong over there; with an id, it is that call's answer (a call the agent refused as malformed). */
  | { t: 'error'; message: string; id?: string };

export type Down =
  { t: 'subscribe'; rows: boolean; events: boolean; interval_ms?: number } | { t: 'call'; id: string; argv: string[]; stdin?: string };

export const encodeLine = (m: Up | Down): string => `${JSON.stringify(m)}\n`;
