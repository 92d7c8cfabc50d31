// Claude Code 2.1.197 has no peer inbox: send and ask fall back to keystrokes with today's gates, and --inbox
// fails clearly without typing anything.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findInputBox, screenFromAnsi } from '../../src/classify/screen.js';
import type { RealPeers } from '../../demo/real-peers.js';
import { eventually } from '../support/run-cli.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';
import { userPrompts } from '../support/transcripts.js';

let w: WriteHarness;
let h: RealPeers;
beforeAll(async () => {
  w = await startWriteHarness({ version: '2.1.197' });
  h = w.h;
}, 60_000);
afterAll(async () => {
  await w?.close();
});

const run = (args: string[]) => w.run(args);
const audit = () => w.audit();

it('send and ask type into a 2.1.197 peer; --inbox fails and types nothing', async () => {
  const p = await h.start('old');
  const s = await run(['send', p.paneId, 'hello by keys']);
  expect(s.code, s.stderr).toBe(0);
  expect(s.stdout).toMatch(/^delivered to \S+$/);
  await eventually(() => userPrompts(p.configDir).includes('hello by keys'), 10_000, 'typed prompt');
  await eventually(async () => JSON.parse((await run(['status', p.paneId, '--json'])).stdout).state === 'idle', 20_000, 'idle');
  const a = await run(['ask', p.paneId, 'reply: by keys too', '60']);
  expect(a.code, a.stderr).toBe(0);
  expect(a.stdout).toBe('by keys too');

  const before = userPrompts(p.configDir).length;
  const i = await run(['send', p.paneId, 'inbox only', '--inbox']);
  expect(i.code).toBe(1);
  expect(i.stderr).toMatch(/^claude-dm: \S+: refused: --inbox: the peer advertises no inbox/);
  const box = findInputBox(screenFromAnsi(await h.tmux.tmux('capture-pane', '-p', '-e', '-t', p.paneId)));
  expect(box?.draft).toBe('');
  expect(userPrompts(p.configDir)).toHaveLength(before);
  expect(audit().map((l) => [l.verb, l.channel, l.outcome])).toEqual([
    ['send', 'keys', 'delivered'],
    ['ask', 'keys', 'delivered'],
    ['send', 'keys', 'refused'],
  ]);
}, 120_000);
