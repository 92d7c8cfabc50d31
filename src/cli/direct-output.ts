// Standard output and error written with fs.writeSync, without process.stdout / process.stderr: making either
// stream loads node's stream and net machinery for a pipe, ~5 ms of every one-shot call (`list` under a status
// line, `--version`), for bytes writeSync puts on the same descriptor in the same order. Node writes pipes, files
// and terminals synchronously on Linux anyway. The stream takes over for good when a write would block (a
// non-blocking descriptor: EAGAIN) or a verb asks about flow (watch, tail: `stream()`), after what went before.
import { writeSync } from 'node:fs';

export interface DirectOutput {
  write(text: string): void;
  /** The stream, from now on the only way out (its flow control: writableNeedDrain, 'drain'). */
  stream(): NodeJS.WriteStream;
  /** Bytes written but not yet with the kernel: only the stream keeps any. */
  queued(): number;
}

/**
 * `fd`'s output; `makeStream` gives node's stream for it when it is needed, `onReaderGone` runs when the reader
 * has closed its end (EPIPE: `claude-dm list | head`).
 */
export function directOutput(
  fd: number,
  makeStream: () => NodeJS.WriteStream,
  onReaderGone: () => void,
  write: typeof writeSync = writeSync,
): DirectOutput {
  let stream: NodeJS.WriteStream | null = null;
  const toStream = () => (stream ??= makeStream());
  return {
    write(text) {
      if (stream) {
        stream.write(text);
        return;
      }
      const bytes = Buffer.from(text, 'utf8');
      let at = 0;
      while (at < bytes.length) {
        try {
          at += write(fd, bytes, at, bytes.length - at);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EPIPE') {
            onReaderGone();
            return;
          }
          // EAGAIN (a descriptor left non-blocking by another program) and anything else: the stream copes,
          // or reports it as it always has.
          toStream().write(bytes.subarray(at));
          return;
        }
      }
    },
    stream: toStream,
    queued: () => stream?.writableLength ?? 0,
  };
}
