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

function madeUp(situation: string): ClassifyInput {
  const text = readFileSync(join(REPO_ROOT, 'test', 'fixtures', `9.9.9-made-up__${situation}.txt`), 'utf8');
  return { title: '✳ Claude Code', screen: screenFromText(text) };
}

// Each screen, what it reads as with 9.9.9's lines, and what the real table makes of it.
const SCREENS = [
  {
    situation: 'permission_shell',
    reads: { subtype: 'permission', prompt: 'bash', reason: expect.stringContaining('header "Shell command"') },
    without: { state: 'modal', subtype: 'permission', prompt: 'unknown' },
  },
  { situation: 'question', reads: { subtype: 'question', prompt: 'question' }, without: { state: 'other', rule: 'unrecognised-options' } },
] as const;

describe('a made-up release 9.9.9', () => {
  for (const { situation, reads, without } of SCREENS) {
    it(`its ${situation} screen is a ${reads.subtype} prompt (${reads.prompt}) with its lines, not without them`, () => {
      const input = madeUp(situation);
      expect(classifyPeer(input, WITH_9_9_9)).toMatchObject({ state: 'modal', ...reads, understood: true, rule: 'modal' });
      expect(classifyPeer(input)).toMatchObject(without);
    });
  }
});
