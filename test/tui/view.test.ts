// The dashboard's pure view pieces: cell widths, the layout arithmetic, the header, the roster
// columns, the modal's give-way order, the key bar, and the painter's row diff.
import { describe, expect, it } from 'vitest';
import { findModal } from '../../src/classify/screen.js';
import { cells, fit, fitStart, truncate, truncateLine } from '../../src/dashboard/cells.js';
import { helpBarLine, type BarItem } from '../../src/dashboard/help-bar.js';
import { frameLayout, modalNeeds } from '../../src/dashboard/layout.js';
import { modalLines, modalParts } from '../../src/dashboard/modal-view.js';
import { createPainter, paintDiff } from '../../src/dashboard/painter.js';
import { EventEmitter } from 'node:events';
import { headerLine, rosterColumns, rosterLine } from '../../src/dashboard/roster-view.js';
import { recordWaitingSince } from '../../src/watch/peer-row.js';
import { loadCapture } from '../support/fixtures.js';
import { row } from '../support/tui-harness.js';

const text = (line: { text: string }[]) => line.map((s) => s.text).join('');
const question = findModal(loadCapture('2.1.197__question__1').screen)!;

describe('cells', () => {
  it('counts emoji and East Asian wide characters two, marks and variation selectors zero', () => {
    expect(cells('🔴 modal')).toBe(8);
    expect(cells('⚫❓')).toBe(4);
    expect(cells('✳ ❯ ▶ … ☐')).toBe(9);
    expect(cells('日本')).toBe(4);
    expect(cells('e\u0301')).toBe(1);
  });

  it('fits text to exactly the cells asked, cutting with … (from the start for paths)', () => {
    expect(fit('abc', 5)).toBe('abc  ');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(cells(fit('🔴🔴🔴', 5))).toBe(5);
    expect(fitStart('/home/u/project/work', 10)).toBe('…ject/work');
    expect(truncate('a\x1b[2Jb', 10)).toBe('a^[[2Jb'); // a control character never reaches the terminal: it is shown
  });

  it('cuts a styled line with control characters to its width as drawn (each one shown as text)', () => {
    for (const [control, shown] of [
      ['\x1b', 'abc^[…'],
      ['\x9b', 'abc\\x…'],
      ['\x7f', 'abc^?…'],
      ['\u202e', 'abc<U…'],
    ]) {
      const line = truncateLine([{ text: `abc${control}` }, { text: 'de', bold: true }], 6);
      expect(text(line)).toBe(shown);
      expect(cells(text(line))).toBe(6);
    }
  });
});

describe('layout', () => {
  it('fills the terminal exactly and gives a modal the rows its options need', () => {
    for (const rows of [16, 20, 24, 32, 50]) {
      for (const peers of [0, 1, 5, 40]) {
        for (const needs of [4, modalNeeds(5)]) {
          const l = frameLayout(rows, peers, needs);
          expect(l.roster + l.pane + 3).toBe(rows);
          expect(l.pane).toBeGreaterThanOrEqual(Math.min(needs, rows - 5));
          expect(l.roster).toBeGreaterThanOrEqual(2);
        }
      }
    }
    expect(frameLayout(24, 4, 4).roster).toBe(5); // every peer, when there is room
  });
});

describe('header', () => {
  const counts = { modal: 2, drafting: 0, idle: 1, busy: 1, other: 0 };
  it('is one line at every width: full counts, then glyph + number, socket dropped first', () => {
    const wide = text(headerLine(counts, { sort: 'triage', filter: '', socket: '/tmp/s' }, 120));
    expect(wide).toMatch(/^claude-dm {2}🔴 2 modal {2}🟠 0 drafting .* sort: triage {2}\/tmp\/s$/u);
    expect(cells(wide)).toBe(120);
    const narrow = text(headerLine(counts, { sort: 'triage', filter: '', socket: '/tmp/claude-dm-tests/socket' }, 60));
    expect(narrow).toMatch(/^claude-dm 🔴2 🟠0 🟢1 🔵1 ⚫0 +sort: triage$/u);
    for (const w of [40, 60, 70, 80, 110, 200])
      expect(cells(text(headerLine(counts, { sort: 'address', filter: 'web', socket: '/very/long/socket/path' }, w)))).toBeLessThanOrEqual(
        w,
      );
  });
});

