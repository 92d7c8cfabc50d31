// `dir/name` as path.join gives it, for the paths discovery and the transcript locator make for every peer of
// every call: join normalizes the whole string each time (~10 µs a call while the code is cold, a one-shot
// `list` over 100 peers made ~600). Here a folder is normalized once, and a plain name is appended to it.
import { join, normalize } from 'node:path';

const normalized = new Map<string, string>();
/** Distinct folders kept at most (a few per peer config folder in practice). */
const LIMIT = 1024;

/** What normalize would change in an absolute folder: `//`, a `.` or `..` step, a trailing `/`. */
const ABNORMAL = /\/\/|\/\.\.?(?:\/|$)|.\/$/u;

/** path.join(dir, name): the same string, for one file or folder name. */
export function childPath(dir: string, name: string): string {
  // A name that is not one plain entry (a session id from a record is not ours to trust), or a relative folder
  // (join drops its `./`), goes through join.
  if (name === '' || name === '.' || name === '..' || name.includes('/') || !dir.startsWith('/')) return join(dir, name);
  let base = normalized.get(dir);
  if (base === undefined) {
    // Most folders are normal already (one per peer: `list` over 100 peers made 200 normalize calls, ~5 ms cold).
    base = ABNORMAL.test(dir) ? normalize(dir) : dir;
    if (normalized.size >= LIMIT) normalized.clear();
    normalized.set(dir, base);
  }
  return base.endsWith('/') ? `${base}${name}` : `${base}/${name}`;
}
