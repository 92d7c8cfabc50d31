import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { table } from '../../src/util/format.js';
import { cells as dashboardCells, fit } from '../../src/dashboard/cells.js';
import { cells, graphemes } from '../../src/util/width.js';
import { REPO_ROOT } from '../support/repo-root.js';

describe('one width for the CLI and the dashboard', () => {
  it('counts the emoji glyphs both front ends print as two cells, the text glyphs as one', () => {
    for (const glyph of ['⏳', '✅', '❓', '🔴', '⚫']) expect(cells(glyph), glyph).toBe(2);
    for (const glyph of ['✳', '❯', '▶', '…', '☐']) expect(cells(glyph), glyph).toBe(1);
    expect(dashboardCells).toBe(cells);
  });

  it('a CLI table row with ⏳ ✅ ❓ 🔴 puts the next column where the dashboard counts it', () => {
    const lines = table(
      ['A', 'STATE', 'Z'],
      [
        ['x', '⏳ wait', 'end'],
        ['y', '✅ done', 'end'],
        ['z', '❓ ask', 'end'],
        ['w', '🔴 modal', 'end'],
      ],
    );
    const endAt = (l: string) => dashboardCells(l.slice(0, l.lastIndexOf('end')));
    // A: 1 cell and a 2-cell gap; STATE: as wide as `🔴 modal` (8) and a gap.
    expect(lines.slice(1).map(endAt)).toEqual([13, 13, 13, 13]);
  });

  it('cuts between graphemes: a ZWJ emoji or an accented letter is never split', () => {
    expect(cells('👩‍💻')).toBe(2);
    expect(fit('👩‍💻👩‍💻', 3)).toBe('👩‍💻…');
    expect(fit('e\u0301e\u0301e\u0301', 2)).toBe('e\u0301…');
  });

  it("string-width and get-east-asian-width are direct dependencies at the exact versions Ink's string-width uses", () => {
    const version = (...path: string[]) =>
      (JSON.parse(readFileSync(join(REPO_ROOT, ...path, 'package.json'), 'utf8')) as { version: string }).version;
    // npm nests a copy under the package that needs another version than the top-level one.
    const used = (under: string, name: string) =>
      existsSync(join(REPO_ROOT, under, 'node_modules', name)) ? version(under, 'node_modules', name) : version('node_modules', name);
    const deps = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> })
      .dependencies;
    expect(deps['string-width']).toBe(used('node_modules/ink', 'string-width'));
    expect(deps['get-east-asian-width']).toBe(used('node_modules/string-width', 'get-east-asian-width'));
  });

  it("counts every code point on its own as string-width does (without string-width's emoji pattern)", () => {
    // The planes with characters in them: 0 and 1 whole, 2 and 3 (CJK ideographs, one block
    // after another) every 7th, 14's tags and variation selectors; 4-13 are unassigned.
    const differ: string[] = [];
    for (const [from, to, step] of [
      [0, 0x1ffff, 1],
      [0x20000, 0x3ffff, 7],
      [0xe0000, 0xe01ff, 1],
    ] as const) {
      for (let cp = from; cp <= to; cp += step) {
        const ch = String.fromCodePoint(cp);
        if (cells(ch) !== stringWidth(ch, { countAnsiEscapeCodes: true })) differ.push(cp.toString(16));
      }
    }
    expect(differ).toEqual([]);
  });

  it("cutting plain ASCII out before segmenting changes nothing: the graphemes and the count are string-width's", () => {
    // Characters that join with a neighbour (marks, ZWJ, variation selectors, skin tones, flags,
    // Hangul jamo, a prepended Arabic sign, CR LF) between plain ASCII and wide glyphs.
    const piece = fc.oneof(
      fc.constantFrom('a', ' ', 'e\u0301', '\u0301', '\u200d', '\ufe0f', '👩', '💻', '🏻', '🇫', '🇷', '\u1100', '\u1161', '\u11a8'),
      fc.constantFrom('\u0600', '\r', '\n', '\x1b', '\x9b', '[31m', '⏳', '✳', '❯', '日', '\u0915\u094d', '\u093f'),
      // Base letters that still join (a spacing mark, prepended letters, a Hangul syllable with a jamo after
      // it) and plain wide ones cut a code point apart without the Segmenter.
      fc.constantFrom('\u0903', '\u0915', '\u0d4e', '\u{111c2}', '\uac00', '\uac01', '🟢', '🔴', '⚓', '✓', 'é', '\u00a0'),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
    );
    const segmenter = new Intl.Segmenter();
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(graphemes(text)).toEqual(Array.from(segmenter.segment(text), (s) => s.segment));
        expect(cells(text)).toBe(stringWidth(text, { countAnsiEscapeCodes: true }));
      }),
      { numRuns: 2000 },
    );
  });
});
