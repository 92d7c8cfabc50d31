// Which file the permission hook's command runs: the installed bin when claude-dm runs from its bundle (the
// bin starts the bundle through its code cache: ~10 ms of every prompt), a bundle itself otherwise.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { hookEntry } from '../../src/cli/verbs/hooks.js';

let dist = '';
beforeEach(() => {
  dist = mkdtempSync(join(tmpdir(), 'cdm-entry-'));
});
afterEach(() => rmSync(dist, { recursive: true, force: true }));

it('the bundle of the installed bin: the bin beside it', () => {
  writeFileSync(join(dist, 'claude-dm-cli.cjs'), '');
  writeFileSync(join(dist, 'claude-dm.cjs'), '');
  expect(hookEntry(join(dist, 'claude-dm-cli.cjs'))).toBe(join(dist, 'claude-dm.cjs'));
});

it('a bundle alone (the portable file, the skill’s copy, a bundle without its bin): that bundle', () => {
  writeFileSync(join(dist, 'claude-dm-cli.cjs'), '');
  expect(hookEntry(join(dist, 'claude-dm-cli.cjs'))).toBe(join(dist, 'claude-dm-cli.cjs'));
  expect(hookEntry(join(dist, 'claude-dm-portable.mjs'))).toBe(join(dist, 'claude-dm-portable.mjs'));
});
