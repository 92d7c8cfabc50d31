// Every shape of message reaches a real Claude Code peer as exactly one user turn, byte
// for byte: short and long, many lines, quotes and unicode, and 1 MB (which Claude Code
// shows as a `[Pasted text #N +K lines]` placeholder, checked by its line count).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/repo-root.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';
import { eventually } from '../support/run-cli.js';
import { userPrompts } from '../support/transcripts.js';

let w: WriteHarness;
beforeAll(async () => {
  w = await startWriteHarness({ version: '2.1.197' });
}, 60_000);
afterAll(async () => w?.close());

const MB = 1024 * 1024;
const lineOf90 = 'abcdefghij'.repeat(9);
const shapes: Record<string, string> = {
  short: 'hello there',
  quotes: `it's "quoted" $HOME \\back\\slash é 😀 中文`,
  thirtyLines: Array.from({ length: 30 }, (_, i) => `row ${i}`).join('\n'),
  longLine: `${'x'.repeat(200)} ${'y'.repeat(200)} end`,
  fiveThousand: 'w'.repeat(5000),
  oneMegabyteOfLines: `${`${lineOf90}\n`.repeat(Math.ceil(MB / 91))}`.slice(0, MB - 1) + 'z',
  oneMegabyteOneLine: 'q'.repeat(MB),
};

it('each shape lands as one whole user turn, identical to what was sent', { timeout: 180_000 }, async () => {
  const p = await w.h.start('shapes');
  for (const [name, text] of Object.entries(shapes)) {
    // A megabyte is over Linux's 128 KiB limit for one argument: it goes through stdin (`-`)
    // of the built binary, as a user would send it. The rest run in-process.
    const stdout =
      text.length > 100_000
        ? execFileSync(process.execPath, [join(REPO_ROOT, 'dist', 'claude-dm-portable.mjs'), 'send', p.paneId, '-', '--json'], {
            input: text,
            encoding: 'utf8',
            env: { ...w.h.tmux.env, ...w.env, CLAUDE_DM_SOCKET: w.h.tmux.socketPath },
          })
        : (await w.run(['send', p.paneId, text, '--json'])).stdout;
    expect(JSON.parse(stdout), `${name}: ${stdout.slice(0, 400)}`).toMatchObject({ outcome: 'delivered', ok: true });
    await eventually(() => userPrompts(p.configDir).at(-1) === text, 30_000, `${name} in the transcript`);
    // The turn it started has ended (its reply recorded, the peer idle for 0.5 s): idle alone can be read in
    // the moment between the prompt landing and the turn starting, and the next send is then refused as busy.
    expect(await w.run(['wait', p.paneId, '0.2', '60', '0.5']), name).toMatchObject({ code: 0, stdout: 'DONE' });
  }
  expect(userPrompts(p.configDir)).toEqual(Object.values(shapes));
  expect(w.audit().map((a) => a.outcome)).toEqual(Object.keys(shapes).map(() => 'delivered'));
});
