// `status` on 2.1.332 screens: --explain-file with the peer's sessions record, the answer-key
// table, and the version note. In-process, no tmux.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareVersions, describeVersion, TESTED_VERSIONS, versionSupport } from '../../src/classify/versions.js';
import { SCREENS_DIR_332 } from '../support/fixtures.js';
import { cliWithoutTmux } from '../support/run-cli.js';

const run = cliWithoutTmux;
const dirs: string[] = [];
const scratchDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdm-st-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const capture = (name: string, ext: string) => join(SCREENS_DIR_332, `2.1.332__${name}.${ext}`);

describe('status --explain-file --sessions', () => {
  it('an unreadable screen is a blocked modal only with a record that says waiting', async () => {
    const dir = scratchDir();
    const screen = join(dir, 's.txt');
    writeFileSync(screen, ['● working', '', 'A screen no release has drawn yet', '  press something'].join('\n'));
    const record = join(dir, 'r.json');
    writeFileSync(record, JSON.stringify({ status: 'waiting', waitingFor: 'permission prompt', version: '2.1.400' }));
    const alone = JSON.parse((await run(['status', '--explain-file', screen, '--json'])).out);
    expect(alone).toMatchObject({ state: 'other' });
    const withRecord = JSON.parse((await run(['status', '--explain-file', screen, '--sessions', record, '--json'])).out);
    expect(withRecord).toMatchObject({
      state: 'modal',
      subtype: 'permission',
      prompt: 'unknown',
      reason: expect.stringContaining('not understood'),
    });
    expect(withRecord.answer_keys.every((k: { option: unknown }) => k.option === null)).toBe(true);
  });

  it('takes a catalogue capture .json (the record inside it) as well as a bare record', async () => {
    const r = await run([
      'status',
      '--explain-file',
      capture('auto__model_picker', 'ansi.txt'),
      '--sessions',
      capture('auto__model_picker', 'json'),
      '--json',
    ]);
    expect(JSON.parse(r.out)).toMatchObject({
      state: 'other',
      reason: expect.stringMatching(/^rule picker: .*sessions status waiting \(dialog open\)/),
    });
  });

  it('prints what each answer key picks, and which need --confirm (2.1.332 manual Bash: n is 4, 3 widens)', async () => {
    const r = await run(['status', '--explain-file', capture('default__permission', 'ansi.txt')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}n {3}→ No$/mu);
    expect(r.out).toMatch(/^ {2}4 {3}→ No$/mu);
    expect(r.out).toMatch(/^ {2}3 {3}→ Yes, and switch to auto mode.*needs --confirm\)$/mu);
    expect(r.out).toMatch(/^ {2}1 {3}→ Yes$/mu);
  });

  it('a missing or broken record is a one-line error, exit 2', async () => {
    const missing = await run(['status', '--explain-file', capture('auto__idle', 'txt'), '--sessions', '/nonexistent/r.json']);
    expect(missing).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^claude-dm: cannot read the sessions record \/nonexistent\/r\.json: ENOENT/),
    });
    const dir = scratchDir();
    writeFileSync(join(dir, 'bad.json'), '[1,2]');
    const bad = await run(['status', '--explain-file', capture('auto__idle', 'txt'), '--sessions', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')).toHaveLength(1);
  });
});

describe('supported versions', () => {
  it('compares numerically, part by part', () => {
    expect(compareVersions('2.1.332', '2.1.197')).toBe(1);
    expect(compareVersions('2.1.99', '2.1.197')).toBe(-1);
    expect(compareVersions('2.2.0', '2.1.332')).toBe(1);
    expect(compareVersions('2.1.332', '2.1.332')).toBe(0);
  });

  it('says newer than tested past the newest tested release, and names the range', () => {
    expect(TESTED_VERSIONS).toEqual({ oldest: '2.1.197', newest: '2.1.332' });
    expect(versionSupport('2.1.332')).toBe('tested');
    expect(versionSupport('2.1.197')).toBe('tested');
    expect(versionSupport('2.1.333')).toBe('newer-than-tested');
    expect(versionSupport('2.0.5')).toBe('older-than-tested');
    expect(versionSupport(undefined)).toBe('unknown');
    expect(describeVersion('2.1.400')).toMatch(/^2\.1\.400, newer than tested \(2\.1\.197 to 2\.1\.332\)/);
  });
});
