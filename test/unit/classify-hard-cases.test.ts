// Hard cases that tools in this field got wrong, made by editing real captures so the
// rest of the screen stays exactly what Claude Code draws.
import { describe, expect, it } from 'vitest';
import { classifyPeer } from '../../src/classify/classify.js';
import { findModal, screenFromText, type Screen } from '../../src/classify/screen.js';
import { loadCapture } from '../support/fixtures.js';

const E = '\x1b';

function editRow(screen: Screen, find: (plain: string) => boolean, plain: string, ansi: string): Screen {
  const row = screen.plain.findIndex(find);
  if (row < 0) throw new Error('row not found');
  const p = [...screen.plain];
  const a = [...screen.ansi!];
  p[row] = plain;
  a[row] = ansi;
  return { plain: p, ansi: a };
}

const isInputRow = (l: string) => l.startsWith('❯\u00a0');

function idleWithInput(plain: string, ansi: string): Screen {
  return editRow(loadCapture('2.1.197__idle__2').screen, isInputRow, plain, ansi);
}

describe('input box traps', () => {
  it('a draft that begins with a digit and a dot is a draft, not a modal option', () => {
    const screen = idleWithInput('❯\u00a01. fix the parser', `${E}[39m❯\u00a01. fix the parser${E}[7m ${E}[0m`);
    const r = classifyPeer({ title: '✳ Task', screen });
    expect(r.state).toBe('drafting');
    expect(r.draft).toBe('1. fix the parser');
  });

  it('a multi-line numbered draft stays a draft', () => {
    const base = loadCapture('2.1.197__idle__2').screen;
    const row = base.plain.findIndex(isInputRow);
    const plain = [...base.plain];
    const ansi = [...base.ansi!];
    plain.splice(row, 1, '❯\u00a01. first', '  2. second');
    ansi.splice(row, 1, `${E}[39m❯\u00a01. first`, `  2. second${E}[7m ${E}[0m`);
    const r = classifyPeer({ title: '✳ Task', screen: { plain, ansi } });
    expect(r.state).toBe('drafting');
    expect(r.draft).toBe('1. first\n2. second');
  });

  it('a dim ghost autosuggestion after the cursor is not a draft', () => {
    const screen = idleWithInput('❯\u00a0/compact', `${E}[39m❯\u00a0${E}[7m/${E}[0;2mcompact${E}[0m`);
    const r = classifyPeer({ title: '✳ Task', screen });
    expect(r.state, r.reason).toBe('idle');
  });

  it('typed text followed by a dim ghost completion is a draft of the typed part only', () => {
    const screen = idleWithInput('❯\u00a0/compact', `${E}[39m❯\u00a0/comp${E}[7ma${E}[0;2mct${E}[0m`);
    const r = classifyPeer({ title: '✳ Task', screen });
    expect(r.state).toBe('drafting');
    expect(r.draft).toBe('/comp');
  });

  it('the dim `Try "…"` placeholder is not a draft, with or without colours', () => {
    const plain = '❯\u00a0Try "refactor the parser"';
    const screen = idleWithInput(plain, `${E}[39m❯\u00a0${E}[7mT${E}[0;2mry "refactor the parser"${E}[0m`);
    expect(classifyPeer({ title: '✳ Task', screen }).state).toBe('idle');
    expect(classifyPeer({ title: '✳ Task', screen: { plain: screen.plain } }).state).toBe('idle');
  });

  it('the same words typed in normal colour are a draft', () => {
    const screen = idleWithInput('❯\u00a0Try "refactor"', `${E}[39m❯\u00a0Try "refactor"${E}[7m ${E}[0m`);
    expect(classifyPeer({ title: '✳ Task', screen }).state).toBe('drafting');
  });

  it('a cursor moved into the middle of a draft keeps the whole draft', () => {
    const screen = idleWithInput('❯\u00a0hello world', `${E}[39m❯\u00a0hello ${E}[7mw${E}[0morld`);
    expect(classifyPeer({ title: '✳ Task', screen }).draft).toBe('hello world');
  });
});

describe('busy or done', () => {
  function withSpinner(line: string): Screen {
    const base = loadCapture('2.1.197__idle__2').screen;
    const top = base.plain.findIndex(isInputRow) - 1;
    const plain = [...base.plain];
    const ansi = [...base.ansi!];
    plain.splice(top, 0, line, '');
    ansi.splice(top, 0, line, '');
    return { plain, ansi };
  }

  it('`✻ Herding… (8m 39s · ↓ 834 tokens)` above the box means busy even with a ✳ title', () => {
    const r = classifyPeer({ title: '✳ Task', screen: withSpinner('✻ Herding… (8m 39s · ↓ 834 tokens)') });
    expect(r.state).toBe('busy');
    expect(r.reason).toContain('spinner line');
  });

  it('`✻ Worked for 1m 52s` means the turn is done', () => {
    const r = classifyPeer({ title: '✳ Task', screen: withSpinner('✻ Worked for 1m 52s') });
    expect(r.state).toBe('idle');
  });

  it('a braille spinner title alone means busy', () => {
    const r = classifyPeer({ title: '⠐ Task', screen: loadCapture('2.1.197__idle__2').screen });
    expect(r.state).toBe('busy');
    expect(r.reason).toContain('title spinner');
  });

  it('a draft typed while busy is busy, with the draft reported', () => {
    const busy = loadCapture('2.1.197__busy__1');
    const screen = editRow(busy.screen, isInputRow, '❯\u00a0later', `${E}[38;5;246m❯\u00a0${E}[39mlater${E}[7m ${E}[0m`);
    const r = classifyPeer({ title: busy.title, screen });
    expect(r.state).toBe('busy');
    expect(r.draft).toBe('later');
  });

  it('a sessions record saying waiting beside an input box is not a moment to type', () => {
    const c = loadCapture('2.1.197__idle__2');
    const r = classifyPeer({ title: c.title, screen: c.screen, session: { status: 'waiting', waitingFor: 'permission prompt' } });
    expect(r.state).toBe('busy');
    expect(r.reason).toContain('in transition');
  });

  it('an empty box whose title lacks ✳ is not confirmed idle', () => {
    const r = classifyPeer({ title: 'bash', screen: loadCapture('2.1.197__idle__2').screen });
    expect(r.state).toBe('other');
    expect(r.reason).toContain('lacks the ✳ glyph');
  });
});

