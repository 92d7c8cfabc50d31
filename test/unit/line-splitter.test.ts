// The link's bounded lines (src/remote/line-splitter.ts): whole lines however the bytes are cut into
// chunks, a UTF-8 character split across chunks read whole, and a line longer than the bound said once,
// with never more than the bound held.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/remote/line-splitter.js';

/** `bytes` cut at the given points, in order. */
function chunks(bytes: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    out.push(bytes.subarray(from, c));
    from = c;
  }
  return out;
}

function feed(s: LineSplitter, parts: Buffer[]): { lines: string[]; overflow: boolean; held: number } {
  const lines: string[] = [];
  let overflow = false;
  let held = 0;
  for (const p of parts) {
    const r = s.push(p);
    lines.push(...r.lines);
    overflow ||= r.overflow;
    held = Math.max(held, s.buffered);
  }
  return { lines, overflow, held };
}

describe('LineSplitter', () => {
  it('lines across chunks, CRLF, a character split in two, and the unfinished last line at the end', () => {
    const s = new LineSplitter(64);
    const euro = Buffer.from('€'); // three bytes
    expect(s.push(Buffer.from('{"t":"beat"}\r\nhal'))).toEqual({ lines: ['{"t":"beat"}'], overflow: false });
    expect(s.push(Buffer.concat([Buffer.from('f '), euro.subarray(0, 1)]))).toEqual({ lines: [], overflow: false });
    expect(s.push(Buffer.concat([euro.subarray(1), Buffer.from('\n\nlast')])).lines).toEqual(['half €', '']);
    expect(s.end()).toEqual(['last']);
    expect(s.end()).toEqual([]);
  });

  it('a line of the bound is read; one byte more is an overflow, said once, and nothing after it', () => {
    const s = new LineSplitter(8);
    expect(s.push(Buffer.from('12345678\n'))).toEqual({ lines: ['12345678'], overflow: false });
    expect(s.push(Buffer.from('ok\n1234'))).toEqual({ lines: ['ok'], overflow: false });
    expect(s.push(Buffer.from('56789'))).toEqual({ lines: [], overflow: true });
    expect(s.buffered).toBe(0);
    expect(s.push(Buffer.from('\nfine\n'))).toEqual({ lines: [], overflow: true });
    expect(s.end()).toEqual([]);
  });

  it('any lines, cut anywhere: the same lines come out', () => {
    const line = fc.string({ unit: 'grapheme', maxLength: 30 }).map((l) => l.replace(/[\r\n]/gu, ''));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 10 }), (lines, cuts) => {
        const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''));
        const s = new LineSplitter(1024);
        const r = feed(s, chunks(bytes, cuts));
        expect(r.lines).toEqual(lines);
        expect(r.overflow).toBe(false);
        expect(s.end()).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('a line longer than the bound, cut anywhere: an overflow, and never more than the bound held', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (max, over, cuts) => {
          const bytes = Buffer.from(`ok\n${'a'.repeat(max + over)}\nafter\n`);
          const r = feed(new LineSplitter(max), chunks(bytes, cuts));
          expect(r.overflow).toBe(true);
          expect(r.lines).toEqual(max >= 2 ? ['ok'] : r.lines);
          expect(r.lines).not.toContain('after');
          expect(r.held).toBeLessThanOrEqual(max);
        },
      ),
      { numRuns: 500 },
    );
  });
});
