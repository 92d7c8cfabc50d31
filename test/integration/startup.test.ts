// What the built CLI loads before a verb needs it. A bundle loads every import when it starts, so a
// one-shot verb paid ~15 ms for built-in modules it never called (child_process with net and stream,
// fs/promises, perf_hooks) and ~10 ms for chokidar; scripts/bundle.mjs makes them load on first use.
// Checked on node's own list of what the process loaded, for both built files.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/repo-root.js';

const PRELOAD = join(REPO_ROOT, 'test', 'support', 'loaded-builtins.cjs');
/**
 * Loaded by chokidar (and readdirp) or by the verbs that spawn: none is needed to print a version. (net and
 * stream are not here: node loads them for process.stdout itself when it is a pipe.)
 */
const NOT_AT_START = ['child_process', 'fs/promises', 'perf_hooks', 'readline'];

/** What `node BIN ARGS` printed, and the built-in modules it loaded. */
function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}): { out: string; builtins: string[] } {
  const bin = join(REPO_ROOT, 'dist', file);
  if (!existsSync(bin)) throw new Error('run `npm run build` first (npm test does)');
  const r = spawnSync('node', ['-r', PRELOAD, bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CLAUDE_DM_SOCKET: '/nonexistent/sock', XDG_CACHE_HOME: cacheHome, ...env },
  });
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  return { out: r.stdout, builtins: (JSON.parse(last) as { builtins: string[] }).builtins };
}

let cacheHome = '';
beforeEach(() => {
  cacheHome = mkdtempSync(join(tmpdir(), 'cdm-cache-'));
});
afterEach(() => rmSync(cacheHome, { recursive: true, force: true }));

describe('start-up of the built CLI', () => {
  for (const file of ['claude-dm.cjs', 'claude-dm-portable.mjs']) {
    it(`${file}: --version loads none of the built-in modules only verbs call; a verb that spawns loads them`, () => {
      const version = run(file, ['--version']);
      expect(version.out).toMatch(/^\d+\.\d+\.\d+/);
      expect(version.builtins.filter((m) => NOT_AT_START.includes(m))).toEqual([]);
      // The check can see them: `list` runs tmux, so child_process is loaded once it is called.
      expect(run(file, ['list']).builtins).toContain('child_process');
    });
  }
});

it('the built files are ASCII (node then decodes them the fast way, one byte a character), the markers escaped', () => {
  for (const file of ['claude-dm-cli.cjs', 'claude-dm-list.cjs', 'claude-dm-portable.mjs']) {
    const text = readFileSync(join(REPO_ROOT, 'dist', file), 'latin1');
    expect({ file, beyondAscii: text.match(/[^\x00-\x7f]/gu)?.length ?? 0 }).toEqual({ file, beyondAscii: 0 });
    // The idle marker's glyph, as an escape in a regular expression: the classifier still has it.
    expect(text).toContain('\\u2733');
  }
});

it("the built files leave out valibot's emoji pattern, which V8 would build at every start for a check never called", () => {
  for (const file of ['claude-dm-cli.cjs', 'claude-dm-list.cjs', 'claude-dm-portable.mjs']) {
    const text = readFileSync(join(REPO_ROOT, 'dist', file), 'latin1');
    expect({ file, emoji: text.includes('Emoji_Modifier_Base') }).toEqual({ file, emoji: false });
  }
});

describe("the bin's code cache (src/cli/cached-start.cjs)", () => {
  const caches = () => readdirSync(join(cacheHome, 'claude-dm')).sort();
  const version = () => run('claude-dm.cjs', ['--version']).out;

  it('is made by the first run of a verb, one file a verb, and used as it is after', () => {
    const printed = version();
    expect(caches()).toEqual([expect.stringMatching(/^cli-v\d+.*-none\.v8$/)]);
    const file = join(cacheHome, 'claude-dm', caches()[0]!);
    const made = statSync(file).mtimeMs;
    expect(version()).toBe(printed);
    // Accepted by V8: not written again.
    expect(statSync(file).mtimeMs).toBe(made);
    run('claude-dm.cjs', ['list', '--json']);
    // `list` runs its own bundle (src/cli/main-list.ts), with a cache of its own.
    expect(caches()).toEqual([expect.stringMatching(/^cli-v\d+.*-none\.v8$/), expect.stringMatching(/^list-v\d+.*-list\.v8$/)]);
  });

  it('a cache V8 rejects is written again, and the CLI prints the same; those of another build are dropped', () => {
    const printed = version();
    const file = join(cacheHome, 'claude-dm', caches()[0]!);
    writeFileSync(file, 'not a code cache');
    writeFileSync(join(cacheHome, 'claude-dm', 'cli-v0.0.0-x64-1-1-list.v8'), 'an old build');
    expect(version()).toBe(printed);
    expect(readFileSync(file, 'utf8')).not.toBe('not a code cache');
    expect(caches()).toEqual([caches()[0]]);
  });

  it('a cache folder that cannot be made changes nothing the CLI does', () => {
    const printed = version();
    const blocked = join(cacheHome, 'a-file');
    writeFileSync(blocked, '');
    expect(run('claude-dm.cjs', ['--version'], { XDG_CACHE_HOME: blocked }).out).toBe(printed);
  });
});

