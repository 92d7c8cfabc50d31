// The answer keys on every captured prompt of both catalogues: what y, n, a and each digit pick,
// and which need --confirm because they widen the peer's permissions. Written out by hand from the
// screens, so a change in the mapping (or in what Claude Code shows) fails here.
import { describe, expect, it } from 'vitest';
import { answerKeyTable, planAnswer } from '../../src/actions/answer.js';
import { classifyPeer, type Classification } from '../../src/classify/classify.js';
import { screenFromText } from '../../src/classify/screen.js';
import { loadCapture } from '../support/fixtures.js';

function read(name: string): Classification {
  const c = loadCapture(name);
  const r = classifyPeer({ title: c.title, screen: c.screen, session: c.session });
  expect(r.state, r.reason).toBe('modal');
  return r;
}

/**
 * key → the option it picks (null: refused), cut to the length of the expected start, with ` !`
 * appended where it needs --confirm.
 */
function picks(c: Classification, want: Record<string, string | null>): Record<string, string | null> {
  return Object.fromEntries(
    answerKeyTable(c).map((k) => {
      const len = (want[k.key] ?? '').replace(/ !$/u, '').length || 24;
      return [k.key, k.option === null ? null : `${k.option.slice(0, len)}${k.needsConfirm ? ' !' : ''}`];
    }),
  );
}

const ALWAYS_TMP = 'Yes, and always allow access to !';
const AUTO = 'Yes, and switch to auto m !';
const ACCEPT = 'Yes, and switch to accept !';

const expected: Record<string, Record<string, string | null>> = {
  '2.1.197__permission_bash__1': { y: 'Yes', n: 'No', a: ALWAYS_TMP, 1: 'Yes', 2: ALWAYS_TMP, 3: 'No' },
  '2.1.197__permission_edit__1': {
    y: 'Yes',
    n: 'No',
    a: 'Yes, allow all edits duri !',
    1: 'Yes',
    2: 'Yes, allow all edits duri !',
    3: 'No',
  },
  '2.1.197__permission_write__1': {
    y: 'Yes',
    n: 'No',
    a: 'Yes, allow all edits duri !',
    1: 'Yes',
    2: 'Yes, allow all edits duri !',
    3: 'No',
  },
  '2.1.197__permission_webfetch__1': {
    y: 'Yes',
    n: 'No, and tell Claude what ',
    a: "Yes, and don't ask again !",
    1: 'Yes',
    2: "Yes, and don't ask again !",
    3: 'No, and tell Claude what ',
  },
  '2.1.197__plan_approval__1': { y: 'Yes', n: 'No', a: null, 1: 'Yes', 2: 'No' },
  '2.1.197__plan_approval__2': {
    y: 'Yes, manually approve edi',
    n: null,
    a: null,
    1: 'Yes, and use auto mode !',
    2: 'Yes, manually approve edi',
    3: 'Tell Claude what to chang',
  },
  '2.1.197__question__1': {
    y: null,
    n: null,
    a: null,
    1: 'Red A bold red button',
    2: 'Green A calm green button',
    3: 'Blue The default blue',
    4: 'Type something.',
    5: 'Chat about this',
  },
  // 2.1.332, manual mode: No is 4 on a Bash prompt, and 3 switches the session to auto mode.
  '2.1.332__default__permission': { y: 'Yes', n: 'No', a: ALWAYS_TMP, 1: 'Yes', 2: ALWAYS_TMP, 3: AUTO, 4: 'No' },
  '2.1.332__default__permission_bash2': { y: 'Yes', n: 'No', a: ALWAYS_TMP, 1: 'Yes', 2: ALWAYS_TMP, 3: AUTO, 4: 'No' },
  '2.1.332__default__permission_write': { y: 'Yes', n: 'No', a: null, 1: 'Yes', 2: ACCEPT, 3: 'No' },
  '2.1.332__default__files_permission_edit': { y: 'Yes', n: 'No', a: null, 1: 'Yes', 2: ACCEPT, 3: 'No' },
  '2.1.332__default__permission_fetch': {
    y: 'Yes',
    n: 'No, and tell Claude what ',
    a: "Yes, and don't ask again !",
    1: 'Yes',
    2: "Yes, and don't ask again !",
    3: 'No, and tell Claude what ',
  },
  '2.1.332__default__permission_read_outside_tmp': {
    y: 'Yes',
    n: 'No',
    a: 'Yes, allow reading from / !',
    1: 'Yes',
    2: 'Yes, allow reading from / !',
    3: 'No',
  },
  '2.1.332__default__plan_approval': {
    y: 'Yes, manually approve edi',
    n: null,
    a: null,
    1: 'Yes, and use auto mode !',
    2: 'Yes, manually approve edi',
    3: 'Tell Claude what to chang',
  },
  '2.1.332__default__question': {
    y: null,
    n: null,
    a: null,
    1: 'Red A bold red button',
    2: 'Green A calm green button',
    3: 'Blue The default blue',
    4: 'Type something.',
    5: 'Chat about this',
  },
  // 2.1.332, auto mode: `❯ No` / `  Yes`, no numbers (digits are refused); the dialog takes y (Enter) or n (Esc).
  '2.1.332__auto__permission': { y: 'Yes', n: 'No', a: null },
  '2.1.332__auto__automode_dialog_bash': { y: 'Stay in auto mode (appro', n: 'Cancel', a: null },
  '2.1.332__auto__plan_approval': {
    y: 'Yes, manually approve edi',
    n: null,
    a: null,
    1: 'Yes, and use auto mode !',
    2: 'Yes, manually approve edi',
    3: 'Tell Claude what to chang',
  },
  '2.1.332__auto__question_multi': {
    y: null,
    n: null,
    a: null,
    1: 'Postgres Relational, robu',
    2: 'SQLite Embedded, simple',
    3: 'Type something.',
    4: 'Chat about this',
  },
};

