// 20 senders in 20 separate processes at once, into one idle REAL Claude Code peer: each
// message lands whole as its own user turn or is refused cleanly; the audit log has 20
// complete lines whose outcomes match the transcript.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RealPeers } from '../support/real-peers.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';
import { eventually } from '../support/run-cli.js';
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

it('20 concurrent sends: whole turns or clean refusals, matched by 20 audit lines', async () => {
  const p = await h.start('crowded');
  const bin = join(process.cwd(), 'dist/src/cli/main.js');
  if (!existsSync(bin)) throw new Error('run `npm run build` first (npm test does)');
  const env = { ...h.tmux.env, CLAUDE_DM_SOCKET: h.tmux.socketPath, ...w.env };
  const messages = Array.from({ length: 20 }, (_, i) => `message ${i} from sender ${i}: ${'x'.repeat(i)} end-${i}`);
  const results = await Promise.all(
    messages.map((m) => execa('node', [bin, 'send', p.paneId, m, '--json'], { env, reject: false, timeout: 120_000 })),
  );
  const outcomes = results.map((r) => (JSON.parse(r.stdout) as { outcome: string }).outcome);
  for (const [i, r] of results.entries()) {
    expect([0, 1], `sender ${i}: ${r.stderr}`).toContain(r.exitCode);
    // lock-timeout: 19 writers queue on one peer's lock, each re-checking the gate; on a loaded
    // machine the last can wait past the 30 s limit. Nothing is typed then either: a clean refusal.
    expect(['delivered', 'refused', 'not-submitted', 'lock-timeout'], r.stdout).toContain(outcomes[i]);
  }
  const delivered = messages.filter((_, i) => outcomes[i] === 'delivered');
  expect(delivered.length).toBeGreaterThanOrEqual(1);

  await eventually(() => delivered.every((m) => userPrompts(p.configDir).includes(m)), 30_000, 'every delivered message in the transcript');
  // A last message, sent once every sender has returned: Claude Code takes its input in order, so once it
  // is in the transcript anything still queued behind the senders has landed too.
  const marker = 'marker after every sender';
  // Idle comes after every delivered message has had its turn: up to 20 turns one after another, which a busy
  // machine takes minutes over. What the send said is the failure message if it does not get there.
  const sent = await execa('node', [bin, 'send', p.paneId, marker, '150', '--when-idle'], { env, reject: false });
  expect(sent.exitCode, `${sent.stdout} ${sent.stderr}`).toBe(0);
  await eventually(() => userPrompts(p.configDir).includes(marker), 30_000, 'the marker in the transcript');
  const prompts = userPrompts(p.configDir).filter((t) => t !== marker);
  // Every prompt in the transcript is exactly one whole message: none split, none merged.
  for (const prompt of prompts) expect(messages, prompt).toContain(prompt);
  expect([...prompts].sort()).toEqual([...delivered].sort());

  const lines = readFileSync(join(w.stateDir, 'audit.log'), 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.includes(marker));
  expect(lines).toHaveLength(20);
  const audit = lines.map((l) => JSON.parse(l) as { payload: string; outcome: string; verb: string });
  expect(audit.every((a) => a.verb === 'send')).toBe(true);
  expect(
    audit
      .filter((a) => a.outcome === 'delivered')
      .map((a) => a.payload)
      .sort(),
  ).toEqual([...delivered].sort());
  expect(audit.map((a) => a.payload).sort()).toEqual([...messages].sort());
}, 300_000);
