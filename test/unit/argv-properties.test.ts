// Property-based: any command line, however hostile, ends in a documented exit code with its words
// on stdout and stderr, never an internal error, never a control sequence printed, and never a key
// typed into a pane. The words are drawn from the CLI's own tables (every verb, every option of every
// verb) mixed with targets, values, `--`, `-` and arbitrary strings with control characters in them.
// Behind it a tmux that has no server: whatever a verb tries, nothing is there to reach.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { GLOBAL_OPTIONS, runCli } from '../../src/cli/run.js';
import { VERBS } from '../../src/cli/verbs/index.js';
import type { RunResult, Runner } from '../../src/tmux/runner.js';

const home = mkdtempSync(join(tmpdir(), 'cdm-argv-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

// Verbs that start other processes or run until stopped are left out: the agent (serve) reads its
// standard input for ever, spawn starts Claude Code, and --via/--host start a transport.
const LEFT_OUT_VERBS = new Set(['serve', 'spawn', 'watch', 'tail']);
const LEFT_OUT_OPTIONS = new Set(['via', 'host', 'all-hosts']);

/** Every way an option of ours can be written: --name, --name=value, -s. */
function optionWords(): string[] {
  const specs = [Object.entries(GLOBAL_OPTIONS), ...VERBS.map((v) => Object.entries(v.options))].flat();
  const words = new Set<string>();
  for (const [name, o] of specs) {
    if (LEFT_OUT_OPTIONS.has(name)) continue;
    words.add(`--${name}`);
    if (o.type === 'string') words.add(`--${name}=x`);
    if (o.short) words.add(`-${o.short}`);
  }
  return [...words];
}

const verbs = VERBS.map((v) => v.name).filter((n) => !LEFT_OUT_VERBS.has(n));
const hostile = fc.string({
  maxLength: 12,
  unit: fc.constantFrom('a', '-', '=', ':', '%', '\x1b', '\x07', '\x9b', '\u202e', '\n', '\r', '\t', ' ', '🟢'),
});
const word = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...verbs, 'help', 'nosuch') },
  { weight: 4, arbitrary: fc.constantFrom(...optionWords()) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('%1', 'main:0.0', '-', '--', '/exit', '/clear', 'y', 'n', '3', '0', '-1', 'hi', 'K=*', 'cwd=~/x'),
  },
  { weight: 2, arbitrary: hostile },
);

/** A tmux with no server behind it; every call is kept, to check that nothing was ever typed. */
class NoServerRunner implements Runner {
  readonly calls: string[][] = [];
  async run(file: string, args: readonly string[]): Promise<RunResult> {
    this.calls.push([file, ...args]);
    return { stdout: '', stderr: `no server running on ${join(home, 'sock')}`, exitCode: 1 };
  }
}

// The tmux commands that put anything into a pane.
const TYPING = new Set(['send-keys', 'paste-buffer', 'load-buffer', 'set-buffer', 'send', 'pasteb', 'loadb', 'setb']);
// Any C0 control but none, C1, DEL, and bidi overrides/isolates: what must never reach a terminal on stderr.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const runner = new NoServerRunner();
  const code = await runCli(argv, {
    verbs: VERBS,
    env: { HOME: home, CLAUDE_DM_SOCKET: join(home, 'sock') },
    runner,
    io: { out: (l) => out.push(l), err: (l) => err.push(l) },
    stdin: () => 'a message from standard input',
    stdinStream: () => Readable.from([]),
  });
  return { code, out, err, calls: runner.calls };
}

describe('argv properties', () => {
  it('any command line: exit 0, 1 or 2, its failures one printable line each, nothing typed into a pane', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 8 }), async (argv) => {
        const r = await run(argv);
        expect([0, 1, 2]).toContain(r.code);
        for (const line of r.err) expect(line).not.toMatch(/internal error/);
        for (const line of [...r.out, ...r.err]) expect(line, JSON.stringify(line)).not.toMatch(CONTROL);
        // A failure says why: on stderr, or in the verb's own report (doctor's ✗ lines).
        if (r.code !== 0) expect(r.err.length + r.out.length).toBeGreaterThan(0);
        const typed = r.calls.filter((c) => c[0] === 'tmux' && c.some((a) => TYPING.has(a)));
        expect(typed).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
