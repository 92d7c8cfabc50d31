// Captures many panes with one tmux process: the commands are joined with `;` and a
// random marker printed between them splits the output again. If a pane closes mid-way
// tmux stops at that command, so we fall back to one capture per pane.
import type { TmuxClient } from './client.js';

export async function captureMany(tmux: TmuxClient, paneIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (paneIds.length === 0) return out;
  const marker = `@@cdm-${unguessable()}@@`;
  // Markers carry an index, not the pane id: display-message runs its text through
  // strftime, which would eat `%1`.
  const args: string[] = [];
  paneIds.forEach((id, i) => {
    if (args.length) args.push(';');
    args.push('capture-pane', '-p', '-e', '-t', id, ';', 'display-message', '-p', `${marker}${i}`);
  });
  try {
    const stdout = await tmux.tmux(args);
    let start = 0;
    paneIds.forEach((id, i) => {
      const end = stdout.indexOf(`${marker}${i}\n`, start);
      if (end < 0) throw new Error('marker missing');
      out.set(id, stdout.slice(start, end));
      start = end + `${marker}${i}\n`.length;
    });
    return out;
  } catch {
    out.clear();
    await Promise.all(
      paneIds.map(async (id) => {
        try {
          out.set(id, await tmux.capturePane(id));
        } catch {
          // pane gone: the caller sees no capture for it
        }
      }),
    );
    return out;
  }
}

/**
 * A marker no pane can draw in advance: it must only be unknown to other processes before
 * this call, which Math.random's per-process seed gives without loading node:crypto (a
 * few ms of `list`).
 */
function unguessable(): string {
  return `${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}
