import { describe, expect, it } from 'vitest';
import { afterPrompt, turnEndedAfterPrompt } from '../../src/actions/reply.js';

const user = (text: string) => ({ type: 'user', message: { content: text } });
const assistant = (text: string, stop: string) => ({
  type: 'assistant',
  message: { content: [{ type: 'text', text }], stop_reason: stop },
});

describe('reply collection', () => {
  it('finds our prompt by its text, whitespace aside (Claude Code expands tabs)', () => {
    const records = [user('earlier'), assistant('old', 'end_turn'), user('our    question'), assistant('answer', 'end_turn')];
    expect(afterPrompt(records, 'our\tquestion')).toEqual([assistant('answer', 'end_turn')]);
    expect(afterPrompt(records.slice(0, 2), 'our\tquestion')).toBeNull();
  });
  it('needs explicit evidence that the turn ended', () => {
    expect(turnEndedAfterPrompt([])).toBe(false);
    expect(turnEndedAfterPrompt([assistant('partial', 'tool_use')])).toBe(false);
    expect(turnEndedAfterPrompt([assistant('done', 'end_turn')])).toBe(true);
    expect(turnEndedAfterPrompt([assistant('err', 'stop_sequence'), { type: 'system', subtype: 'turn_duration' }])).toBe(true);
  });
});
