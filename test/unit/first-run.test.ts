// spawn's first-run detection against screens captured from the real 2.1.197 and 2.1.332
// (test/fixtures/first-run, made by capture.mjs there): each dialog is named, and no
// screen of a working peer is taken for one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstRunDialog } from '../../src/actions/spawn.js';
import { FIRST_RUN } from '../../src/classify/markers.js';
import { REPO_ROOT } from '../support/repo-root.js';

const DIR = join(REPO_ROOT, 'test', 'fixtures', 'first-run');
const screen = (name: string) => readFileSync(join(DIR, `${name}.txt`), 'utf8');

describe('first-run dialogs, as the real binaries draw them', () => {
  const expected: Array<[string, string | null]> = [
    ['fresh', 'the connectivity check of its first run'],
    ['folder_not_trusted', 'the folder-trust dialog'],
    ['key_not_approved', 'the API key question'],
  ];
  for (const version of ['2.1.197', '2.1.332']) {
    for (const [capture, name] of expected) {
      it(`${version} ${capture}: ${name}`, () => {
        expect(firstRunDialog(screen(`${version}__${capture}`))?.name).toBe(name);
      });
    }
  }

  it('2.1.197 without a key: "Not logged in" on an otherwise idle screen', () => {
    expect(firstRunDialog(screen('2.1.197__no_key'))?.name).toBe('"Not logged in"');
  });

  it('every fixture here is one of the cases above (a new capture gets its expectation)', () => {
    const names = readdirSync(DIR)
      .filter((f) => f.endsWith('.txt') && !f.endsWith('.ansi.txt'))
      .map((f) => f.replace(/^[\d.]+__|\.txt$/g, ''));
    expect(new Set(names)).toEqual(new Set(['fresh', 'folder_not_trusted', 'key_not_approved', 'no_key']));
  });
});

it('no screen of a working peer is taken for a first-run dialog', () => {
  const screens = join(REPO_ROOT, 'test', 'fixtures', 'screens-2.1.197');
  const files = readdirSync(screens).filter((f) => f.endsWith('.txt') && !f.endsWith('.ansi.txt'));
  expect(files.length).toBeGreaterThan(20);
  for (const f of files) expect(firstRunDialog(readFileSync(join(screens, f), 'utf8')), f).toBeNull();
});

it("the patterns not captured (behind the connectivity check offline) are the binaries' own strings", { timeout: 60_000 }, () => {
  const binaries = ['node_modules/@anthropic-ai/claude-code/bin/claude.exe', 'node_modules/claude-code-2.1.332/bin/claude.exe'].map((b) =>
    readFileSync(join(REPO_ROOT, b)),
  );
  for (const name of ['the theme picker', 'the login screen']) {
    const literal = FIRST_RUN.find((f) => f.name === name)!.test.source.replace(/\\/g, '');
    for (const bin of binaries) expect(bin.includes(literal), `${name}: ${literal}`).toBe(true);
  }
});
