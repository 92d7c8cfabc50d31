// The classifier on hostile input (issue 24): a peer's screen is whatever its programs printed (control
// characters, half escape sequences, box glyphs, Claude Code's own words out of place) and its sessions
// record is whatever JSON sits in the file. Whatever they are, classifying gives one of the five states
// and a rule, and what the observer reads next from the verdict (the prompt's id, what is not read yet)
// never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyPane } from '../../src/classify/classify.js';
import type { SessionRecord } from '../../src/peers/session-record.js';
import { MARKERS, type Marker } from '../../src/classify/markers.js';
import { promptRef } from '../../src/classify/prompt-id.js';
import { screenFromAnsi, type Screen } from '../../src/classify/screen.js';
import { promptUnread } from '../../src/watch/prompt-read.js';

// Every word and glyph Claude Code's screens are read by (markers.ts): strings its pattern matches where
// fast-check can make them (no \\b, no i/m/s flags), else the pattern's own words.
const allMarkers: Array<{ pattern: string | RegExp }> = Object.values(MARKERS).flatMap((m): readonly Marker[] =>
  'pattern' in m ? [m] : m,
);
function wordsOf(p: string | RegExp): fc.Arbitrary<string> {
  if (typeof p === 'string') return fc.constant(p);
  try {
    return fc.stringMatching(new RegExp(p.source.replace(/\\b/gu, ''), p.flags.replace(/[gimsy]/gu, '')));
  } catch {
    return fc.constant(p.source.replace(/[\\^$()[\]|?*+{}.]/gu, ''));
  }
}
const markerWords = fc.oneof(...allMarkers.map((m) => wordsOf(m.pattern)));
const glyphs = fc.constantFrom(
  '─'.repeat(30),
  '╌'.repeat(30),
  '│',
  '╭',
  '╰',
  '❯ ',
  '❯\u00a0',
  '⎿',
  '●',
  '✻',
  '☐',
  '✔',
  ' 1. ',
  ' 2. ',
  '   ',
);
const controls = fc.constantFrom('\x1b[', '\x1b]52;c;', '\x07', '\x1b[38;5;246m', '\x1b[0m', '\x9b', '\r', '\t', '\x00', '\u202e', '\x1b');
const line = fc
  .array(
    fc.oneof(
      markerWords,
      glyphs,
      controls,
      fc.string({ maxLength: 16 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.nat(9).map((n) => ` ${n}. `),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));
// Claude Code's own lines start with its marker (the input box's `❯`, a rule, an option), so some lines do.
const lines = fc.array(
  fc.oneof(
    line,
    fc.tuple(fc.oneof(markerWords, glyphs), line).map(([a, b]) => a + b),
  ),
  { maxLength: 40 },
);

// A screen as capture-pane -e gives it, or a plain and a -e view that disagree (rows missing, extra).
const screen: fc.Arbitrary<Screen> = fc.oneof(
  lines.map((l) => screenFromAnsi(l.join('\n'))),
  fc.record({ plain: lines, ansi: fc.option(lines, { nil: undefined }) }).map((s) => (s.ansi ? s : { plain: s.plain })),
);

// A sessions record as a file may hold it: the fields Claude Code writes, of any JSON type, and others.
const recordField = fc.constantFrom(
  'status',
  'waitingFor',
  'sessionId',
  'updatedAt',
  'statusUpdatedAt',
  'name',
  'version',
  'tmux',
  'cwd',
  'pid',
  '__proto__',
  'constructor',
);
const jsonish = fc.oneof(fc.jsonValue(), fc.constantFrom('waiting', 'idle', 'busy', 'permission prompt', 'dialog open', 'input needed'));
const claudeWords = fc.constantFrom('waiting', 'idle', 'busy', 'permission prompt', 'dialog open', 'input needed');
const record = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.dictionary(fc.oneof(recordField, fc.string({ maxLength: 8 })), jsonish, { maxKeys: 8 }),
  fc.record(
    { status: claudeWords, waitingFor: claudeWords, statusUpdatedAt: fc.oneof(fc.integer(), jsonish) },
    { requiredKeys: ['status'] },
  ),
  fc.jsonValue(),
) as fc.Arbitrary<SessionRecord | null | undefined>;
const title = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ maxLength: 12 }).map((t) => `✳ ${t}`),
  fc.string({ maxLength: 12 }).map((t) => `⠐ ${t}`),
);

// Mostly a Claude Code pane out of copy mode, so the screen is read.
const mostly = (value: boolean) => fc.oneof({ arbitrary: fc.constant(value), weight: 9 }, { arbitrary: fc.constant(!value), weight: 1 });
const facts = fc.record({
  isClaude: mostly(true),
  panePid: fc.integer(),
  currentCommand: fc.string({ maxLength: 8 }),
  inMode: mostly(false),
});

describe('classifier on hostile input', () => {
  it('any screen, title, sessions record and tool name: one of the five states, a rule, and nothing throws', () => {
    const rules = new Map<string, number>();
    fc.assert(
      fc.property(facts, screen, title, record, fc.option(fc.string({ maxLength: 12 })), (pane, s, t, session, lastToolUse) => {
        const c = classifyPane(pane, { title: t, screen: s, session, lastToolUse });
        expect(['idle', 'busy', 'drafting', 'modal', 'other']).toContain(c.state);
        expect(c.reason.startsWith(`rule ${c.rule}: `)).toBe(true);
        rules.set(c.rule, (rules.get(c.rule) ?? 0) + 1);
        promptRef('%1', c, session ?? null);
        promptUnread(c, null);
      }),
      { numRuns: 2000 },
    );
    // The screens made reach the rules that read a screen, not only the early ones (each is hit tens of times in 2000).
    expect([...rules.keys()]).toEqual(expect.arrayContaining(['busy', 'drafting', 'modal', 'waiting-unrecognised', 'no-input-box']));
  });
});
