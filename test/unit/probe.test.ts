// The far side's first question (src/remote/probe.ts), asked of a real `sh` as --via and a host's link ask it:
// without node, without the bundle, with both (then the command after it runs instead).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findBundle } from '../../src/remote/one-shot.js';
import { probeAnswer, probeLine } from '../../src/remote/probe.js';
import { REPO_ROOT } from '../support/repo-root.js';

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

/** The line run by `sh` reading it on its standard input, with PATH as given: what it printed. */
function ask(line: string, path: string): string {
  const r = spawnSync('/bin/sh', [], { input: `${line}echo AFTER\n`, env: { PATH: path }, encoding: 'utf8' });
  return r.stdout;
}

describe('the probe', () => {
  it('says no node, or no bundle, or runs what comes after it; nothing the shell reads after it runs', () => {
    dir = mkdtempSync(join(tmpdir(), 'cdm-probe-'));
    const bundle = join(dir, 'claude-dm-0123.mjs');
    const withNode = `${dirname(process.execPath)}:/usr/bin:/bin`;
    expect(ask(probeLine(bundle), '/nonexistent')).toBe('CDM-NO-NODE\n');
    expect(ask(probeLine(bundle), withNode)).toBe('CDM-MISSING\n');
    writeFileSync(bundle, '');
    expect(ask(probeLine(bundle), withNode)).toBe('CDM-PRESENT\nAFTER\n');
    expect(ask(probeLine(bundle, 'echo RUN; exit 0'), withNode)).toBe('RUN\n');
  });

  it('reads its answer from a line among others, and nothing else as one', () => {
    expect(probeAnswer('CDM-NO-NODE')).toBe('no-node');
    expect(probeAnswer('  CDM-MISSING\r')).toBe('missing');
    expect(probeAnswer('CDM-PRESENT')).toBe('present');
    expect(probeAnswer('Welcome to build-box! CDM-MISSING')).toBeNull();
    expect(probeAnswer('')).toBeNull();
  });
});

describe('the bundle shipped after the probe', () => {
  it('from the compiled module it is the portable bundle, never the module itself; the bundle ships itself', () => {
    // npm test builds first; the module's own path is this source file's (vitest), found by its name.
    expect(findBundle()).toBe(join(REPO_ROOT, 'dist', 'claude-dm-portable.mjs'));
    expect(findBundle(join(REPO_ROOT, 'dist', 'src', 'remote', 'one-shot.js'))).toBe(join(REPO_ROOT, 'dist', 'claude-dm-portable.mjs'));
    expect(findBundle('/home/u/.claude/skills/claude-dm/bin/claude-dm')).toBe('/home/u/.claude/skills/claude-dm/bin/claude-dm');
  });
});
