// ask and self against REAL Claude Code peers (offline, fake API).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaudePeer } from '../../demo/claude-peer.js';
import { selfNotification } from '../../src/actions/self-worker.js';
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
afterAll(async () => w?.close());

const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => w.run(args, extra);
const becomes = (p: ClaudePeer, state: string, ms?: number) => w.becomes(p, state, ms);
/** Pretend to be a process running inside `p`'s own pane. */
const inside = (p: ClaudePeer) => ({ TMUX: `${h.tmux.socketPath},1,0`, TMUX_PANE: p.paneId, CLAUDE_DM_SOCKET: '' });

describe('ask', () => {
  it("returns the fake API's reply to our message, as text and as --json", async () => {
    const p = await h.start('asked');
    const r = await run(['ask', p.paneId, 'reply: forty-two is the answer']);
    expect(r).toMatchObject({ code: 0, stdout: 'forty-two is the answer' });
    await becomes(p, 'idle');
    const j = await run(['ask', p.paneId, 'reply: second answer\nover two lines', '--json']);
    expect(j.code).toBe(0);
    const body = JSON.parse(j.stdout);
    expect(body).toMatchObject({ reply: 'second answer\nover two lines', stop_reason: 'end_turn', status: 'done' });
    expect(body.elapsed_ms).toBeGreaterThan(0);
    expect(body.blocks).toEqual([{ role: 'assistant', text: 'second answer\nover two lines' }]);
  });

  it('exits 1 with what arrived so far when the peer opens a modal instead of answering', async () => {
    const p = await h.start('asked-modal');
    const r = await run(['ask', p.paneId, `bash: touch ${join(h.tmux.dir, 'never')}`, '30']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/opened a modal/);
    await run(['esc', p.paneId]);
  });

  it('times out with exit 1', async () => {
    const p = await h.start('asked-slow');
    const r = await run(['ask', p.paneId, 'take long slow30', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no end of turn within 1s/);
    await run(['esc', p.paneId]);
  });
});

describe('self', () => {
  it('queues /cost on a busy own pane; after the turn it types the command and then the notification', async () => {
    const p = await h.start('selfish');
    await run(['send', p.paneId, 'a long turn slow4']);
    await becomes(p, 'busy');
    const r = await run(['self', '/cost'], inside(p));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/queued \/cost/);
    // /cost is /usage in 2.1.197: it opens a dialog. Its text travels in the notification.
    const note = await eventually(
      () => userPrompts(p.configDir).find((t) => t.startsWith('<notification>claude-dm self /cost dispatched')),
      30_000,
      'the notification turn',
    );
    expect(note).toMatch(/opened a dialog, which claude-dm read and closed:\n[\s\S]*Total cost:/);
    const blocks = JSON.parse((await run(['peek', p.paneId, '20', '--json'])).stdout).blocks as Array<{ text: string }>;
    const order = ['a long turn slow4', '/usage', note].map((t) => blocks.findIndex((b) => b.text === t));
    expect(
      order.every((i) => i >= 0),
      JSON.stringify(blocks),
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The worker writes its audit line once it has seen the notification taken (the box emptied, the peer busy),
    // which can come after the turn shows in the transcript: waited for, not read once.
    const selfOutcomes = () =>
      readFileSync(join(w.stateDir, 'audit.log'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { verb: string; outcome: string })
        .filter((l) => l.verb === 'self')
        .map((l) => l.outcome);
    await eventually(() => selfOutcomes().length >= 3, 15_000, "the self worker's audit lines");
    expect(selfOutcomes()).toEqual(['queued', 'delivered', 'delivered']);
  }, 60_000);

  it('a command that prints (/rename) is followed by the plain notification', async () => {
    const p = await h.start('renamer');
    expect((await run(['self', '/rename', 'self-named'], inside(p))).code).toBe(0);
    await eventually(() => userPrompts(p.configDir).includes(selfNotification('/rename self-named')), 30_000, 'the notification turn');
    expect((await run(['peek', p.paneId, '5'])).stdout).toMatch(/❯ \/rename self-named\n● Session renamed to: self-named/);
  }, 60_000);

  it('refuses at once on a draft, outside the allowlist, and outside tmux', async () => {
    const p = await h.start('self-draft');
    await h.keys(p, 'my own draft');
    await becomes(p, 'drafting');
    const drafted = await run(['self', '/compact'], inside(p));
    expect(drafted.code).toBe(1);
    expect(drafted.stderr).toMatch(/your input box holds a draft/);
    expect((await run(['self', '/clear'], inside(p))).stderr).toMatch(/self allows only \/context \/compact \/rename \/cost/);
    const outside = await run(['self', '/cost']);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/run it inside tmux/);
  });
});