describe('header across hosts', () => {
  const counts = { modal: 1, drafting: 0, idle: 1, busy: 0, other: 0 };
  const hosts = [
    { name: 'local', kind: 'up' as const },
    { name: 'build', kind: 'up' as const },
    { name: 'ci', kind: 'stale' as const, since: 1_000 },
    { name: 'gpu', kind: 'down' as const },
  ];
  it("shows each machine's state in place of the socket, words when they fit, glyphs when narrow, never wider", () => {
    const wide = text(headerLine(counts, { sort: 'triage', filter: '', socket: '/tmp/s', hosts, now: 13_000 }, 140));
    expect(wide).toMatch(/ {2}local up {2}build up {2}ci stale 10s {2}gpu down +sort: triage$/u);
    expect(wide).not.toContain('/tmp/s');
    const narrow = text(headerLine(counts, { sort: 'triage', filter: '', socket: '/tmp/s', hosts, now: 13_000 }, 80));
    expect(narrow).toMatch(/^claude-dm 🔴1 🟠0 🟢1 🔵0 ⚫0 {2}local up {2}build up {2}ci stale 10s {2}gpu down/u);
    const tiny = text(headerLine(counts, { sort: 'triage', filter: '', socket: '/tmp/s', hosts, now: 13_000 }, 60));
    expect(tiny).toMatch(/^claude-dm 🔴1 🟠0 🟢1 🔵0 ⚫0 {2}local✓ build✓ ci\? gpu✗/u);
    for (const w of [40, 60, 80, 120])
      expect(cells(text(headerLine(counts, { sort: 'a', filter: '', socket: '', hosts }, w)))).toBeLessThanOrEqual(w);
  });

  it("a stale host's row is dim and says [stale]", () => {
    const r = row({ state: 'modal', subtype: 'permission', host: 'ci', address: 'ci:main:1.0' });
    const cols = rosterColumns([r], 80, new Set(['ci']));
    const live = rosterLine(r, cols, false, { last: '-', wait: '' }, 80);
    const stale = rosterLine(r, cols, false, { last: '-', wait: '' }, 80, true);
    expect(text(live)).not.toContain('[stale]');
    expect(text(stale)).toContain('[stale]');
    expect(stale.every((seg) => seg.dim === true && seg.color === undefined)).toBe(true);
  });
});

