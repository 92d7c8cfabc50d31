// The rules that decide before a screen is read live in the classifier too, each named in `rule`.
import { describe, expect, it } from 'vitest';
import { classifyPane, unsettled } from '../../src/classify/classify.js';
import { loadCapture } from '../support/fixtures.js';

const claude = { isClaude: true, panePid: 7, currentCommand: 'claude', inMode: false };
const idle = loadCapture('2.1.332__auto__idle');
const input = { title: idle.title, screen: idle.screen, session: idle.session };

describe('classifyPane', () => {
  it('a pane without Claude Code is other (not-claude), whatever its screen shows', () => {
    expect(classifyPane({ ...claude, isClaude: false, currentCommand: 'bash' }, input)).toMatchObject({
      state: 'other',
      rule: 'not-claude',
      reason: 'rule not-claude: no Claude Code process under pane pid 7 (bash)',
    });
  });
  it('copy mode hides the screen and eats keys (pane-in-mode)', () => {
    expect(classifyPane({ ...claude, inMode: true }, input)).toMatchObject({ state: 'other', rule: 'pane-in-mode' });
  });
  it('no capture (the pane closed) is other (no-capture)', () => {
    expect(classifyPane(claude, null)).toMatchObject({ state: 'other', rule: 'no-capture' });
  });
  it('otherwise the screen decides', () => {
    expect(classifyPane(claude, input)).toMatchObject({ state: 'idle', rule: 'idle' });
  });
  it('a screen that never settled is busy (unsettled)', () => {
    expect(unsettled(4)).toMatchObject({
      state: 'busy',
      rule: 'unsettled',
      reason: 'rule unsettled: the screen kept changing over 4 captures',
    });
  });
});

describe('a title overwritten by a terminal probe (2.1.332 in tmux 3.3a: `Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA`)', () => {
  const probe = 'Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA';
  it('an empty box with a sessions record saying idle is idle', () => {
    const r = classifyPane(claude, { title: probe, screen: idle.screen, session: idle.session });
    expect(idle.session?.status).toBe('idle');
    expect(r).toMatchObject({ state: 'idle', rule: 'idle', reason: expect.stringContaining('lacks ✳') });
  });
  it('without the record (or with a busy one) it is not confirmed idle', () => {
    expect(classifyPane(claude, { title: probe, screen: idle.screen })).toMatchObject({ state: 'other', rule: 'unconfirmed-idle' });
    expect(classifyPane(claude, { title: probe, screen: idle.screen, session: { status: 'busy' } }).state).toBe('busy');
  });
});
