// The wire between this machine and a host's agent (`claude-dm serve --stdio`, run over the host's own
// transport): JSON lines, versioned. Up (agent → here): a hello, then the roster (rows) and watch events as
// they change, a beat while nothing does, and the result of each call by its id. Down (here → agent): what
// to stream, and calls (a claude-dm command line run over there, through its own gates, lock and audit).
import type { WatchEvent } from '../watch/events.js';
import type { PeerRow } from '../watch/peer-row.js';

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
  | { t: 'result'; id: string; code: number; stdout: string; stderr: string }
  /** A call whose id was seen before: it is never run twice. */
  | { t: 'result'; id: string; duplicate: true }
  | { t: 'error'; message: string };

export type Down =
  { t: 'subscribe'; rows: boolean; events: boolean; interval_ms?: number } | { t: 'call'; id: string; argv: string[]; stdin?: string };

/** One message a line; a line that is not one of ours is null (the far side's noise: a shell's motd). */
export function decodeLine<T extends { t: string }>(line: string): T | null {
  const text = line.trim();
  if (!text.startsWith('{')) return null;
  try {
    const m = JSON.parse(text) as unknown;
    return typeof m === 'object' && m !== null && typeof (m as { t?: unknown }).t === 'string' ? (m as T) : null;
  } catch {
    return null;
  }
}

export const encodeLine = (m: Up | Down): string => `${JSON.stringify(m)}\n`;