describe('roster', () => {
  it('keeps ADDR whole before NAME gets room, and never overflows the width', () => {
    const rows = [
      row({ state: 'idle', address: 'p-permission:12.3' }),
      row({ state: 'modal', subtype: 'permission', address: 'x:1.0', waitingSince: 0 }),
    ];
    for (const width of [60, 70, 80, 110, 200]) {
      const cols = rosterColumns(rows, width);
      for (const r of rows) {
        const line = text(rosterLine(r, cols, false, { last: '10s', wait: '2m' }, width));
        expect(line).toContain(` ${r.address} `);
        expect(cells(line)).toBeLessThanOrEqual(width);
      }
    }
  });

  it('a name holding escape sequences shows them as text, and CWD stays in its column', () => {
    const rows = [
      row({ state: 'idle', name: 'evil \x1b]0;t\x07\u202e x', cwd: '/w/a' }),
      row({ state: 'idle', name: 'plain', cwd: '/w/b' }),
    ];
    const cols = rosterColumns(rows, 120);
    const lines = rows.map((r) => text(rosterLine(r, cols, false, { last: '-', wait: '' }, 120)));
    expect(lines[0]).toContain('evil ^[]0;t^G<U+202E> x');
    expect(cells(lines[0]!.slice(0, lines[0]!.indexOf('/w/a')))).toBe(cells(lines[1]!.slice(0, lines[1]!.indexOf('/w/b'))));
  });

  it('shows the session name over the title, and the version only where it differs from most', () => {
    const rows = [
      row({ state: 'idle', name: 'auth-refactor', version: '2.1.332' }),
      row({ state: 'idle', version: '2.1.332' }),
      row({ state: 'idle', title: '✳ Claude Code', version: '2.1.197' }),
    ];
    const cols = rosterColumns(rows, 100);
    const lines = rows.map((r) => text(rosterLine(r, cols, false, { last: '-', wait: '' }, 100)));
    expect(lines[0]).toContain('auth-refactor');
    expect(lines[1]).not.toContain('v2.1.332');
    expect(lines[2]).toContain('Claude Code v2.1.197');
  });

  it('waiting time comes from the sessions record when it says waiting', () => {
    expect(recordWaitingSince({ status: 'waiting', statusUpdatedAt: 5, updatedAt: 9 })).toBe(5);
    expect(recordWaitingSince({ status: 'waiting', updatedAt: 9 })).toBe(9);
    expect(recordWaitingSince({ status: 'busy', statusUpdatedAt: 5 })).toBeNull();
    expect(recordWaitingSince(null)).toBeNull();
  });
});

describe('modal view', () => {
  it('pairs each option of a question with its description', () => {
    const parts = modalParts(question);
    expect(parts.subject).toEqual(['Which colour should the button be?']);
    expect(parts.options.map((o) => [o.label, o.description])).toEqual([
      ['Red', ['A bold red button']],
      ['Green', ['A calm green button']],
      ['Blue', ['The default blue']],
      ['Type something.', []],
      ['Chat about this', []],
    ]);
  });

  it('options always show; the question and the descriptions give way first', () => {
    const input = { modal: question, subtype: 'question', prompt: 'question', hint: '1-5 answer' };
    const options = (lines: ReturnType<typeof modalLines>) => lines.map(text).filter((l) => /^[❯ ]\d /u.test(l));
    const tall = modalLines(input, 60, 20).map(text);
    expect(tall).toContain('    A bold red button');
    expect(tall).toContain('  Which colour should the button be?');
    for (const height of [5, 7, 8, 10]) {
      const lines = modalLines(input, 60, height);
      expect(lines.length).toBeLessThanOrEqual(height);
      expect(options(lines)).toHaveLength(5);
    }
    expect(modalLines(input, 60, 7).map(text)).not.toContain('    A bold red button');
  });
});

describe('modal view on 2.1.332', () => {
  it('marks the options that widen permissions, and the mark survives a narrow pane', () => {
    const modal = findModal(loadCapture('2.1.332__default__permission').screen)!;
    const lines = modalLines({ modal, subtype: 'permission', prompt: 'bash', hint: '', widening: new Set(['2', '3']) }, 60, 12).map(text);
    const options = lines.filter((l) => /^[❯ ]\d /u.test(l));
    expect(options.map((l) => l.endsWith('  (asks first)'))).toEqual([false, true, true, false]);
    expect(options[2]).toMatch(/^ 3 Yes, and switch to auto mode.*… {2}\(asks first\)$/u);
    for (const l of lines) expect(cells(l)).toBeLessThanOrEqual(60);
  });
});

