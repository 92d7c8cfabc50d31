// The file `list` keeps its last look's pane ids in: one per socket, whole or not at all, bounded in size and
// in number, and never a reason for a run to fail.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_HINT_FILES, paneHintDir, paneHintFile } from '../../src/cli/pane-hint.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdm-hint-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('pane hint file', () => {
  it('lives in $XDG_CACHE_HOME/claude-dm/panes, else ~/.cache/claude-dm/panes', () => {
    expect(paneHintDir({ XDG_CACHE_HOME: '/x' }, '/h')).toBe('/x/claude-dm/panes');
    expect(paneHintDir({}, '/h')).toBe('/h/.cache/claude-dm/panes');
  });

  it('gives back what it kept, one file per socket, private to the user', () => {
    const panes = join(dir, 'panes');
    const a = paneHintFile(panes, '/tmp/tmux-0/default');
    const b = paneHintFile(panes, '/tmp/tmux-0/work');
    expect(a.read()).toBe('');
    a.write('%0 pane list of default\n');
    b.write('%1 pane list of work\n');
    expect(a.read()).toBe('%0 pane list of default\n');
    expect(b.read()).toBe('%1 pane list of work\n');
    const files = readdirSync(panes);
    expect(files).toHaveLength(2);
    expect(statSync(join(panes, files[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(panes).mode & 0o777).toBe(0o700);
  });

  it('a file grown past any real server is not read', () => {
    const panes = join(dir, 'panes');
    const hint = paneHintFile(panes, '/s');
    hint.write('%1\n');
    const [file] = readdirSync(panes);
    writeFileSync(join(panes, file!), '%1\n'.repeat(400_000));
    expect(hint.read()).toBe('');
  });

  it(`keeps ${MAX_HINT_FILES} files at most, dropping the least recently written`, () => {
    const panes = join(dir, 'panes');
    for (let i = 0; i < MAX_HINT_FILES; i++) paneHintFile(panes, `/sock-${i}`).write(`%${i}\n`);
    const files = readdirSync(panes);
    expect(files).toHaveLength(MAX_HINT_FILES);
    // Each a second older than the next, all older than the one written below.
    files.forEach((f, i) => utimesSync(join(panes, f), 1000 + i, 1000 + i));
    const oldest = files[0]!;
    paneHintFile(panes, '/one-more').write('%9\n');
    const after = readdirSync(panes);
    expect(after).toHaveLength(MAX_HINT_FILES);
    expect(after).not.toContain(oldest);
    expect(paneHintFile(panes, '/one-more').read()).toBe('%9\n');
  });

  it('a folder it cannot write costs nothing: no throw, nothing read back', () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere: a file where the folder should be stops it instead
      writeFileSync(join(dir, 'panes'), '');
    } else {
      mkdirSync(join(dir, 'panes'));
      chmodSync(join(dir, 'panes'), 0o500);
    }
    const hint = paneHintFile(join(dir, 'panes'), '/s');
    expect(() => hint.write('%1\n')).not.toThrow();
    expect(hint.read()).toBe('');
  });
});
