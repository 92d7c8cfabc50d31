// The README's dashboard section: its keys table is the keymap's, and its screen capture is a
// whole 80x24 frame (one header line, rows, one key bar, nothing wider than 80 cells).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cells } from '../../src/dashboard/cells.js';
import { keysTable } from '../../src/dashboard/keys-table.js';
import { REPO_ROOT } from '../support/repo-root.js';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

describe('README, dashboard section', () => {
  it('holds the keys table generated from the keymap, exactly', () => {
    const table = keysTable().join('\n');
    // The table sits in a list item, indented: compare line by line, indentation aside.
    const trimmed = readme.split('\n').map((l) => l.trim()).join('\n');
    expect(trimmed.includes(table), `README should hold this table (indented in its list item):\n${table}`).toBe(true);
  });

  it('shows the dashboard at 80x24 as capture-pane printed it: a whole frame', () => {
    const block = /<!-- dashboard-80x24 -->\n```text\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(block, 'a ```text block after <!-- dashboard-80x24 -->').toBeDefined();
    const lines = block!.split('\n');
    expect(lines).toHaveLength(24);
    for (const l of lines) expect(cells(l)).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/^claude-dm {2}🔴 \d+ modal/u);
    expect(lines.at(-1)).toMatch(/q quit$/);
  });
});
