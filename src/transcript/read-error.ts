// A transcript that cannot be read is a one-line error that says why and what to do,
// never an "internal error".
import { DmError } from '../errors.js';

export function transcriptReadError(path: string, e: unknown): DmError {
  const err = e as NodeJS.ErrnoException;
  const why =
    err.code === 'EACCES' || err.code === 'EPERM'
      ? 'permission denied: run claude-dm as the user that runs this Claude Code'
      : err.code === 'ENOENT'
        ? 'it was removed while being read: run the command again'
        : err.code === 'ELOOP'
          ? 'its path is a symlink loop: fix the link'
          : err.message;
  return new DmError(`cannot read the transcript ${path}: ${why}`, 'io');
}

/** Runs a read of `path`, turning a filesystem failure into a transcriptReadError. */
export async function readingTranscript<T>(path: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    throw (e as NodeJS.ErrnoException).code ? transcriptReadError(path, e) : e;
  }
}