describe('answer keys on every captured prompt', () => {
  for (const [name, want] of Object.entries(expected)) {
    it(name, () => expect(picks(read(name), want)).toEqual(want));
  }

  it('covers every modal capture of both shared catalogues (the rest are copies of a listed screen)', () => {
    const sameAs: Record<string, string> = {
      '2.1.197__question__2': '2.1.332__auto__question_multi',
      '2.1.197__question__3': '2.1.197__question__1',
      '2.1.332__auto__automode_dialog_fetch': '2.1.332__auto__automode_dialog_bash',
      '2.1.332__auto__automode_dialog_write': '2.1.332__auto__automode_dialog_bash',
      '2.1.332__auto__question': '2.1.332__default__question',
      '2.1.332__auto__question_single': '2.1.332__default__question',
      '2.1.332__default__question_single': '2.1.332__default__question',
      '2.1.332__default__question_multi': '2.1.332__auto__question_multi',
    };
    for (const [name, like] of Object.entries(sameAs)) {
      const a = answerKeyTable(read(name)).map((k) => [k.key, k.option === null, k.needsConfirm]);
      const b = answerKeyTable(read(like)).map((k) => [k.key, k.option === null, k.needsConfirm]);
      if (name !== '2.1.197__question__3') expect(a, name).toEqual(b);
      else expect(a.slice(0, 3), name).toEqual(b.slice(0, 3));
    }
  });
});

