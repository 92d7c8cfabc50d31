import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { table } from '../../src/cli/format.js';
import { cells as dashboardCells, fit } from '../../src/dashboard/cells.js';
import { cells } from '../../src/util/width.js';
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

  it('string-width is a direct dependency at the exact version Ink lays the dashboard out with', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // npm nests a copy under ink/ only when ink needs another version than the top-level one.
    const nested = join(REPO_ROOT, 'node_modules', 'ink', 'node_modules', 'string-width', 'package.json');
    const inks = existsSync(nested) ? nested : join(REPO_ROOT, 'node_modules', 'string-width', 'package.json');
    expect(pkg.dependencies['string-width']).toBe((JSON.parse(readFileSync(inks, 'utf8')) as { version: string }).version);
  });
});
