// Property-based, where the input is hostile: any string shown through visibleText or jsonSafe
// reaches the terminal with no control character, keeps its words and its meaning; any
// transcript (random bytes between records full of escape sequences), cut anywhere while it is
// being written, is read without a throw, and what peek and tail print of it is visible text.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { guardedIo } from '../../src/cli/output.js';
import { formatBlock } from '../../src/cli/verbs/peek.js';
import { printable, truncate } from '../../src/dashboard/cells.js';
import { HOSTILE_TEXT } from '../../demo/fake-anthropic-api.js';
import { TranscriptFollower } from '../../src/transcript/follow.js';
import { readTail } from '../../src/transcript/read-tail.js';
import { recordToBlocks } from '../../src/transcript/records.js';
import { jsonSafe, visibleText } from '../../src/util/visible.js';
import { cells } from '../../src/util/width.js';
import { ACTS_ON_TERMINAL } from '../support/terminal-bytes.js';

// Pieces hostile text is made of, so random strings hit every class often.
const hostilePiece = fc.constantFrom(
  '\x1b]52;c;aGk=\x07',
  '\x1b]0;title\x1b\\',
  '\x1b]8;;http://x/\x1b\\',
  '\x1b[2J',
  '\x1b[31m',
  '\x1bP$q\x1b\\',
  '\u009b',
  '\u0090',
  '\x07',
  '\r',
  '\t',
  '\n',
  '\r\n',
  '\x7f',
  '\u202e',
  '\u2066',
  '\u200f',
  '\u2028',
  '^[',
  '<U+202E>',
  '\\x9b',
  '日本',
  '👩‍💻',
);
const hostile = fc
  .array(fc.oneof(hostilePiece, fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 12 })
  .map((p) => p.join(''));
const word = fc.stringMatching(/^[a-z]{3,8}$/);

describe('visibleText properties', () => {
  it('never lets a control, C1 or bidi character through (newlines only where kept), and never throws', () => {
    fc.assert(
      fc.property(hostile, fc.constantFrom('keep' as const, 'show' as const), (text, newlines) => {
        const shown = visibleText(text, { newlines });
        expect(shown).not.toMatch(ACTS_ON_TERMINAL);
        if (newlines === 'show') expect(shown).not.toContain('\n');
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps every word around the sequences, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(word, hostile), { minLength: 1, maxLength: 8 }), (parts) => {
        const text = parts.map(([w, h]) => ` ${w} ${h}`).join('');
        const shown = visibleText(text, { newlines: 'show' });
        let from = 0;
        for (const [w] of parts) {
          const at = shown.indexOf(` ${w} `, from);
          expect(at).toBeGreaterThanOrEqual(from);
          from = at + w.length;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is settled after one pass: shown again, it does not change', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const once = visibleText(text);
        expect(visibleText(once)).toBe(once);
        expect(printable(printable(text))).toBe(printable(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('the dashboard fits the visible form: truncate never exceeds its width nor lets a control through', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 0, max: 40 }), (text, width) => {
        const t = truncate(text, width);
        expect(cells(t)).toBeLessThanOrEqual(width);
        expect(t).not.toMatch(ACTS_ON_TERMINAL);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('jsonSafe properties', () => {
  it('any value: the same JSON, with no control, C1 or bidi character in the line', () => {
    fc.assert(
      fc.property(fc.jsonValue(), hostile, (value, text) => {
        const v = { value, text };
        const line = jsonSafe(JSON.stringify(v));
        expect(line).not.toMatch(ACTS_ON_TERMINAL);
        expect(line).not.toContain('\n');
        expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('transcript reader properties (hostile transcripts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdm-visible-prop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;

  const record = (text: string, i: number) =>
    JSON.stringify({
      type: i % 2 ? 'assistant' : 'user',
      timestamp: `2099-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
      message:
        i % 2
          ? {
              content: [
                { type: 'text', text },
                { type: 'tool_use', name: 'Bash', input: { command: text } },
              ],
            }
          : { content: text },
    });
  // Whole records, random bytes (a line that is not JSON, a cut UTF-8 sequence), in any order.
  const fileOf = fc
    .array(
      fc.oneof(
        fc.tuple(word, hostile).map(([w, h]) => ({ word: w, line: (i: number) => Buffer.from(record(`${w} ${h} ${w}`, i)) })),
        fc.uint8Array({ maxLength: 60 }).map((b) => ({ word: null, line: () => Buffer.from(b.filter((x) => x !== 0x0a)) })),
        fc.constant({ word: null, line: () => Buffer.from(record(HOSTILE_TEXT, 1)) }),
      ),
      { maxLength: 12 },
    )
    .map((items) => ({
      words: items.flatMap((it) => (it.word ? [it.word] : [])),
      bytes: Buffer.concat(items.map((it, i) => Buffer.concat([it.line(i), Buffer.from('\n')]))),
    }));

  /** What peek and tail print of blocks, through the CLI's guard. */
  const printed = (blocks: ReturnType<typeof recordToBlocks>) => {
    const out: string[] = [];
    const io = guardedIo({ out: (l) => out.push(l), err: (l) => out.push(l) }, () => 'text');
    for (const b of blocks) io.out(formatBlock(b));
    return out.join('\n');
  };

  it('any bytes, cut anywhere while written: the follower and the tail reader never throw, and print visible text only', async () => {
    await fc.assert(
      fc.asyncProperty(fileOf, fc.nat(), fc.nat(), async ({ words, bytes }, cutSeed, countSeed) => {
        const path = join(dir, `t${n++}.jsonl`);
        const cut = bytes.length === 0 ? 0 : cutSeed % (bytes.length + 1);
        writeFileSync(path, bytes.subarray(0, cut));
        const follower = new TranscriptFollower(path, 0);
        const first = await follower.poll();
        // Half written: the tail reader reads what is there, whatever it ends in.
        const half = await readTail(path, 1 + (countSeed % 20));
        appendFileSync(path, bytes.subarray(cut));
        const records = [...first, ...(await follower.poll())];
        const whole = await readTail(path, 1000, undefined, 1 + (cutSeed % (bytes.length + 1)));
        const followed = printed(records.flatMap(recordToBlocks));
        for (const text of [followed, printed(half.blocks), printed(whole.blocks)]) expect(text).not.toMatch(ACTS_ON_TERMINAL);
        // Every record's words reach the reader, whatever the cut.
        for (const w of words) expect(followed).toContain(`${w} `);
      }),
      { numRuns: 150 },
    );
  });
});