describe("modal view of a prompt held by claude-dm's hook", () => {
  it("shows the whole command from the request, wrapped, not the screen's cut, and marks that answers go through the hook", () => {
    const modal = findModal(loadCapture('2.1.332__default__permission').screen)!;
    const command = `touch ${'/very/long/path/'.repeat(8)}file.txt && echo done`;
    const request = { tool: 'Bash', input: { command, description: 'Touch a file' } };
    const lines = modalLines({ modal, subtype: 'permission', prompt: 'bash', hint: '', request }, 50, 16).map(text);
    expect(lines[0]).toMatch(/ ⚓ hook$/u);
    expect(lines[1]).toBe('  Bash');
    const shown = lines
      .slice(
        2,
        lines.findIndex((l) => /^[❯ ]\d /u.test(l)),
      )
      .map((l) => l.slice(2));
    expect(shown.join('')).toBe(command);
    for (const l of lines) expect(cells(l)).toBeLessThanOrEqual(50);
    // Without a request: the screen's own lines, no mark.
    expect(modalLines({ modal, subtype: 'permission', prompt: 'bash', hint: '' }, 50, 16).map(text)[0]).not.toContain('hook');
  });
});

describe('key bar', () => {
  const items: BarItem[] = ['1-9 answer', '↑↓ move', 'enter send', 'e esc', 'c cmd', 'a ask', 'tab peek/tail', '? help', 'q quit'].map(
    (t) => {
      const [keys, label] = t.split(' ') as [string, string];
      return { keys, label, enabled: true };
    },
  );
  it('is one line: what fits in priority order, then ? more and q quit', () => {
    expect(text(helpBarLine(items, 61, false))).toBe('1-9 answer  ↑↓ move  enter send  e esc  c cmd  ? more  q quit');
    expect(text(helpBarLine(items, 60, false))).toBe('1-9 answer  ↑↓ move  enter send  e esc  ? more  q quit');
    const wide = text(helpBarLine(items, 200, false));
    expect(wide).toMatch(/tab peek\/tail {2}\? help {2}q quit$/);
    for (const w of [30, 60, 70, 80]) expect(cells(text(helpBarLine(items, w, true)))).toBeLessThanOrEqual(w);
  });
});

describe('painter', () => {
  it('writes only the rows that changed, each at its own address, erased first', () => {
    const first = paintDiff(null, ['a', 'b', 'c'], 3);
    expect(first).toContain('\x1b[2J');
    expect(first).toContain('\x1b[1;1H\x1b[0m\x1b[2Ka');
    const next = paintDiff(['a', 'b', 'c'], ['a', 'B', 'c'], 3);
    expect(next).toContain('\x1b[2;1H\x1b[0m\x1b[2KB');
    expect(next).not.toContain('1;1H');
    expect(next).not.toContain('3;1H');
    expect(paintDiff(['a'], ['a'], 1)).toBe('');
  });

  it('blanks rows a shorter frame no longer holds, and never writes below the terminal', () => {
    expect(paintDiff(['a', 'b', 'c'], ['a'], 3)).toContain('\x1b[3;1H\x1b[0m\x1b[2K');
    expect(paintDiff(null, ['a', 'b', 'c', 'd'], 2)).not.toContain('3;1H');
  });

  it('paints the latest of frames that come together, once; after a resize, everything again', () => {
    const written: string[] = [];
    const terminal = Object.assign(new EventEmitter(), { columns: 10, rows: 2, write: (d: string) => written.push(d) });
    const pending: Array<() => void> = [];
    const painter = createPainter(terminal, 50, ((fn: () => void) => pending.push(fn)) as unknown as typeof setTimeout);
    painter.stdout.write('a\nb');
    painter.stdout.write('a\nc');
    expect(pending).toHaveLength(1);
    pending.shift()!();
    expect(written).toHaveLength(1);
    expect(written[0]).toContain('\x1b[2Kc');
    expect(written[0]).not.toContain('\x1b[2Kb');
    painter.stdout.write('a\nc'); // unchanged: nothing written
    pending.shift()!();
    expect(written).toHaveLength(1);
    expect(painter.stdout.columns).toBe(10);
    terminal.columns = 20;
    terminal.emit('resize');
    expect(painter.stdout.columns).toBe(20);
    painter.stdout.write('a\nc');
    pending.shift()!();
    expect(written[1]).toContain('\x1b[2J');
    expect(written[1]).toContain('\x1b[1;1H');
    painter.close();
  });
});
