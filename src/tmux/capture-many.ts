// Captures many panes with one tmux process: the captures go to tmux as a script on its stdin
// (`source-file -`), each followed by a random marker that splits the output again. A script has no
// length limit (500 panes are one process, where argv had to be cut into chunks under tmux's 16 KiB
// message, six processes, ~10 ms of fork each here), and a pane that closed mid-way costs only its
// own capture: tmux goes on with the next line, and the pane's slice is empty. A tmux that cannot read
// a script from stdin (its output has no marker) gets the old way: the commands joined with `;` in
// chunks that fit, one process each; a chunk that fails falls back to one capture per pane, a few at a
// time: never 500 processes started at once. A runner that starts no process per call (the dashboard's
// control-mode client) takes the argv way too: it sends each line down the client it keeps.
import type { TmuxClient } from './client.js';

/** Bytes of argv per tmux process: well under tmux's 16 KiB message, whatever the pane ids. */
export const CHUNK_BYTES = 8 * 1024;
/** One-pane captures in flight at once when a chunk falls back. */
export const FALLBACK_CONCURRENCY = 8;

export async function captureMany(tmux: TmuxClient, paneIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (paneIds.length === 0) return out;
  const marker = newMarker();
  const scripted = tmux.runner.startsProcesses ? await captureByScript(tmux, paneIds, marker) : null;
  if (scripted) return scripted;
  const chunks = chunkPanes(paneIds, marker);
  const captured = await Promise.all(chunks.map((chunk) => captureChunk(tmux, chunk, marker)));
  for (const screens of captured) for (const [id, screen] of screens) out.set(id, screen);
  return out;
}

/** A pane id as tmux gives it: the only text that goes into the script unchecked by tmux's parser. */
export const PANE_ID = /^%\d+$/;

/** Each pane's capture followed by its marker, numbered from 0, as script lines. */
export function captureScript(ids: readonly string[], marker: string): string {
  // Markers carry an index, not the pane id: display-message runs its text through strftime, which would eat `%1`.
  return ids.map((id, i) => `capture-pane -p -e -t ${id}\ndisplay-message -p ${marker}${i}\n`).join('');
}

/** Every capture through one `tmux source-file -`; null when this tmux could not run it (then chunks are used). */
async function captureByScript(tmux: TmuxClient, ids: readonly string[], marker: string): Promise<Map<string, string> | null> {
  if (!ids.every((id) => PANE_ID.test(id))) return null;
  const script = captureScript(ids, marker);
  // Exit 1 when a pane was gone: the others were still captured, so the output is read whatever the status.
  return screensOf(ids, await tmux.runScript(script), marker);
}

/** The screens in a capture script's output, by pane; null when a marker is missing (the script did not run through). */
export function screensOf(ids: readonly string[], stdout: string, marker: string): Map<string, string> | null {
  const screens = splitAtMarkers(stdout, ids.length, marker, 0);
  if (!screens) return null;
  // A live pane prints a line per row at least; nothing at all is a pane that closed.
  return new Map(ids.flatMap((id, i) => (screens[i] ? [[id, screens[i]] as const] : [])));
}

/** The output before each of `count` markers (numbered from `first`), in order; null when one is missing. */
function splitAtMarkers(stdout: string, count: number, marker: string, first: number): string[] | null {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const mark = `${marker}${first + i}\n`;
    const end = stdout.indexOf(mark, start);
    if (end < 0) return null;
    out.push(stdout.slice(start, end));
    start = end + mark.length;
  }
  return out;
}

/** One chunk's argv: each pane's capture followed by its marker. */
function chunkArgs(ids: readonly string[], marker: string, first: number): string[] {
  // Markers carry an index, not the pane id: display-message runs its text through
  // strftime, which would eat `%1`.
  const args: string[] = [];
  ids.forEach((id, i) => {
    if (args.length) args.push(';');
    args.push('capture-pane', '-p', '-e', '-t', id, ';', 'display-message', '-p', `${marker}${first + i}`);
  });
  return args;
}

interface Chunk {
  ids: string[];
  /** The index of the chunk's first pane: markers count across chunks. */
  first: number;
}

/** The panes in order, cut where a chunk's argv would pass CHUNK_BYTES (a chunk holds one pane at least). */
export function chunkPanes(paneIds: readonly string[], marker: string): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk = { ids: [], first: 0 };
  let bytes = 0;
  paneIds.forEach((id, i) => {
    const size = chunkArgs([id], marker, i).reduce((n, a) => n + Buffer.byteLength(a) + 1, 2);
    if (current.ids.length > 0 && bytes + size > CHUNK_BYTES) {
      chunks.push(current);
      current = { ids: [], first: i };
      bytes = 0;
    }
    current.ids.push(id);
    bytes += size;
  });
  chunks.push(current);
  return chunks;
}

async function captureChunk(tmux: TmuxClient, { ids, first }: Chunk, marker: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  try {
    const screens = splitAtMarkers(await tmux.tmux(chunkArgs(ids, marker, first)), ids.length, marker, first);
    if (!screens) throw new Error('marker missing');
    ids.forEach((id, i) => out.set(id, screens[i]!));
    return out;
  } catch {
    out.clear();
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        try {
          out.set(id, await tmux.capturePane(id));
        } catch {
          // pane gone: the caller sees no capture for it
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(FALLBACK_CONCURRENCY, ids.length) }, worker));
    // In the caller's order, whatever order the captures came back in.
    return new Map(ids.filter((id) => out.has(id)).map((id) => [id, out.get(id)!]));
  }
}

/** A marker for one script's output: `@@cdm-<random>@@`, followed by an index where it is used. */
export function newMarker(): string {
  return `@@cdm-${unguessable()}@@`;
}

/**
 * A marker no pane can draw in advance: it must only be unknown to other processes before
 * this call, which Math.random's per-process seed gives without loading node:crypto (a
 * few ms of `list`).
 */
function unguessable(): string {
  return `${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}
