// The frame check is what the real-terminal suite trusts: it must flag the breakage seen at
// 80x24 and 70x20 before the fix (screens captured from that build) and pass a whole frame.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/repo-root.js';
import { frameProblems } from './frame-check.js';

const screen = (name: string) => readFileSync(join(REPO_ROOT, 'test/tui-terminal/fixtures', name), 'utf8').replace(/\n$/, '').split('\n');
const peers = ['main:1.0', 'main:2.0', 'main:3.0', 'main:4.0'];
const question = ['1 Red', '2 Green', '3 Blue', '4 Type something.', '5 Chat about this'];

describe('frameProblems', () => {
  it('passes a whole 80x24 frame', () => {
    expect(frameProblems(screen('after-fix-80x24.txt'), { rows: 24, peers, selected: 'main:4.0', options: question })).toEqual([]);
  });

  it('flags the 80x24 screen from before the fix: wrapped header, options missing and glued, key bar on two lines', () => {
    const problems = frameProblems(screen('before-fix-80x24.txt'), { rows: 24, peers, selected: 'main:4.0', options: question });
    expect(problems.some((p) => p.startsWith('header is not one line'))).toBe(true);
    expect(problems.some((p) => p.startsWith('modal options') || p.startsWith('no peer pane rule'))).toBe(true);
    expect(problems.some((p) => p.startsWith('key bar is not one line'))).toBe(true);
  });

  it('flags the 70x20 screen from before the fix', () => {
    const problems = frameProblems(screen('before-fix-70x20.txt'), { rows: 20, peers, selected: 'main:4.0', options: question });
    expect(problems.length).toBeGreaterThan(2);
  });

  it('flags options glued to leftovers of an earlier frame, and text below the content', () => {
    const lines = screen('after-fix-80x24.txt');
    const glued = lines.map((l) => (l === ' 2 Green' ? ' 2 Greenhighlighted)' : l));
    expect(frameProblems(glued, { rows: 24, peers, options: question })).toEqual([expect.stringContaining('modal options')]);
    const stray = [...lines];
    stray[20] = 'A calm green button';
    expect(frameProblems(stray, { rows: 24, peers, options: question })).toEqual([expect.stringContaining('text below the pane')]);
  });
});
