// claude-dm's PermissionRequest entry in a Claude Code settings file (src/hook/settings-file.ts): added and
// removed as text edits, everything else kept; install then uninstall gives the file back byte for byte.
import fc from 'fast-check';
import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { hookCommand, installedCommands, installHook, isOurCommand, SettingsError, uninstallHook } from '../../src/hook/settings-file.js';

const CMD = hookCommand('/usr/bin/node', '/opt/claude dm/dist/claude-dm.cjs');

const FILES: Record<string, string> = {
  'no file': '',
  'empty object': '{}\n',
  'compact, other keys': '{"model":"opus","env":{"A":"1"}}',
  'four spaces, CRLF': '{\r\n    "theme": "dark",\r\n    "permissions": {\r\n        "allow": ["Bash(ls:*)"]\r\n    }\r\n}\r\n',
  tabs: '{\n\t"theme": "dark"\n}\n',
  'other hooks': JSON.stringify(
    { hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'audit.sh' }] }] }, model: 'x' },
    null,
    2,
  ),
  'another PermissionRequest hook': JSON.stringify(
    { hooks: { PermissionRequest: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'mine.sh', timeout: 5 }] }] } },
    null,
    2,
  ),
  'comments and a trailing comma': '{\n  // my settings\n  "theme": "dark", /* yes */\n  "hooks": {},\n}\n',
};

describe('the hook entry in a settings file', () => {
  it.each(Object.entries(FILES))('%s: install adds it once, keeps the rest; uninstall gives the file back as it was', (_, text) => {
    const installed = installHook(text, CMD);
    expect(installed.changed).toBe(true);
    expect(installedCommands(installed.text)).toEqual([CMD]);
    expect(installHook(installed.text, CMD)).toEqual({ text: installed.text, changed: false, created: null }); // idempotent
    const parsed = parse(installed.text, [], { allowTrailingComma: true }) as {
      hooks: { PermissionRequest: Array<{ matcher: string; hooks: Array<{ type: string; command: string; timeout: number }> }> };
    };
    expect(parsed.hooks.PermissionRequest.at(-1)).toEqual({ matcher: '*', hooks: [{ type: 'command', command: CMD, timeout: 600 }] });
    expect(uninstallHook(installed.text, installed.created)).toEqual({ text, changed: true });
  });

  it('keeps the other hooks and keys whole', () => {
    const text = installHook(FILES['another PermissionRequest hook']!, CMD).text;
    const hooks = (JSON.parse(text) as { hooks: { PermissionRequest: Array<{ hooks: Array<{ command: string }> }> } }).hooks
      .PermissionRequest;
    expect(hooks.map((g) => g.hooks.map((h) => h.command))).toEqual([['mine.sh'], [CMD]]);
    expect(installHook(FILES['compact, other keys']!, CMD).text).toBe(
      `{"model":"opus","env":{"A":"1"},"hooks":{"PermissionRequest":[{"matcher":"*","hooks":[{"type":"command","command":${JSON.stringify(CMD)},"timeout":600}]}]}}`,
    );
    // Lines at the file's own indent: four spaces here.
    expect(installHook(FILES['four spaces, CRLF']!, CMD).text).toContain(
      '\r\n    "hooks": {\r\n        "PermissionRequest": [\r\n            {\r\n',
    );
  });

  it('uninstall removes ours only, from a group it shares with another hook too', () => {
    const shared = JSON.stringify({
      hooks: {
        PermissionRequest: [
          {
            matcher: '*',
            hooks: [
              { type: 'command', command: 'mine.sh' },
              { type: 'command', command: CMD },
            ],
          },
        ],
      },
    });
    const out = uninstallHook(shared);
    expect(JSON.parse(out.text)).toEqual({
      hooks: { PermissionRequest: [{ matcher: '*', hooks: [{ type: 'command', command: 'mine.sh' }] }] },
    });
    expect(uninstallHook('{"theme":"dark"}')).toEqual({ text: '{"theme":"dark"}', changed: false });
  });

  it('without the note, uninstall takes out a hooks object and list it left empty; with it, only what install made', () => {
    const before = '{\n  "hooks": {\n    "PermissionRequest": []\n  }\n}\n';
    const installed = installHook(before, CMD);
    expect(installed.created).toBeNull();
    expect(uninstallHook(installed.text, installed.created).text).toBe(before);
    expect(uninstallHook(installed.text).text).toBe('{}\n');
    expect(installHook('{"hooks":{}}', CMD).created).toBe('list');
    expect(installHook('{}', CMD).created).toBe('hooks');
    expect(installHook('', CMD).created).toBe('file');
  });

  it('a claude-dm that moved replaces its own command, not adds a second', () => {
    const moved = hookCommand('/usr/bin/node', '/new/place/claude-dm.cjs');
    const out = installHook(installHook('{}', CMD).text, moved);
    expect(installedCommands(out.text)).toEqual([moved]);
  });

  it.each([
    ['{"theme": "dark"', /not valid JSON \(line 1: /u],
    ['[1, 2]', /not a JSON object/u],
    ['{"hooks": []}', /"hooks" is not an object/u],
    ['{"hooks": {"PermissionRequest": {}}}', /"hooks.PermissionRequest" is not a list/u],
  ])('refuses %s with one line, changing nothing', (text, why) => {
    expect(() => installHook(text, CMD)).toThrow(SettingsError);
    expect(() => installHook(text, CMD)).toThrow(why);
    expect(() => uninstallHook(text)).toThrow(why);
  });

  it('knows its own command only', () => {
    expect(isOurCommand(CMD)).toBe(true);
    expect(isOurCommand('claude-dm hook permission-request')).toBe(true);
    expect(isOurCommand('/x/other-tool hook permission-request')).toBe(false);
    expect(isOurCommand('claude-dm hook permission-request --other')).toBe(false);
    expect(CMD).toBe("/usr/bin/node '/opt/claude dm/dist/claude-dm.cjs' hook permission-request");
  });

  it('any object of settings survives install then uninstall, as text', () => {
    const value = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== 'hooks'),
      fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 3 })),
      { maxKeys: 5 },
    );
    fc.assert(
      fc.property(value, fc.constantFrom(0, 2, 4), (obj, indent) => {
        const text = `${JSON.stringify(obj, null, indent)}\n`;
        const installed = installHook(text, CMD);
        expect(uninstallHook(installed.text, installed.created).text).toBe(text);
        expect(uninstallHook(installed.text).text).toBe(text); // without the note too
      }),
      { numRuns: 200 },
    );
  });
});
