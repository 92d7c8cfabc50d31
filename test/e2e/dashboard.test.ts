// claude-dm-tui itself, in a tmux window beside REAL Claude Code peers (offline, fake API):
// read with capture-pane, driven with send-keys, as a person would.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ClaudePeer } from '../../demo/claude-peer.js';
import { eventually } from '../support/run-cli.js';
import { transcriptFiles, userPrompts } from '../support/transcripts.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';

let w: WriteHarness;
let worker: ClaudePeer;
let bystander: ClaudePeer;
let dash: string;

beforeAll(async () => {
  w = await startWriteHarness({ version: '2.1.197' });
  worker = await w.h.start('worker');
  bystander = await w.h.start('bystander');
  dash = await w.openDashboard();
}, 90_000);
afterAll(async () => w?.close());

const screen = async () => w.h.tmux.tmux('capture-pane', '-p', '-t', dash);
const keys = (...k: string[]) => w.h.tmux.tmux('send-keys', '-t', dash, ...k);
async function shows(pred: (s: string) => boolean, what: string, ms = 20_000): Promise<string> {
  let last = '';
  try {
    return await eventually(
      async () => {
        last = await screen();
        return pred(last) ? last : null;
      },
      ms,
      `the dashboard to show ${what}`,
    );
  } catch (e) {
    throw new Error(`${(e as Error).message}; the dashboard showed:\n${last}`, { cause: e });
  }
}
const rowOf = (s: string, p: ClaudePeer) => s.split('\n').find((l) => l.includes(`/${p.name}/work`)) ?? '';

it('shows a Bash permission prompt with its command; 1 approves it; the peer goes busy, then idle', { timeout: 90_000 }, async () => {
  await shows((s) => rowOf(s, worker).includes('🟢 idle') && rowOf(s, bystander).includes('🟢 idle'), 'both peers idle');
  const marker = join(w.h.tmux.dir, 'approved-from-dashboard');
  expect((await w.run(['send', worker.paneId, `bash: sleep 3 && touch ${marker}`])).code).toBe(0);
  await shows((s) => rowOf(s, worker).includes('🔴 modal (permission)'), 'the modal');
  await keys('g'); // modal peers sort first
  const preview = await shows((s) => s.includes('Bash command') && s.includes(`sleep 3 && touch ${marker}`), 'the command in the preview');
  expect(preview).toMatch(/1 Yes/);
  expect(existsSync(marker)).toBe(false);

  await keys('1');
  await shows((s) => rowOf(s, worker).includes('🔵 busy'), 'the peer busy running the command');
  await eventually(() => existsSync(marker), 20_000, 'the approved command to run');
  await shows((s) => rowOf(s, worker).includes('🟢 idle'), 'the peer idle again');
  expect(await screen()).toMatch(/answered 1\. Yes/);
});

it('a red-tier command asks first, and n leaves the peer untouched', { timeout: 90_000 }, async () => {
  await shows((s) => rowOf(s, worker).includes('🟢 idle'), 'worker idle');
  const selectedIsWorker = async () => (await screen()).split('\n').some((l) => l.startsWith('▶') && l.includes('/worker/work'));
  for (let i = 0; i < 3 && !(await selectedIsWorker()); i++) await keys('j');
  if (!(await selectedIsWorker())) await keys('g');
  await eventually(selectedIsWorker, 5000, 'worker selected');
  const before = transcriptFiles(worker.configDir);

  await keys('c');
  await shows((s) => s.includes('slash command for'), 'the picker');
  await w.h.tmux.tmux('send-keys', '-t', dash, '-l', 'clear');
  await shows((s) => s.includes('/clear▏') && s.includes('🔴 red'), '/clear typed, red');
  await keys('Enter');
  const dialog = await shows((s) => s.includes('Run /clear in'), 'the confirmation');
  expect(dialog).toMatch(/Run \/clear in peers:\d\.0\? It is destructive/);
  await keys('n');
  await shows((s) => s.includes('/clear not run'), 'the cancellation');
  // A message through the CLI takes the peer's write lock after anything the dashboard started: once it is in
  // the transcript, a /clear the dashboard had run would have landed before it.
  expect((await w.run(['send', worker.paneId, 'after the cancelled clear', '60', '--when-idle'])).code).toBe(0);
  await eventually(() => userPrompts(worker.configDir).includes('after the cancelled clear'), 20_000, 'the message after');
  expect(transcriptFiles(worker.configDir)).toEqual(before);
  expect(w.audit().some((a) => a.verb === 'cmd')).toBe(false);
  await shows((s) => rowOf(s, worker).includes('🟢 idle'), 'worker idle again');
});
