// Property-based: random screens and random transcript lines never crash the classifier
// or the reader, and unrelated lines scrolled in above the input box never change a
// real screen's state.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyPeer } from '../../src/classify/classify.js';
import { screenFromAnsi } from '../../src/classify/screen.js';
import { readTail } from '../../src/transcript/read-tail.js';
import { recordToBlocks, turnFacts } from '../../src/transcript/records.js';
import { captureNames, loadCapture } from '../support/fixtures.js';

// Pieces that real screens are made of, so random screens hit the classifier's rules.
const pieces = fc.constantFrom(
  '❯\u00a0',
  '❯ ',
  '─'.repeat(40),
  '✻ Herding… (3s)',
  '✻ Worked for 2s',
  ' 1. Yes',
  ' ❯ 2. No',
  '  ⎿  Running…',
  'esc to interrupt',
  'Enter to select',
  'Do you want to proceed?',
  '\x1b[2m',
  '\x1b[7m',
  '\x1b[0m',
  '\x1b[38;5;246m',
  '☐ Colour',
  '[Pasted text #1 +3 lines]',
  '   ',
);
const screenLine = fc
  .array(fc.oneof(pieces, fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 10 })), { maxLength: 6 })
  .map((p) => p.join(''));

describe('classifier properties', () => {
  it('never throws on random screens and titles, and always gives a state and a rule', () => {
    fc.assert(
      fc.property(
        fc.array(screenLine, { maxLength: 50 }),
        fc.string({ maxLength: 12 }),
        fc.constantFrom('idle', 'busy', 'waiting', undefined),
        (lines, title, status) => {
          const c = classifyPeer({ title, screen: screenFromAnsi(lines.join('\n')), session: status ? { status } : null });
          expect(['idle', 'busy', 'drafting', 'modal', 'other']).toContain(c.state);
          expect(c.reason).toMatch(/^rule /);
        },
      ),
      { numRuns: 500 },
    );
  });

  // Scrollback text: words and punctuation, never at column 0 with a glyph Claude Code uses for its own markers.
  const unrelated = fc.array(fc.stringMatching(/^[A-Za-z0-9 ,.;:()'"!?-]{0,60}$/), { minLength: 1, maxLength: 8 });
  const withInputBox = captureNames().filter((n) => loadCapture(n).screen.plain.some((l) => l.startsWith('❯\u00a0')));

  it.each(withInputBox)('%s: lines scrolled in at the top never change the state', (name) => {
    const c = loadCapture(name);
    const base = classifyPeer({ title: c.title, screen: c.screen, session: c.session });
    fc.assert(
      fc.property(unrelated, (extra) => {
        // The screen keeps its height: new lines push the oldest ones out of view.
        const plain = [...extra, ...c.screen.plain].slice(extra.length);
        const ansi = [...extra, ...c.screen.ansi!].slice(extra.length);
        const r = classifyPeer({ title: c.title, screen: { plain, ansi }, session: c.session });
        expect({ state: r.state, draft: r.draft }).toEqual({ state: base.state, draft: base.draft });
      }),
      { numRuns: 60 },
    );
  });
});

describe('transcript reader properties', () => {
  it('never throws on random records, and never invents a block from a record it does not know', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const blocks = recordToBlocks(value);
        const known =
          typeof value === 'object' && value !== null && ['user', 'assistant', 'system'].includes((value as { type?: string }).type ?? '');
        if (!known) expect(blocks).toEqual([]);
        turnFacts([value]);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads the valid records of any file of random lines and bytes from its end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdm-prop-'));
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.oneof(
              fc.string({ maxLength: 80 }),
              fc.uint8Array({ maxLength: 80 }).map((b) => Buffer.from(b).toString('latin1')),
            ),
            { maxLength: 30 },
          ),
          fc.string({ maxLength: 30 }),
          async (junk, said) => {
            const path = join(dir, 't.jsonl');
            const good = JSON.stringify({
              type: 'assistant',
              timestamp: '2099-01-01T00:00:00Z',
              message: { content: [{ type: 'text', text: `${said}!` }], stop_reason: 'end_turn' },
            });
            writeFileSync(path, [...junk.map((j) => j.replace(/\n/g, ' ')), good, ...junk.slice(0, 2)].join('\n'));
            const tail = await readTail(path, 50);
            expect(tail.blocks.some((b) => b.text === `${said}!`)).toBe(true);
          },
        ),
        { numRuns: 150 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
