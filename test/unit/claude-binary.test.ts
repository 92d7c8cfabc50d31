// findClaudeBinary resolves exactly the version asked for, checks it with --version and never falls back to
// another version or to a `claude` on PATH: an e2e test that names a version runs it or fails.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkClaudeBinary, claudeVersionOf, findClaudeBinary, permissionModesOf, spawnClaudePeer } from '../../demo/claude-peer.js';

const dir = mkdtempSync(join(tmpdir(), 'cdm-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in binary that prints `out` for --version. */
function fakeClaude(name: string, out: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\necho '${out}'\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('findClaudeBinary', () => {
  it.each(['2.1.197', '2.1.332'])('finds the pinned %s and its --version agrees', (version) => {
    const bin = findClaudeBinary(version);
    expect(bin).toMatch(/claude\.exe$/);
    expect(claudeVersionOf(bin)).toBe(version);
  });

  it('the two pinned versions are two different binaries', () => {
    expect(findClaudeBinary('2.1.197')).not.toBe(findClaudeBinary('2.1.332'));
  });

  it('refuses a version that is not pinned, even with a claude of that version on PATH', () => {
    fakeClaude('claude', '9.9.9 (Claude Code)');
    const saved = process.env.PATH;
    process.env.PATH = `${dir}:${saved ?? ''}`;
    try {
      expect(() => findClaudeBinary('9.9.9')).toThrow(/Claude Code 9\.9\.9 is not a pinned devDependency/);
    } finally {
      process.env.PATH = saved;
    }
  });

  it('checkClaudeBinary refuses a binary whose --version names another version', () => {
    const wrong = fakeClaude('claude-wrong', '2.1.197 (Claude Code)');
    expect(() => checkClaudeBinary(wrong, '2.1.332')).toThrow(`${wrong} is Claude Code 2.1.197, not the 2.1.332 that was asked for`);
    expect(checkClaudeBinary(wrong, '2.1.197')).toBe(wrong);
  });

  it('checkClaudeBinary refuses a missing binary and one that prints no version', () => {
    expect(() => checkClaudeBinary(join(dir, 'nope'), '2.1.332')).toThrow(/Claude Code 2\.1\.332 not found at/);
    const noisy = fakeClaude('claude-noisy', 'hello');
    expect(() => checkClaudeBinary(noisy, '2.1.332')).toThrow(/not a Claude Code version/);
  });
});

describe('permission modes', () => {
  it('2.1.197 starts in manual mode only; 2.1.332 in auto or manual', () => {
    expect(permissionModesOf('2.1.197')).toEqual(['default']);
    expect(permissionModesOf('2.1.332')).toEqual(['auto', 'default']);
  });

  it('asking 2.1.197 for auto mode fails before anything starts', async () => {
    await expect(
      spawnClaudePeer({
        socketPath: join(dir, 'no-such-socket'),
        rootDir: dir,
        name: 'p',
        apiUrl: 'http://127.0.0.1:9',
        version: '2.1.197',
        permissionMode: 'auto',
        newSession: true,
      }),
    ).rejects.toThrow(/2\.1\.197 has no auto mode/);
  });
});
