// What the built CLI loads before a verb needs it. A bundle loads every import when it starts, so a
// one-shot verb paid ~15 ms for built-in modules it never called (child_process with net and stream,
// fs/promises, perf_hooks) and ~10 ms for chokidar; scripts/bundle.mjs makes them load on first use.
// Checked on node's own list of what the process loaded, for both built files.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/repo-root.js';

const PRELOAD = join(REPO_ROOT, 'test', 'support', 'loaded-builtins.cjs');
/**
 * Loaded by chokidar (and readdirp) or by the verbs that spawn: none is needed to print a version. (net and
 * stream are not here: node loads them for process.stdout itself when it is a pipe.)
 */
const NOT_AT_START = ['child_process', 'fs/promises', 'perf_hooks', 'readline'];

/** What `node BIN ARGS` printed, and the built-in modules it loaded. */
function run(file: string, args: string[]): { out: string; builtins: string[] } {
  const bin = join(REPO_ROOT, 'dist', file);
  if (!existsSync(bin)) throw new Error('run `npm run build` first (npm test does)');
  const r = spawnSync('node', ['-r', PRELOAD, bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CLAUDE_DM_SOCKET: '/nonexistent/sock' },
  });
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  return { out: r.stdout, builtins: (JSON.parse(last) as { builtins: string[] }).builtins };
}

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
