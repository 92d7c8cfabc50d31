// A new Claude Code release is a table line and a fixture. A made-up release 9.9.9 calls the Bash prompt
// `Shell command` and words its questions anew (`Enter to choose`, `◇` chips, `Write your own.`, `Talk it
// over`); its screens, test/fixtures/9.9.9-made-up__*.txt, are real 2.1.332 captures with those words
// changed. The classifier reads them with the real table plus 9.9.9's lines, and not with the real one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyPeer, type ClassifyInput } from '../../src/classify/classify.js';
import { headed, PROMPT_KINDS, says, type PromptKind } from '../../src/classify/markers.js';
import { screenFromText } from '../../src/classify/screen.js';
import { REPO_ROOT } from '../support/repo-root.js';

const RELEASE_9_9_9: PromptKind[] = [
  {
    prompt: 'bash',
    subtype: 'permission',
    firstSeen: '9.9.9',
    matches: headed(/^Shell command/u),
    evidence: (modal) => `permission markers (header ${JSON.stringify(modal.header)})`,
  },
  {
    prompt: 'question',
    subtype: 'question',
    firstSeen: '9.9.9',
    matches: says(/Enter to choose/u),
    evidence: 'question markers (Enter to choose)',
  },
];
// Its lines go above the older ones: 9.9.9 still asks "Do you want to proceed?", which the last line of the
// real table reads as a permission prompt of unknown kind.
const WITH_9_9_9 = [...RELEASE_9_9_9, ...PROMPT_KINDS];

function made_up(situation: string): ClassifyInput {
  const text = readFileSync(join(REPO_ROOT, 'test', 'fixtures', `9.9.9-made-up__${situation}.txt`), 'utf8');
  return { title: '✳ Claude Code', screen: screenFromText(text) };
}

describe('a made-up release 9.9.9', () => {
  it('its Shell command prompt is a Bash permission prompt with its line, of unknown kind without it', () => {
    const input = made_up('permission_shell');
    expect(classifyPeer(input, WITH_9_9_9)).toMatchObject({
      state: 'modal',
      subtype: 'permission',
      prompt: 'bash',
      understood: true,
      rule: 'modal',
      reason: expect.stringContaining('header "Shell command"'),
    });
    expect(classifyPeer(input)).toMatchObject({ state: 'modal', subtype: 'permission', prompt: 'unknown' });
  });

  it('its question is a question with its line, and options nothing says Claude asked without it', () => {
    const input = made_up('question');
    expect(classifyPeer(input, WITH_9_9_9)).toMatchObject({
      state: 'modal',
      subtype: 'question',
      prompt: 'question',
      understood: true,
      rule: 'modal',
    });
    expect(classifyPeer(input)).toMatchObject({ state: 'other', rule: 'unrecognised-options' });
  });
});
