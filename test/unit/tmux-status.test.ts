// `list --format tmux`: the count tmux's status line shows, and the command line around it.
// test/integration/tmux-status.test.ts runs it from a real status line.
import { describe, expect, it } from 'vitest';
import type { PeerState } from '../../src/classify/classify.js';
import { tmuxStatusLine } from '../../src/cli/tmux-status.js';
import { cliWithoutTmux } from '../support/run-cli.js';

describe('tmuxStatusLine', () => {
  const cases: Array<[PeerState[], string]> = [
    [['modal', 'idle', 'drafting', 'modal', 'busy'], '#[fg=red]🔴2#[default] #[fg=colour208]🟠1#[default]'],
    [['drafting', 'drafting'], '#[fg=colour208]🟠2#[default]'],
    [['modal'], '#[fg=red]🔴1#[default]'],
    // Nobody waits: nothing, so that tmux shows nothing where the count was.
    [['idle', 'busy', 'other'], ''],
    [[], ''],
  ];
  for (const [states, want] of cases) it(states.join(' ') || 'no peers', () => expect(tmuxStatusLine(states)).toBe(want));
});

describe('list --format', () => {
  const cases: Array<[string[], RegExp]> = [
    [['list', '--format', 'bogus'], /^claude-dm: --format takes table or tmux; got "bogus"$/],
    [['list', '--format', 'tmux', '--json'], /^claude-dm: --format tmux and --json are two different outputs: give one of them$/],
    [['--json', 'list', '--format', 'tmux'], /^claude-dm: --format tmux and --json are two different outputs/],
    [['list', '--format'], /^claude-dm: Option '--format <value>' argument missing/],
  ];
  for (const [args, pattern] of cases) {
    it(`${args.join(' ')}: one line on stderr, before any tmux, exit 2`, async () => {
      const r = await cliWithoutTmux(args);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(pattern);
      expect(r.out).toBe('');
      expect(r.code).toBe(2);
    });
  }
});
