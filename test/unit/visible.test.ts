// Untrusted text as text: each kind of control character and escape sequence shown in the
// one notation (src/util/visible.ts), the words around it kept; --json the same JSON with
// those characters escaped; the CLI's one guard choosing between them; the dashboard
// measuring what it draws.
import { describe, expect, it } from 'vitest';
import { guardedIo, outputModeFor, outputModeOf } from '../../src/cli/output.js';
import { fit, printable, truncate } from '../../src/dashboard/cells.js';
import { notificationText } from '../../src/dashboard/notify.js';
import { HOSTILE_TEXT, HOSTILE_WORDS } from '../../demo/fake-anthropic-api.js';
import { table } from '../../src/util/format.js';
import { jsonSafe, visibleText } from '../../src/util/visible.js';
import { cells } from '../../src/util/width.js';
import { ACTS_ON_TERMINAL } from '../support/terminal-bytes.js';
import { bashModalRow } from '../support/tui-harness.js';

describe('visibleText', () => {
  it.each([
    ['OSC 52 (clipboard), BEL-terminated', 'a \x1b]52;c;aGk=\x07 b', 'a ^[]52;c;aGk=^G b'],
    ['OSC 0 (title), ST-terminated', 'a \x1b]0;pwned\x1b\\ b', 'a ^[]0;pwned^[\\ b'],
    ['OSC 8 (hyperlink)', '\x1b]8;;https://x/\x1b\\link\x1b]8;;\x1b\\', '^[]8;;https://x/^[\\link^[]8;;^[\\'],
    ['CSI 2J (clear screen) and a cursor move', 'a\x1b[2Jb\x1b[10;1H', 'a^[[2Jb^[[10;1H'],
    ['SGR colour: shown, not kept', '\x1b[31mred\x1b[0m', '^[[31mred^[[0m'],
    ['DCS', '\x1bP1$r\x1b\\', '^[P1$r^[\\'],
    ['8-bit CSI and the other C1 controls', 'a\u009b31mb\u0090c\u0085', 'a\\x9b31mb\\x90c\\x85'],
    ['NUL, BS, CR, DEL', 'a\x00b\x08c\rd\x7f', 'a^@b^Hc^Md^?'],
    ['bidi override, isolate, marks', 'a\u202eb\u2066c\u200fd\u061c', 'a<U+202E>b<U+2066>c<U+200F>d<U+061C>'],
    ['line and paragraph separators', 'a\u2028b\u2029', 'a<U+2028>b<U+2029>'],
    ['tabs to the next column of 8', 'a\tbc\td\n\tx', 'a       bc      d\n        x'],
    ['CR LF is a newline', 'one\r\ntwo', 'one\ntwo'],
  ])('%s', (_name, input, shown) => {
    expect(visibleText(input)).toBe(shown);
    expect(visibleText(input)).not.toMatch(ACTS_ON_TERMINAL);
  });

  it('keeps newlines for a block, shows them as ^J on one line', () => {
    expect(visibleText('a\nb')).toBe('a\nb');
    expect(visibleText('a\nb\r\n', { newlines: 'show' })).toBe('a^Jb^M^J');
  });

  it('leaves text that draws alone, wide glyphs and emoji included', () => {
    for (const t of ['plain', '🟢 idle — ❯ 日本語', 'e\u0301 👩‍💻 🇫🇷', '']) expect(visibleText(t)).toBe(t);
  });

  it('tabs expand by the cells drawn before them', () => {
    expect(visibleText('日本\tx')).toBe('日本    x');
    expect(visibleText('\x1b\tx')).toBe('^[      x');
  });

  it('the hostile reply of the fake API keeps all its words, and none of its controls', () => {
    const shown = visibleText(HOSTILE_TEXT);
    for (const w of HOSTILE_WORDS) expect(shown).toContain(w);
    expect(shown).not.toMatch(ACTS_ON_TERMINAL);
  });
});

