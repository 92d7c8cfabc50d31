// Where a peer's transcript lives: <config>/projects/<encoded cwd>/<sessionId>.jsonl.
// The encoding is Claude Code's own (read from 2.1.197): every character other than
// a-z A-Z 0-9 becomes '-', and a name over 200 characters is cut and suffixed with a
// base-36 hash of the path. Claude Code itself also accepts any cut name with the same
// prefix (other builds hash differently), and so do we.
// Small lookups, many peers: synchronous calls skip a thread-pool round trip each.
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { childPath } from '../util/child-path.js';

const MAX_NAME = 200;

function javaStringHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = ((h << 5) - h + text.charCodeAt(i)) | 0;
  return h;
}

export function encodeProjectDir(cwd: string): string {
  const name = cwd.replace(/[^a-zA-Z0-9]/g, '-');
  if (name.length <= MAX_NAME) return name;
  return `${name.slice(0, MAX_NAME)}-${Math.abs(javaStringHash(cwd)).toString(36)}`;
}

/** The project folders that may hold this cwd's transcripts, the exact one first. */
export async function projectDirsFor(configDir: string, cwd: string): Promise<string[]> {
  const projects = childPath(configDir, 'projects');
  const dirs = dirsForPath(projects, cwd);
  if (dirs.length > 0) return dirs;
  // Claude Code names the folder after the real path: only when the cwd as given has
  // none, resolve symlinks (the folder may be gone; its transcripts are still there).
  let real: string;
  try {
    real = realpathSync(cwd);
  } catch {
    return [];
  }
  return real === cwd ? [] : dirsForPath(projects, real);
}

function dirsForPath(projects: string, path: string): string[] {
  const name = encodeProjectDir(path);
  const exact = childPath(projects, name);
  if (isDir(exact)) return [exact];
  if (name.length <= MAX_NAME) return [];
  const prefix = `${name.slice(0, MAX_NAME)}-`;
  return readdirOrEmpty(projects)
    .filter((e) => e.startsWith(prefix))
    .map((e) => childPath(projects, e));
}

export interface LocateInput {
  configDir: string;
  cwd: string;
  sessionId?: string | null;
  /** Process start, ms since epoch: without a session id, only files written since count. */
  startedAtMs?: number | null;
}

export interface TranscriptFile {
  path: string;
  mtimeMs: number;
  size: number;
  how: 'session-id' | 'newest-since-start';
}

export async function locateTranscript(input: LocateInput): Promise<TranscriptFile | null> {
  if (input.sessionId) {
    // The usual case first, one stat: the file in the folder named after the cwd as given. The search below
    // finds it there too (that folder, when it exists, is the only one searched); it is for the rest.
    const usual = childPath(childPath(childPath(input.configDir, 'projects'), encodeProjectDir(input.cwd)), `${input.sessionId}.jsonl`);
    const st = statOrNull(usual);
    if (st?.isFile()) return { path: usual, mtimeMs: st.mtimeMs, size: st.size, how: 'session-id' };
  }
  const dirs = await projectDirsFor(input.configDir, input.cwd);
  if (input.sessionId) {
    for (const dir of dirs) {
      const path = childPath(dir, `${input.sessionId}.jsonl`);
      const st = statOrNull(path);
      if (st?.isFile()) return { path, mtimeMs: st.mtimeMs, size: st.size, how: 'session-id' };
    }
    // The sessions record follows /clear and resumes, and a transcript is created only at
    // the first prompt: a missing file means none yet. Guessing could pick another peer
    // working in the same folder.
    return null;
  }
  // No session id (older Claude Code writes no sessions file): the newest transcript
  // written since the process started is this peer's.
  let best: TranscriptFile | null = null;
  for (const dir of dirs) {
    for (const e of readdirOrEmpty(dir)) {
      if (!e.endsWith('.jsonl')) continue;
      const path = childPath(dir, e);
      const st = statOrNull(path);
      if (!st?.isFile()) continue;
      if (input.startedAtMs != null && st.mtimeMs < input.startedAtMs) continue;
      if (!best || st.mtimeMs > best.mtimeMs) best = { path, mtimeMs: st.mtimeMs, size: st.size, how: 'newest-since-start' };
    }
  }
  return best;
}

/** The file's stat, or null when there is none to read. */
export function statOrNull(path: string): Stats | null {
  try {
    // No exception for a file that is not there (the common miss): its making is most of a failed call's cost.
    return statSync(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

function isDir(path: string): boolean {
  return statOrNull(path)?.isDirectory() ?? false;
}

function readdirOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
