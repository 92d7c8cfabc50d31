// The picker rule decides alone: a picker a person opened (`/model`) stays `other` whatever else says a
// prompt might be open. Its numbered options are settings; read as a prompt, `answer 1` would switch the
// peer's model. The two hints that could mislead: a tool call still pending in the transcript (the rule
// older releases use to call unknown options a permission prompt), and a sessions record left at
// `waiting` for a permission prompt the person has since closed.
import { describe, expect, it } from 'vitest';
import { classifyPeer } from '../../src/classify/classify.js';
import type { SessionRecord } from '../../src/peers/session-record.js';
import { loadCapture } from '../support/fixtures.js';

const picker = loadCapture('2.1.332__default__model_picker');
const staleWaiting: SessionRecord = { ...picker.session, status: 'waiting', waitingFor: 'permission prompt' };

describe('the /model picker', () => {
  it.each([
    ['with colours', picker.screen],
    ['plain', picker.plainOnly],
  ])('%s: a pending Bash tool call in the transcript does not make it a prompt', (_how, screen) => {
    const r = classifyPeer({ title: picker.title, screen, session: null, lastToolUse: 'Bash' });
    expect(r.state, r.reason).toBe('other');
    expect(r.rule).toBe('picker');
    expect(r.modal).toBeUndefined();
  });

  it.each([
    ['with colours', picker.screen],
    ['plain', picker.plainOnly],
  ])('%s: a stale sessions record waiting for a permission prompt does not make it a prompt', (_how, screen) => {
    const r = classifyPeer({ title: picker.title, screen, session: staleWaiting });
    expect(r.state, r.reason).toBe('other');
    expect(r.rule).toBe('picker');
    expect(r.reason).toMatch(/sessions status waiting \(permission prompt\)/);
  });

  it('both at once', () => {
    const r = classifyPeer({ title: picker.title, screen: picker.screen, session: staleWaiting, lastToolUse: 'Bash' });
    expect([r.state, r.rule]).toEqual(['other', 'picker']);
  });
});
