// Follows a transcript as it grows: reads only bytes not read before, by offset, and
// keeps a partial last line until its newline arrives. A file that shrinks or is
// replaced (same path, new inode) is read again from its start.
import { open, stat } from 'node:fs/promises';
import { MAX_LINE_BYTES, parseLine } from './read-tail.js';
import { oversizedRecord } from './records.js';

const READ_CHUNK = 1024 * 1024;

export class TranscriptFollower {
  private partial: Buffer = Buffer.alloc(0);
  private chunk: Buffer | null = null;
  /** Bytes of a line too long to keep, seen so far; -1 when not inside one. */
  private skipped = -1;
  private ino: number | null = null;
  /** Bytes read from the file since it was last (re)started: equals its size when nothing was read twice. */
  bytesRead = 0;

  constructor(
    readonly path: string,
    private offset = 0,
  ) {}

  /** Where the next read starts. */
  get offsetRead(): number {
    return this.offset;
  }

  static async fromEnd(path: string): Promise<TranscriptFollower> {
    const st = await stat(path);
    const f = new TranscriptFollower(path, st.size);
    f.ino = st.ino;
    return f;
  }

  private restart(ino: number | null): void {
    this.ino = ino;
    this.offset = 0;
    this.bytesRead = 0;
    this.partial = Buffer.alloc(0);
    this.skipped = -1;
  }

  /** New complete records since the last call; [] when nothing new or the file is gone. */
  async poll(): Promise<unknown[]> {
    let st;
    try {
      st = await stat(this.path);
    } catch (e) {
      // Gone: whatever appears at this path next is a new file (its inode number may be the
      // old one, reused), so it is read from its start. Any other failure (EMFILE, EIO) keeps
      // our place and tries again at the next poll: nothing is printed twice.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') this.restart(null);
      return [];
    }
    if ((this.ino !== null && st.ino !== this.ino) || st.size < this.offset) this.restart(st.ino);
    this.ino = st.ino;
    if (st.size === this.offset) return [];
    const records: unknown[] = [];
    // Deleted between the stat and the open: nothing new, like a file that is gone.
    const file = await open(this.path, 'r').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (!file) return [];
    try {
      while (this.offset < st.size) {
        // One read buffer for the follower's life: nothing keeps a view of it past this pass (a
        // partial line is copied), and a fresh megabyte per read was most of what tail's memory grew by.
        this.chunk ??= Buffer.allocUnsafe(READ_CHUNK);
        const buf = this.chunk;
        const { bytesRead } = await file.read(buf, 0, Math.min(READ_CHUNK, st.size - this.offset), this.offset);
        if (bytesRead === 0) break;
        this.offset += bytesRead;
        this.bytesRead += bytesRead;
        let data = buf.subarray(0, bytesRead);
        if (this.skipped >= 0) {
          // Inside an oversized line: count its bytes up to its newline, keep none.
          const nl = data.indexOf(0x0a);
          if (nl < 0) {
            this.skipped += data.length;
            continue;
          }
          records.push(oversizedRecord(this.skipped + nl));
          this.skipped = -1;
          data = data.subarray(nl + 1);
        }
        data = this.partial.length ? Buffer.concat([this.partial, data]) : data;
        let nl: number;
        while ((nl = data.indexOf(0x0a)) >= 0) {
          const record = parseLine(data.subarray(0, nl));
          if (record !== undefined) records.push(record);
          data = data.subarray(nl + 1);
        }
        if (data.length > MAX_LINE_BYTES) {
          this.skipped = data.length;
          this.partial = Buffer.alloc(0);
        } else this.partial = Buffer.from(data);
      }
    } finally {
      await file.close();
    }
    return records;
  }
}
