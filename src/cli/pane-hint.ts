// Where `list` keeps its last look's pane list for each tmux server, for the next look to capture those panes
// in the same tmux process as the list, and to walk /proc for them while tmux lists
// (src/tmux/list-and-capture.ts). A file per socket (mode 0600: it holds pane titles and folders) in
// $XDG_CACHE_HOME/claude-dm/panes (~/.cache/claude-dm/panes), named by a hash of the socket's path; two
// sockets with one hash share a file, which costs a second tmux process now and then and nothing else.
// Only a guess: the list is always asked for. Whatever goes wrong here costs speed, never a run.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PaneListHint } from '../tmux/list-and-capture.js';

/** A hint file larger than this is not ours to read (500 panes are ~80 KB). */
const MAX_BYTES = 1024 * 1024;
/** Hint files kept: the oldest go when there are more (test runs and short-lived servers leave theirs). */
export const MAX_HINT_FILES = 64;

export function paneHintDir(env: NodeJS.ProcessEnv, home: string): string {
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'claude-dm', 'panes');
}

export function paneHintFile(dir: string, socketPath: string): PaneListHint {
  const file = join(dir, `${fnv1a(socketPath)}.txt`);
  return {
    read() {
      try {
        if (statSync(file).size > MAX_BYTES) return '';
        return readFileSync(file, 'utf8');
      } catch {
        return '';
      }
    },
    write(text) {
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, text, { mode: 0o600 });
        renameSync(tmp, file);
        pruneOldest(dir);
      } catch {
        // unwritable: the next look lists first and captures after, as without a hint
      }
    },
  };
}

/** Down to MAX_HINT_FILES, the least recently written first. */
function pruneOldest(dir: string): void {
  const names = readdirSync(dir).filter((n) => /^[0-9a-f]{8}\.txt$/u.test(n));
  if (names.length <= MAX_HINT_FILES) return;
  const byAge = names
    .map((n) => {
      try {
        return { n, at: statSync(join(dir, n)).mtimeMs };
      } catch {
        return { n, at: 0 };
      }
    })
    .sort((a, b) => a.at - b.at);
  for (const { n } of byAge.slice(0, names.length - MAX_HINT_FILES)) rmSync(join(dir, n), { force: true });
}

/** FNV-1a, 32 bits, as 8 hex digits: a file name for a path, with no crypto module to load. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