describe('modals', () => {
  it('AskUserQuestion is a question modal even though the title shows ✳, not busy', () => {
    const c = loadCapture('2.1.197__question__1');
    const r = classifyPeer({ title: c.title, screen: c.screen, session: { status: 'waiting' } });
    expect(r).toMatchObject({ state: 'modal', subtype: 'question' });
    expect(r.modal!.options.map((o) => o.label).slice(0, 3)).toEqual(['Red', 'Green', 'Blue']);
  });

  it('a numbered list in an answer above an idle box is not a modal (box scrolled under a long answer)', () => {
    const base = loadCapture('2.1.197__idle__2').screen;
    const top = base.plain.findIndex(isInputRow) - 1;
    const list = ['● Here is the plan:', '  1. Read the code', '  2. Write the fix', '  3. Run the tests', ''];
    const plain = [...base.plain.slice(0, top), ...list, ...base.plain.slice(top)].slice(list.length);
    const ansi = [...base.ansi!.slice(0, top), ...list, ...base.ansi!.slice(top)].slice(list.length);
    expect(classifyPeer({ title: '✳ Task', screen: { plain, ansi } }).state).toBe('idle');
  });

  it("plan approval's own numbered steps are not taken for its options", () => {
    const c = loadCapture('2.1.197__plan_approval__2');
    const modal = findModal(c.screen)!;
    expect(modal.options.map((o) => o.label)).toEqual([
      'Yes, and use auto mode',
      'Yes, manually approve edits',
      'Tell Claude what to change',
    ]);
    expect(modal.lines).toContain('1. Create hello.txt');
  });

  it('the bash permission modal exposes the command and the selected option', () => {
    const modal = findModal(loadCapture('2.1.197__permission_bash__1').screen)!;
    expect(modal.header).toBe('Bash command');
    expect(modal.lines).toContain('touch /home/u1/touched-2');
    expect(modal.options[0]).toEqual({ key: '1', label: 'Yes', selected: true });
    expect(modal.options.map((o) => o.key)).toEqual(['1', '2', '3']);
  });

  it('an unmarked modal takes its subtype from the last tool_use in the transcript', () => {
    const screen = screenFromText(['● Something', '', '─'.repeat(40), ' Pick one', ' ❯ 1. Alpha', '   2. Beta', ''].join('\n'));
    expect(classifyPeer({ title: '✳ T', screen, lastToolUse: 'AskUserQuestion' })).toMatchObject({
      state: 'modal',
      subtype: 'question',
      rule: 'modal-from-transcript',
    });
    const r = classifyPeer({ title: '✳ T', screen, lastToolUse: 'Bash' });
    expect(r).toMatchObject({ state: 'modal', subtype: 'permission', rule: 'modal-from-transcript', understood: false });
    expect(r.reason).toContain('last tool_use Bash');
  });

  it('a screen with no input box and no options is other', () => {
    const r = classifyPeer({ title: '✳ T', screen: screenFromText('Select a theme\n  Dark mode\n  Light mode\n') });
    expect(r.state).toBe('other');
  });
});

describe('narrow pane', () => {
  function narrow(name: string, width: number): Screen {
    const c = loadCapture(name);
    // Rules shrink to the width; everything else is what it was (long lines cut, not reflowed).
    const fit = (l: string) => (/^─+\s*$/u.test(l) ? '─'.repeat(width) : l.slice(0, width));
    const plain = c.screen.plain.map(fit);
    return { plain };
  }
  it.each([
    ['2.1.197__idle__2', 'idle'],
    ['2.1.197__busy__1', 'busy'],
    ['2.1.197__drafting__1', 'drafting'],
    ['2.1.197__permission_bash__1', 'modal'],
  ])('%s at 60 columns is %s', (name, state) => {
    const c = loadCapture(name);
    expect(classifyPeer({ title: c.title, screen: narrow(name, 60) }).state).toBe(state);
  });
});

describe('screens over the input box (captured from 2.1.197)', () => {
  it('the ctrl+o transcript viewer is other and says so, though title and sessions record say idle', () => {
    for (const name of ['2.1.197__transcript_viewer__1', '2.1.197__transcript_viewer_over_draft__1']) {
      const c = loadCapture(name);
      expect(c.title.startsWith('✳'), name).toBe(true);
      expect(c.session?.status, name).toBe('idle');
      const r = classifyPeer({ title: c.title, screen: c.screen, session: c.session });
      expect(r, name).toMatchObject({ state: 'other', reason: expect.stringContaining('transcript viewer') });
    }
  });

  it('a pager opened by ctrl+g (EDITOR=less) over a draft is other: there is no box to type into', () => {
    const c = loadCapture('2.1.197__external_editor__1');
    const r = classifyPeer({ title: c.title, screen: c.screen, session: c.session });
    expect(r).toMatchObject({ state: 'other', reason: expect.stringContaining('no-input-box') });
  });
});
