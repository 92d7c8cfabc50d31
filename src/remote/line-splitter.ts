// Lines off a pipe, each bounded. readline keeps a line that never ends in memory for as long as it grows
// (a far host that sends 400 MB without a newline grew the dashboard past 500 MB); this keeps at most
// `max` bytes of an unfinished line, and says once when a line runs over it: the reader then drops the link.
// Bytes, not characters: a line is cut on its newline byte and decoded whole, so a UTF-8 character split
// across two chunks is read as one.
/** The longest line either end of the link reads: a roster of thousands of rows fits many times over. */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;
export const LINE_TOO_LONG = 'a line over 4 MiB';

const NL = 0x0a;

export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  /** A line ran over the bound: nothing more is read. */
  overflowed = false;

  constructor(private readonly max = MAX_LINE_BYTES) {}

  /** Bytes of the unfinished line held now: never more than the bound. */
  get buffered(): number {
    return this.size;
  }

  /** The lines this chunk ends (a trailing CR dropped); `overflow` once a line is longer than the bound. */
  push(chunk: Buffer): { lines: string[]; overflow: boolean } {
    const lines: string[] = [];
    if (this.overflowed) return { lines, overflow: true };
    let from = 0;
    for (let nl = chunk.indexOf(NL, from); nl !== -1; nl = chunk.indexOf(NL, from)) {
      if (this.size + nl - from > this.max) return this.overflow(lines);
      lines.push(this.take(chunk.subarray(from, nl)));
      from = nl + 1;
    }
    if (this.size + chunk.length - from > this.max) return this.overflow(lines);
    if (from < chunk.length) {
      // A copy: the rest of a large chunk is not kept alive by a short tail.
      this.parts.push(Buffer.from(chunk.subarray(from)));
      this.size += chunk.length - from;
    }
    return { lines, overflow: false };
  }

  /** The unfinished last line, when the stream ends without a newline. */
  end(): string[] {
    if (this.overflowed || this.size === 0) return [];
    return [this.take(Buffer.alloc(0))];
  }

  private take(last: Buffer): string {
    const whole = this.parts.length === 0 ? last : Buffer.concat([...this.parts, last]);
    this.parts = [];
    this.size = 0;
    const line = whole.toString('utf8');
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  }

  private overflow(lines: string[]): { lines: string[]; overflow: boolean } {
    this.overflowed = true;
    this.parts = [];
    this.size = 0;
    return { lines, overflow: true };
  }
}

/**
 * Reads `stream` line by line, each bounded: `onLine` for each, `onOverflow` once if a line is too long
 * (no more lines after it: the stream is left to the caller to close), `onEnd` once when it ends or closes.
 */
export function readLines(
  stream: NodeJS.ReadableStream,
  handlers: { onLine: (line: string) => void; onOverflow: () => void; onEnd?: () => void },
  max = MAX_LINE_BYTES,
): void {
  const splitter = new LineSplitter(max);
  stream.on('data', (chunk: Buffer | string) => {
    if (splitter.overflowed) return;
    const { lines, overflow } = splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    for (const line of lines) handlers.onLine(line);
    if (overflow) handlers.onOverflow();
  });
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    for (const line of splitter.end()) handlers.onLine(line);
    handlers.onEnd?.();
  };
  // A stream destroyed on our side closes without an end.
  stream.on('end', end);
  stream.on('close', end);
}
