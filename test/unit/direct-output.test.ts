// Standard output written straight to the descriptor: every byte in order, however the kernel splits the
// writes; the stream takes over, for good and from the first byte not written, when a write would block or a
// verb asks for flow control; a reader that has gone ends the run once.
import type { writeSync } from 'node:fs';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { directOutput } from '../../src/cli/direct-output.js';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

/** A descriptor that takes at most `chunk` bytes a write, and fails with `failAt` once `failAfter` bytes are in. */
function fakeFd(chunk: number, fail?: { after: number; code: string }) {
  const got: Buffer[] = [];
  let total = 0;
  const write = ((_fd: number, buf: Buffer, offset: number, length: number) => {
    if (fail && total >= fail.after) throw errno(fail.code);
    const n = Math.min(chunk, length);
    got.push(Buffer.from(buf.subarray(offset, offset + n)));
    total += n;
    return n;
  }) as unknown as typeof writeSync;
  return { write, text: () => Buffer.concat(got).toString('utf8') };
}

function fakeStream() {
  const got: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      got.push(chunk.toString('utf8'));
      cb();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, text: () => got.join('') };
}

describe('directOutput', () => {
  it('writes every byte in order, whatever each write takes', () => {
    const fd = fakeFd(7);
    const made = { count: 0 };
    const out = directOutput(
      1,
      () => {
        made.count++;
        return fakeStream().stream;
      },
      () => undefined,
      fd.write,
    );
    out.write('ADDR  STATE ✳ idle\n');
    out.write('main:1.0  🟢 idle\n');
    expect(fd.text()).toBe('ADDR  STATE ✳ idle\nmain:1.0  🟢 idle\n');
    expect(made.count).toBe(0);
    expect(out.queued()).toBe(0);
  });

  it('a write that would block (EAGAIN) hands the rest to the stream, and everything after goes there too', () => {
    const fd = fakeFd(4, { after: 8, code: 'EAGAIN' });
    const s = fakeStream();
    const out = directOutput(
      1,
      () => s.stream,
      () => undefined,
      fd.write,
    );
    out.write('0123456789abcdef');
    out.write('-next');
    expect(fd.text() + s.text()).toBe('0123456789abcdef-next');
    expect(fd.text()).toBe('01234567');
  });

  it('a reader that has gone (EPIPE) ends the run, and nothing is handed to the stream', () => {
    const fd = fakeFd(100, { after: 0, code: 'EPIPE' });
    let gone = 0;
    let made = 0;
    const out = directOutput(
      1,
      () => {
        made++;
        return fakeStream().stream;
      },
      () => gone++,
      fd.write,
    );
    out.write('x\n');
    expect(gone).toBe(1);
    expect(made).toBe(0);
  });

  it('asking for the stream (flow control) moves every later write to it', () => {
    const fd = fakeFd(100);
    const s = fakeStream();
    const out = directOutput(
      1,
      () => s.stream,
      () => undefined,
      fd.write,
    );
    out.write('before\n');
    expect(out.stream()).toBe(s.stream);
    out.write('after\n');
    expect(fd.text()).toBe('before\n');
    expect(s.text()).toBe('after\n');
  });
});
