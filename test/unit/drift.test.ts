// The drift check's pieces that need no real peer: its report table, how it reads a saved capture, its situation
// table, and its command line (the built dist/drift/main.js: `npm run drift` runs it).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { cachedBinary, defaultCacheDir } from '../../drift/install.js';
import { readCapture, sameReading, type DriftRow } from '../../drift/drift-run.js';
import { SITUATIONS } from '../../drift/situations.js';
import { driftTable } from '../../drift/table.js';
import { REPO_ROOT } from '../support/repo-root.js';

const SHARED_332 = join(REPO_ROOT, 'test', 'fixtures', 'screens-2.1.332');

describe('the report', () => {
  const rows: DriftRow[] = [
    {
      name: '2.1.340__auto__permission_bash',
      mode: 'auto',
      expected: { state: 'modal', subtype: 'permission', prompt: 'bash' },
      read: { state: 'other' },
      reason: 'rule picker',
      match: false,
    },
    {
      name: '2.1.340__default__idle',
      mode: 'default',
      expected: { state: 'idle' },
      read: { state: 'idle' },
      reason: 'rule idle',
      match: true,
    },
    { name: '2.1.340__default__plan', mode: 'default', expected: null, read: null, reason: 'not raised', match: false },
  ];

  it('prints situation, expected, what claude-dm read and match, aligned', () => {
    expect(driftTable(rows).split('\n')).toEqual([
      'situation                       expected               claude-dm read  match',
      '2.1.340__auto__permission_bash  modal permission bash  other           NO',
      '2.1.340__default__idle          idle                   idle            yes',
      '2.1.340__default__plan          -                      not raised      NO',
    ]);
  });

  it('a reading matches only when state, subtype and prompt all agree', () => {
    expect(
      sameReading({ state: 'modal', subtype: 'permission', prompt: 'bash' }, { state: 'modal', subtype: 'permission', prompt: 'bash' }),
    ).toBe(true);
    expect(
      sameReading({ state: 'modal', subtype: 'permission', prompt: 'bash' }, { state: 'modal', subtype: 'permission', prompt: 'unknown' }),
    ).toBe(false);
    expect(sameReading({ state: 'idle' }, null)).toBe(false);
  });
});

describe('reading a saved capture', () => {
  it('reads the shared 2.1.332 captures as the classifier does, with their record and title', () => {
    const labels = JSON.parse(readFileSync(join(SHARED_332, 'labels.json'), 'utf8')) as Record<string, { state: string }>;
    for (const name of ['2.1.332__auto__permission', '2.1.332__default__model_picker', '2.1.332__auto__automode_dialog_bash']) {
      const base = join(SHARED_332, name);
      const meta = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as { title: string; sessions: null };
      const { read, reason } = readCapture(
        readFileSync(`${base}.txt`, 'utf8'),
        readFileSync(`${base}.ansi.txt`, 'utf8'),
        meta.title,
        meta.sessions,
      );
      expect(read, `${name}: ${reason}`).toEqual(labels[name]);
    }
  });
});

describe('the situation table', () => {
  it('covers every prompt kind the fake API raises, in both modes', () => {
    const names = SITUATIONS.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'idle',
        'drafting',
        'busy',
        'busy_streaming',
        'api_error_retrying',
        'api_error_400',
        'bash',
        'write',
        'read',
        'fetch',
        'edit',
        'plan',
        'question',
        'model_picker',
      ]),
    );
    for (const s of SITUATIONS) expect(s.modes, s.name).toEqual(['auto', 'default']);
  });
});

describe('install cache', () => {
  it('lives under $CLAUDE_DM_DRIFT_CACHE, else XDG_CACHE_HOME, else ~/.cache; one folder per version', () => {
    expect(defaultCacheDir({ CLAUDE_DM_DRIFT_CACHE: '/c' })).toBe('/c');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/x/claude-dm/claude-code');
    expect(defaultCacheDir({ HOME: '/h' })).toBe('/h/.cache/claude-dm/claude-code');
    expect(cachedBinary('/c', '2.1.340')).toBe('/c/2.1.340/node_modules/@anthropic-ai/claude-code/bin/claude.exe');
  });
});

describe('npm run drift: the command line', () => {
  const bin = join(REPO_ROOT, 'dist', 'drift', 'main.js');
  const drift = (...args: string[]) => {
    if (!existsSync(bin)) throw new Error('run `npm run build` first (npm test does)');
    return execa('node', [bin, ...args], { reject: false, env: { CLAUDE_DM_DRIFT_CACHE: '/nonexistent/drift-cache' } });
  };

  it.each([
    [[], /^drift: which Claude Code version\? usage: npm run drift -- <version>/],
    [['latest'], /^drift: "latest" is not a version like 2\.1\.332;/],
    [['2.1.332', '2.1.340'], /^drift: one version at a time/],
    [['2.1.332', '--modes', 'yolo'], /^drift: unknown mode "yolo"/],
    [['2.1.332', '--only', 'nap'], /^drift: unknown situation "nap"; known: idle, /],
    [['2.1.332', '--bogus'], /^drift: unknown option --bogus;/],
  ])('%j is a one-line error, exit 2, before anything is installed', async (args, message) => {
    const r = await drift(...args);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('--help lists the situations and the exit codes', async () => {
    const r = await drift('--help');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`situations: ${SITUATIONS.map((s) => s.name).join(', ')}`);
    expect(r.stdout).toMatch(/exit codes: 0 .* 1 .* 2 bad arguments, 3 install failed/);
  });
});