describe('jsonSafe', () => {
  it('escapes C1, DEL, bidi and the separators JSON.stringify leaves raw; the JSON means the same', () => {
    const value = { text: HOSTILE_TEXT, more: 'a\u0085b\u2028c\u2066d\x7fe' };
    const line = jsonSafe(JSON.stringify(value));
    expect(line).not.toMatch(ACTS_ON_TERMINAL);
    expect(line).toContain('\\u009b31m');
    expect(line).toContain('\\u202e');
    expect(JSON.parse(line)).toEqual(value);
  });

  it('leaves a line with nothing to escape as it is', () => {
    const line = JSON.stringify({ a: '🟢 ❯ é', b: [1, null] });
    expect(jsonSafe(line)).toBe(line);
  });
});

describe('the CLI output guard', () => {
  const captured = (mode: 'text' | 'json' | 'raw') => {
    const out: string[] = [];
    const err: string[] = [];
    const io = guardedIo({ out: (l) => out.push(l), err: (l) => err.push(l) }, () => mode);
    return { io, out, err };
  };

  it('text: lines as visible text, errors too', () => {
    const c = captured('text');
    c.io.out('● \x1b]0;t\x07said\nline two');
    c.io.err('claude-dm: %3: \x1b[2Jgone');
    expect(c.out).toEqual(['● ^[]0;t^Gsaid\nline two']);
    expect(c.err).toEqual(['claude-dm: %3: ^[[2Jgone']);
  });

  it('json: the same JSON, escaped; raw: the bytes as they are, errors still text', () => {
    const j = captured('json');
    j.io.out(JSON.stringify({ text: HOSTILE_TEXT }));
    expect(JSON.parse(j.out[0]!)).toEqual({ text: HOSTILE_TEXT });
    expect(j.out[0]).not.toMatch(ACTS_ON_TERMINAL);
    const r = captured('raw');
    r.io.out(HOSTILE_TEXT);
    r.io.err('\x07');
    expect(r.out).toEqual([HOSTILE_TEXT]);
    expect(r.err).toEqual(['^G']);
  });

  it('--raw is an output mode for peek and tail only; --json wins; serve always speaks JSON', () => {
    expect(outputModeOf(['peek', '%3', '--raw'])).toBe('raw');
    expect(outputModeOf(['--raw', 'tail', '%3'])).toBe('raw');
    expect(outputModeOf(['send', '%3', '--raw', 'x'])).toBe('text');
    expect(outputModeOf(['peek', '%3', '--', '--raw'])).toBe('text');
    expect(outputModeOf(['peek', '%3', '--raw', '--json'])).toBe('json');
    expect(outputModeOf(['serve', '--stdio'])).toBe('json');
    expect(outputModeFor('peek', { raw: true })).toBe('raw');
    expect(outputModeFor('ask', { raw: true })).toBe('text');
    expect(outputModeFor('list', { json: true })).toBe('json');
  });
});

describe('tables and the dashboard measure what they print', () => {
  it('a table cell is one line of visible text, its column aligned', () => {
    const lines = table(
      ['NAME', 'CWD'],
      [
        ['a\x1b[2Jb', '/x'],
        ['two\nlines', '/y'],
      ],
    );
    expect(lines).toEqual(['NAME        CWD', 'a^[[2Jb     /x', 'two^Jlines  /y']);
  });

  it('printable is visibleText on one line; fit and truncate count its cells', () => {
    expect(printable('a\x1b]0;t\x07\tb\nc\u202e')).toBe('a^[]0;t^G       b^Jc<U+202E>');
    expect(cells(fit('\x1b[2J', 10))).toBe(10);
    expect(fit('\x1b[2J', 10)).toBe('^[[2J     ');
    expect(truncate('ab\u009bcdef', 6)).toBe('ab\\x9…');
  });

  it('a notification carries no control of the modal it names', () => {
    const row = bashModalRow({ address: 'main:3.0' });
    const modal = { ...row.modal!, lines: ['Bash command', `  touch \x07\x1b\\x\u009b\u202e`] };
    const text = notificationText({ ...row, modal });
    expect(text).not.toMatch(ACTS_ON_TERMINAL);
    expect(text).toContain('touch ^G^[\\x\\x9b<U+202E>');
  });
});