describe('the bundle as the function node would wrap it in (scripts/bundle.mjs), which the bin compiles alone', () => {
  const FUNCTION = '(function (exports, require, module, __filename, __dirname) {';
  const CALL = '.call(this, exports, require, module, __filename, __dirname);';
  /** `node BIN` for a bin (the built one) beside `bundle` text, in a folder of their own. */
  const runBeside = (bundle: string, direct = false) => {
    const dir = mkdtempSync(join(tmpdir(), 'cdm-shape-'));
    try {
      copyFileSync(join(REPO_ROOT, 'dist', 'claude-dm.cjs'), join(dir, 'claude-dm.cjs'));
      writeFileSync(join(dir, 'claude-dm-cli.cjs'), bundle);
      const file = join(dir, direct ? 'claude-dm-cli.cjs' : 'claude-dm.cjs');
      return spawnSync('node', [file], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cacheHome } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const body = 'process.stdout.write(`${typeof require} ${require("node:path").basename(__filename)} ${module.exports === exports}\\n`);';

  it('is built so, and the build and the bin name the function and its call alike', () => {
    for (const file of ['claude-dm-cli.cjs', 'claude-dm-list.cjs']) {
      const text = readFileSync(join(REPO_ROOT, 'dist', file), 'latin1');
      expect({ file, shape: [text.startsWith(`#!/usr/bin/env node\n${FUNCTION}`), text.trimEnd().endsWith(`})${CALL}`)] }).toEqual({
        file,
        shape: [true, true],
      });
    }
    for (const source of ['scripts/bundle.mjs', 'src/cli/cached-start.cjs']) {
      const code = readFileSync(join(REPO_ROOT, source), 'utf8');
      expect({ source, has: [code.includes(`'${FUNCTION}'`), code.includes(`'${CALL}'`)] }).toEqual({ source, has: [true, true] });
    }
  });

  it('runs once, as a module, through the bin and as a file; a bundle of the old shape still runs through the bin', () => {
    const wrapped = `#!/usr/bin/env node\n${FUNCTION}${body}\n})${CALL}\n`;
    const expected = 'function claude-dm-cli.cjs true\n';
    expect(runBeside(wrapped).stdout).toBe(expected);
    expect(runBeside(wrapped, true).stdout).toBe(expected);
    expect(runBeside(`#!/usr/bin/env node\n${body}\n`).stdout).toBe(expected);
  });
});

describe("list's own bundle (src/cli/main-list.ts), which the bin runs for `list`", () => {
  /** What `node FILE ARGS` printed, and its exit code: the bin, or the full bundle run as a file. */
  const outcome = (file: string, args: string[]) => {
    const r = spawnSync('node', [file, ...args], {
      encoding: 'utf8',
      env: { ...process.env, CLAUDE_DM_SOCKET: '/nonexistent/sock', XDG_CACHE_HOME: cacheHome },
    });
    return { args, stdout: r.stdout, stderr: r.stderr, status: r.status };
  };
  const bin = join(REPO_ROOT, 'dist', 'claude-dm.cjs');
  const full = join(REPO_ROOT, 'dist', 'claude-dm-cli.cjs');
  const caches = () => readdirSync(join(cacheHome, 'claude-dm')).sort();

  it('prints what the full bundle prints, for list and for every command line whose first plain word is list', () => {
    const lines = [
      ['list'],
      ['list', '--json'],
      ['list', '--help'],
      ['list', '--format', 'nope'],
      ['list', '--bogus'],
      ['list', 'extra'],
      ['--socket', '/nonexistent/other', 'list', '--format', 'tmux'],
      ['-L', 'list', '--version'],
      ['-L', 'list', 'status', '%1'],
      ['list', '--via', 'false'],
    ];
    for (const args of lines) expect(outcome(bin, args)).toEqual(outcome(full, args));
  });

  it('runs `list`, and declines a command line that is not a plain list: the full bundle runs it, and no cache of the list bundle is kept', () => {
    expect(outcome(bin, ['-L', 'list', '--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    // The full bundle ran it (its cache is named by the first plain word); the list bundle's, made by a run that
    // declined, would hold none of list's functions.
    expect(caches()).toEqual([expect.stringMatching(/^cli-v\d+.*-list\.v8$/)]);
    outcome(bin, ['list', '--help']);
    expect(caches()).toEqual([expect.stringMatching(/^cli-v/), expect.stringMatching(/^list-v\d+.*-list\.v8$/)]);
  });

  it('a bin without it runs list through the full bundle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdm-no-list-'));
    try {
      copyFileSync(bin, join(dir, 'claude-dm.cjs'));
      copyFileSync(full, join(dir, 'claude-dm-cli.cjs'));
      expect(outcome(join(dir, 'claude-dm.cjs'), ['list', '--help'])).toEqual(outcome(full, ['list', '--help']));
      expect(caches()).toEqual([expect.stringMatching(/^cli-v\d+.*-list\.v8$/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the build and the bin give the same verbs a bundle of their own', () => {
    const lists = ['scripts/bundle.mjs', 'src/cli/cached-start.cjs'].map(
      (source) => /const OWN_BUNDLE_VERBS = (\[[^\]]*\]);/u.exec(readFileSync(join(REPO_ROOT, source), 'utf8'))?.[1],
    );
    expect(lists[0]).toBe("['list']");
    expect(lists[1]).toBe(lists[0]);
  });
});

it('a bin whose bundle is missing says so in one line, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdm-broken-'));
  try {
    copyFileSync(join(REPO_ROOT, 'dist', 'claude-dm.cjs'), join(dir, 'claude-dm.cjs'));
    const r = spawnSync('node', [join(dir, 'claude-dm.cjs'), '--version'], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CACHE_HOME: cacheHome },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^claude-dm: cannot read its bundle .*claude-dm-cli\.cjs \(ENOENT\): reinstall claude-dm/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
