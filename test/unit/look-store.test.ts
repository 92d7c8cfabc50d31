// The file `list` keeps its last look at a server in: one per socket, whole or not at all, bounded in size
// and in number, read back through a schema (a file that fails it is no look), and never a reason for a run
// to fail.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asciiJson, lookDir, lookStore, MAX_LOOK_FILES, NO_LOOK } from '../../src/cli/look-store.js';
import type { LastLook } from '../../src/peers/look.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdm-look-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const idle = (paneId: string) => ({
  paneId,
  capturedAt: 1_800_000_000,
  width: 200,
  height: 60,
  key: '[1,2]',
  classification: { state: 'idle' as const, rule: 'idle' as const, reason: 'rule idle: title ✳, input box empty' },
});
const look = (list: string, readings = [idle('%1')]): LastLook => ({ list, readings });

describe('look store', () => {
  it('lives in $XDG_CACHE_HOME/claude-dm/panes, else ~/.cache/claude-dm/panes', () => {
    expect(lookDir({ XDG_CACHE_HOME: '/x' }, '/h')).toBe('/x/claude-dm/panes');
    expect(lookDir({}, '/h')).toBe('/h/.cache/claude-dm/panes');
  });

  it('gives back what it kept, one file per socket, private to the user', () => {
    const panes = join(dir, 'panes');
    const a = lookStore(panes, '/tmp/tmux-0/default');
    const b = lookStore(panes, '/tmp/tmux-0/work');
    expect(a.read()).toEqual(NO_LOOK);
    a.write(look('%0 list of default\n'));
    b.write({ ...look('%1 list of work\n', []), refusedAt: 1_800_000_000 });
    expect(a.read()).toEqual({ list: '%0 list of default\n', readings: [idle('%1')] });
    expect(b.read()).toEqual({ list: '%1 list of work\n', refusedAt: 1_800_000_000, readings: [] });
    const files = readdirSync(panes);
    expect(files).toHaveLength(2);
    expect(statSync(join(panes, files[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(panes).mode & 0o777).toBe(0o700);
  });

  it('writes every character past ASCII as an escape (node reads an ASCII file the fast way), and reads back the same', () => {
    const panes = join(dir, 'panes');
    const store = lookStore(panes, '/tmp/tmux-0/default');
    const list = '%1\x1fmain\x1f✳ Claude Code 🦀 Ünïcode\x1f/tmp/dossier-é\n';
    store.write(look(list));
    const text = readFileSync(join(panes, readdirSync(panes)[0]!), 'latin1');
    expect(text).toMatch(/^[\x00-\x7f]*$/u);
    expect(text).toContain('\\u2733 Claude Code \\ud83e\\udd80');
    expect(store.read()).toEqual({ list, readings: [idle('%1')] });
    expect(JSON.parse(asciiJson({ s: '\u2028 ✳ 🦀 \\u2733' }))).toEqual({ s: '\u2028 ✳ 🦀 \\u2733' });
  });

  it('keeps which panes were peers, pane ids alone, and reads a look from before it kept them as not saying', () => {
    const panes = join(dir, 'panes');
    const store = lookStore(panes, '/s');
    store.write({ ...look('%1\n%2\n', []), peers: ['%2', 'not a pane'] });
    expect(store.read().peers).toEqual(['%2']);
    store.write(look('%1\n', []));
    expect(store.read()).not.toHaveProperty('peers');
  });

  it('keeps of a reading only what an idle classification has: no draft, no modal, nothing else', () => {
    const panes = join(dir, 'panes');
    const store = lookStore(panes, '/s');
    const extra = { ...idle('%1'), classification: { ...idle('%1').classification, draft: 'typed by a person' } };
    store.write(look('', [extra]));
    expect(readFileSync(join(panes, readdirSync(panes)[0]!), 'utf8')).not.toContain('typed by a person');
    expect(store.read().readings).toEqual([idle('%1')]);
  });

  it('a file that is not a look of ours (torn, another shape, a modal reading, a pane id that is not one) is no look', () => {
    const okClaude = { pid: 2, startedAtMs: null, configDir: '/x', configFrom: 'HOME' };
    const idleOf = (k: { readings: Array<Record<string, unknown>> }) => k.readings[0]!.classification as Record<string, unknown>;
    const withoutKey = ({ key: _key, ...rest }: Record<string, unknown>) => rest;
    const panes = join(dir, 'panes');
    const store = lookStore(panes, '/s');
    store.write(look('%1\n'));
    const file = join(panes, readdirSync(panes)[0]!);
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { readings: Array<Record<string, unknown>> };
    // What the cases below break, whole: a look.
    expect(kept.readings).toHaveLength(1);
    writeFileSync(
      file,
      JSON.stringify({
        ...kept,
        walk: { claudes: [{ panePid: 1, claude: okClaude }], records: [{ path: '/x', stamp: 's', value: {} }], claudeImages: [] },
      }),
    );
    expect(store.read().walk).toMatchObject({ claudes: [{ panePid: 1 }], records: [{ path: '/x' }] });
    for (const bad of [
      '{"v":1,"list":"%1\\n","readi',
      JSON.stringify({ ...kept, v: 2 }),
      JSON.stringify({ ...kept, readings: [{ ...kept.readings[0], classification: { state: 'modal', rule: 'idle', reason: '' } }] }),
      JSON.stringify({ ...kept, readings: [{ ...kept.readings[0], paneId: '%1;kill-server' }] }),
      JSON.stringify({ ...kept, readings: [{ ...kept.readings[0], capturedAt: -1 }] }),
      JSON.stringify({
        ...kept,
        walk: { claudes: [{ panePid: 1, claude: { pid: 2, startedAtMs: null, configDir: '/x', configFrom: 'elsewhere' } }], records: [] },
      }),
      JSON.stringify({ ...kept, walk: { claudes: [], records: [{ path: '/x', stamp: 's', value: { status: 7 } }] } }),
      // A field the checks do not know: never written by us (what is read is used as parsed, so none may ride along).
      JSON.stringify({ ...kept, extra: 1 }),
      JSON.stringify({ ...kept, readings: [{ ...kept.readings[0], draft: 'typed by a person' }] }),
      JSON.stringify({ ...kept, walk: { claudes: [], records: [{ path: '/x', stamp: 's', value: { somethingNewer: 'x' } }] } }),
      '{"v":1,"list":"","readings":[],"__proto__":{"polluted":true}}',
      // The same inside each kind of entry: one field more, or a known one swapped for another (as many fields).
      JSON.stringify({ ...kept, readings: [{ ...kept.readings[0], classification: { ...idleOf(kept), extra: 1 } }] }),
      JSON.stringify({ ...kept, readings: [{ ...withoutKey(kept.readings[0]!), kee: 'k' }] }),
      JSON.stringify({ ...kept, readings: [{ ...kept.readings[0], classification: { state: 'idle', rule: 'idle', why: 'r' } }] }),
      JSON.stringify({ ...kept, readings: [] }).replace(
        '"readings":[]',
        `"readings":[${JSON.stringify(kept.readings[0]).replace('"key"', '"__proto__"')}]`,
      ),
      JSON.stringify({ ...kept, walk: { claudes: [{ panePid: 1, claude: okClaude, extra: 1 }], records: [], claudeImages: [] } }),
      JSON.stringify({ ...kept, walk: { claudes: [{ panePid: 1, claude: { ...okClaude, extra: 1 } }], records: [], claudeImages: [] } }),
      JSON.stringify({
        ...kept,
        walk: { claudes: [{ panePid: 1, claude: { ...okClaude, startedAtMs: undefined, born: 1 } }], records: [], claudeImages: [] },
      }),
      JSON.stringify({ ...kept, walk: { claudes: [], records: [{ path: '/x', stamp: 's', value: {}, extra: 1 }], claudeImages: [] } }),
      JSON.stringify({ ...kept, peers: ['%1', '%2;kill-server'] }),
      JSON.stringify({ ...kept, peers: '%1' }),
    ]) {
      writeFileSync(file, bad);
      expect(store.read()).toEqual(NO_LOOK);
    }
  });

  it("keeps the last walk: each pane's Claude Code process, and of a sessions record only the fields discovery reads", () => {
    const panes = join(dir, 'panes');
    const store = lookStore(panes, '/s');
    const claude = { pid: 42, startedAtMs: 1_700_000_000_000, configDir: '/h/.claude', configFrom: 'HOME' as const };
    const record = { pid: 42, sessionId: 's1', cwd: '/w', status: 'idle', updatedAt: 1_700_000_000_500 };
    store.write({
      ...look('%1\n'),
      walk: {
        claudes: [{ panePid: 41, claude }],
        records: [
          {
            path: '/h/.claude/sessions/42.json',
            stamp: '7:120:1700000000500',
            value: { ...record, somethingNewer: 'not ours to copy' } as never,
          },
          // A field of another type: left out, the rest kept.
          { path: '/h/.claude/sessions/43.json', stamp: '8:10:1', value: { pid: 'forty-three' } as never },
        ],
        claudeImages: ['42:987654:claude', 'not an image'],
      },
    });
    expect(readFileSync(join(panes, readdirSync(panes)[0]!), 'utf8')).not.toContain('not ours to copy');
    expect(store.read().walk).toEqual({
      claudes: [{ panePid: 41, claude }],
      records: [{ path: '/h/.claude/sessions/42.json', stamp: '7:120:1700000000500', value: record }],
      claudeImages: ['42:987654:claude'],
    });
  });

  it('a file grown past any real server is not read', () => {
    const panes = join(dir, 'panes');
    const store = lookStore(panes, '/s');
    store.write(look('%1\n'));
    const [file] = readdirSync(panes);
    writeFileSync(join(panes, file!), JSON.stringify({ v: 1, list: 'x'.repeat(3 * 1024 * 1024), readings: [] }));
    expect(store.read()).toEqual(NO_LOOK);
  });

  it(`keeps ${MAX_LOOK_FILES} files at most, dropping the least recently written`, () => {
    const panes = join(dir, 'panes');
    for (let i = 0; i < MAX_LOOK_FILES; i++) lookStore(panes, `/sock-${i}`).write(look(`%${i}\n`, []));
    const files = readdirSync(panes);
    expect(files).toHaveLength(MAX_LOOK_FILES);
    // Each a second older than the next, all older than the one written below.
    files.forEach((f, i) => utimesSync(join(panes, f), 1000 + i, 1000 + i));
    const oldest = files[0]!;
    lookStore(panes, '/one-more').write(look('%9\n', []));
    const after = readdirSync(panes);
    expect(after).toHaveLength(MAX_LOOK_FILES);
    expect(after).not.toContain(oldest);
    expect(lookStore(panes, '/one-more').read().list).toBe('%9\n');
  });

  it('a folder it cannot write costs nothing: no throw, nothing read back', () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere: a file where the folder should be stops it instead
      writeFileSync(join(dir, 'panes'), '');
    } else {
      mkdirSync(join(dir, 'panes'));
      chmodSync(join(dir, 'panes'), 0o500);
    }
    const store = lookStore(join(dir, 'panes'), '/s');
    expect(() => store.write(look('%1\n'))).not.toThrow();
    expect(store.read()).toEqual(NO_LOOK);
  });
});
