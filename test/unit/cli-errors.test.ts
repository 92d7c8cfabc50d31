// Every user-facing failure of the command line itself: one line on stderr, nothing on
// stdout, and the documented exit code (2 for usage). No tmux behind it.
import { describe, expect, it } from 'vitest';
import { findVerb, runsVerbHere, unknownOption, GLOBAL_OPTIONS } from '../../src/cli/argv.js';
import { runCli, topHelp } from '../../src/cli/run.js';
import { VERBS } from '../../src/cli/verbs/index.js';
import { positionalsAt, takeVia } from '../../src/cli/via.js';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    verbs: VERBS,
    env: { CLAUDE_DM_SOCKET: '/nonexistent/sock' },
    io: { out: (l) => out.push(l), err: (l) => err.push(l) },
  });
  return { code, out, err };
}

describe('usage errors are one line on stderr, exit 2, nothing on stdout', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--bogus'], /^claude-dm: unknown option "--bogus" \(claude-dm --help lists the verbs and options\)$/],
    [['-x', 'list'], /^claude-dm: unknown option "-x" for list; an argument that begins with - goes after --/],
    [['--json'], /^claude-dm: no verb given: usage: claude-dm \[options\] <verb> \[args\]/],
    [['help', 'nosuchverb'], /^claude-dm: unknown verb "nosuchverb": try one of list, /],
    [['nosuch'], /^claude-dm: unknown verb "nosuch"/],
    [['--socket', '/x', 'nosuch'], /^claude-dm: unknown verb "nosuch"/],
    [
      ['send', '%1', '-hello'],
      /^claude-dm: unknown option "-hello" for send; an argument that begins with - goes after --, as in: claude-dm send … -- "-hello"/,
    ],
    [['ask', '%1', '--', '-x', 'y', 'z'], /^claude-dm: usage: claude-dm ask /],
  ];
  for (const [args, pattern] of cases) {
    it(args.join(' '), async () => {
      const r = await run(args);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(pattern);
      expect(r.out).toEqual([]);
      expect(r.code).toBe(2);
    });
  }
});

describe('help and version, wherever the options stand', () => {
  it('no arguments, --help and -h print the top help and exit 0', async () => {
    for (const args of [[], ['--help'], ['-h'], ['--socket', '/x', '--help'], ['help']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.out, args.join(' ')).toEqual(topHelp(VERBS));
      expect(r.err).toEqual([]);
    }
  });

  it("help VERB, VERB --help and --help before the verb print that verb's help", async () => {
    for (const args of [
      ['help', 'send'],
      ['send', '--help'],
      ['--help', 'send'],
      ['-L', 'work', 'send', '-h'],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.out[0], args.join(' ')).toBe(`usage: claude-dm ${VERBS.find((v) => v.name === 'send')!.usage}`);
    }
  });

  it('the help says where an argument that begins with - goes, and what the exit codes mean', () => {
    const help = topHelp(VERBS).join('\n');
    expect(help).toContain('a message or argument that begins with - goes after --');
    expect(help).toContain('pane or server gone mid-command');
  });
});

describe('argv: the verb and options wherever they stand', () => {
  it('findVerb skips global options and their values, and nothing after -- is a verb', () => {
    expect(findVerb(['--socket', '/x', 'list'])).toBe(2);
    expect(findVerb(['-L', 'list', 'status'])).toBe(2); // -L's value may look like a verb
    expect(findVerb(['--socket=/x', '--json', 'list'])).toBe(2);
    expect(findVerb(['--via', 'ssh box', '-L', 'w', 'peek', 'x'])).toBe(4);
    expect(findVerb(['--all', 'list'])).toBe(1); // a verb's own flag: left for the verb's parser
    expect(findVerb(['--', 'list'])).toBe(-1);
    expect(findVerb(['--json'])).toBe(-1);
  });

  it("runsVerbHere: argv's verb is the one named and runs here (a one-verb bundle takes nothing else)", () => {
    expect(runsVerbHere(['list'], 'list')).toBe(true);
    expect(runsVerbHere(['--socket', '/x', 'list', '--format', 'tmux'], 'list')).toBe(true);
    expect(runsVerbHere(['--all', 'list', '--json'], 'list')).toBe(true);
    expect(runsVerbHere(['-L', 'list', 'status'], 'list')).toBe(false); // list is -L's value; the verb is status
    expect(runsVerbHere(['-L', 'list', '--version'], 'list')).toBe(false); // no verb at all
    expect(runsVerbHere(['help', 'list'], 'list')).toBe(false);
    expect(runsVerbHere(['list', '--via', 'ssh box'], 'list')).toBe(false);
    expect(runsVerbHere(['--via=ssh box', 'list'], 'list')).toBe(false);
    expect(runsVerbHere(['list', '--', '--via'], 'list')).toBe(true); // after --: a word, not the option
    expect(runsVerbHere(['--', 'list'], 'list')).toBe(false);
  });

  it('unknownOption names the word as typed, skips option values, stops at --', () => {
    expect(unknownOption(['-hello'], GLOBAL_OPTIONS)).toBe('-hello');
    expect(unknownOption(['--socket', '-x', '--json'], GLOBAL_OPTIONS)).toBeNull(); // -x is --socket's value
    expect(unknownOption(['-Lwork', '-hL', 'x'], GLOBAL_OPTIONS)).toBe('-hL'); // -L takes a value: not groupable after -h
    expect(unknownOption(['--', '-x'], GLOBAL_OPTIONS)).toBeNull();
    expect(unknownOption(['--socket=/x', '--nope=1'], GLOBAL_OPTIONS)).toBe('--nope=1');
  });

  it('takeVia takes --via wherever it stands before --, never after', () => {
    expect(takeVia(['--socket', 'S', '--via', 'ssh box', 'list'])).toEqual({ prefix: 'ssh box', rest: ['--socket', 'S', 'list'] });
    expect(takeVia(['send', 'T', '--via=sh -c', 'hi'])).toEqual({ prefix: 'sh -c', rest: ['send', 'T', 'hi'] });
    expect(takeVia(['send', 'T', '--', '--via'])).toBeNull();
  });

  it('positionalsAt finds the target and message past option values', () => {
    expect(positionalsAt(VERBS, ['status', '--socket', 'S', 'box:main:0.0'], 0)).toEqual({ at: [3], beforeTerminator: null });
    expect(positionalsAt(VERBS, ['-L', 'w', 'send', '--when-idle', 'box:main:0.0', '-', '30'], 2)?.at).toEqual([4, 5, 6]);
    expect(positionalsAt(VERBS, ['send', 'T', '--', '-x'], 0)).toEqual({ at: [1, 3], beforeTerminator: 1 });
    expect(positionalsAt(VERBS, ['ask', 'box:a', 'box:b', '--', 'box: hello'], 0)).toEqual({ at: [1, 2, 4], beforeTerminator: 2 });
    expect(positionalsAt(VERBS, ['nosuch', 'T'], 0)).toBeNull();
  });
});