describe('how a key is pressed', () => {
  it('a numbered option is its digit; 2.1.332 manual-mode n is 4, where 2.1.197 had 3', () => {
    expect(planAnswer(read('2.1.332__default__permission'), 'n')).toMatchObject({
      ok: true,
      plan: { stroke: { kind: 'digit', digit: '4' }, widens: false },
    });
    expect(planAnswer(read('2.1.197__permission_bash__1'), 'n')).toMatchObject({
      ok: true,
      plan: { stroke: { kind: 'digit', digit: '3' } },
    });
    expect(planAnswer(read('2.1.332__default__permission'), '3')).toMatchObject({ ok: true, plan: { widens: true } });
  });

  it('an unnumbered list moves the cursor from the selected option (No, first) to the chosen one', () => {
    const c = read('2.1.332__auto__permission');
    expect(c.modal!.style).toBe('cursor');
    expect(planAnswer(c, 'y')).toMatchObject({ ok: true, plan: { stroke: { kind: 'cursor', from: 0, to: 1 }, option: { label: 'Yes' } } });
    expect(planAnswer(c, 'n')).toMatchObject({ ok: true, plan: { stroke: { kind: 'cursor', from: 0, to: 0 }, option: { label: 'No' } } });
    expect(planAnswer(c, '2')).toMatchObject({ ok: false, reason: expect.stringContaining('no numbers') });
  });

  it('the auto-mode dialog: y is Enter (stay, nothing widens), n is Escape; shift+Tab is never offered', () => {
    const c = read('2.1.332__auto__automode_dialog_bash');
    expect(planAnswer(c, 'y')).toMatchObject({ ok: true, plan: { stroke: { kind: 'key', key: 'Enter' }, widens: false } });
    expect(planAnswer(c, 'n')).toMatchObject({ ok: true, plan: { stroke: { kind: 'key', key: 'Escape' } } });
    expect(planAnswer(c, '1').ok).toBe(false);
    expect(planAnswer(c, 'a').ok).toBe(false);
  });

  it('a blocked peer whose screen was not understood takes no number, but y/n by readable label', () => {
    const screen = screenFromText(
      ['● Something', '', '─'.repeat(40), ' Something new', ' ❯ 1. Yes', '   2. Yes, for everything', '   3. No', ''].join('\n'),
    );
    const c = classifyPeer({ title: '✳ T', screen, session: { status: 'waiting', waitingFor: 'permission prompt' } });
    expect(c).toMatchObject({ state: 'modal', prompt: 'unknown', understood: false });
    expect(c.reason).toContain('not understood');
    expect(planAnswer(c, '1')).toMatchObject({ ok: false, reason: expect.stringContaining('not understood') });
    expect(planAnswer(c, 'y')).toMatchObject({ ok: true, plan: { option: { key: '1' } } });
    expect(planAnswer(c, 'n')).toMatchObject({ ok: true, plan: { option: { key: '3' } } });
  });

  it('no options at all: every key is refused and says to look at the peer', () => {
    const c = classifyPeer({
      title: '✳ T',
      screen: screenFromText('Something we have never seen\n'),
      session: { status: 'waiting', waitingFor: 'permission prompt' },
    });
    expect(c).toMatchObject({ state: 'modal', subtype: 'permission', prompt: 'unknown' });
    for (const k of ['y', 'n', 'a', '1'])
      expect(planAnswer(c, k)).toMatchObject({ ok: false, reason: expect.stringContaining('look at the peer') });
  });

  it('a Yes that exists only in widening forms is refused for y, with the way to pick it', () => {
    const screen = screenFromText(
      [
        '─'.repeat(40),
        ' Bash command',
        ' Do you want to proceed?',
        ' ❯ 1. Yes, and always allow access to /x from this project',
        '   2. No',
        '',
      ].join('\n'),
    );
    const c = classifyPeer({ title: '✳ T', screen });
    expect(planAnswer(c, 'y')).toMatchObject({ ok: false, reason: expect.stringContaining('--confirm') });
  });

  it('n skips a No that blocks for good when a plain No exists', () => {
    const screen = screenFromText(
      [
        '─'.repeat(40),
        ' Read outside the working directories',
        ' Do you want to proceed?',
        ' ❯ 1. Yes, and keep allowing reads there',
        '   2. No, and block reads there',
        '   3. No, and ask again next time',
        '   4. Yes, but ask again next time',
        '',
      ].join('\n'),
    );
    const c = classifyPeer({ title: '✳ T', screen });
    expect(c).toMatchObject({ state: 'modal', prompt: 'read' });
    expect(planAnswer(c, 'n')).toMatchObject({ ok: true, plan: { option: { key: '3' } } });
    expect(planAnswer(c, 'y')).toMatchObject({ ok: true, plan: { option: { key: '4' }, widens: false } });
    expect(planAnswer(c, 'a')).toMatchObject({ ok: true, plan: { option: { key: '1' }, widens: true } });
  });
});
