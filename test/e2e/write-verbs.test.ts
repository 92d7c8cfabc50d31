// The gated write verbs against REAL Claude Code peers (offline, fake API).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaudePeer } from '../../demo/claude-peer.js';
import { findInputBox, screenFromAnsi } from '../../src/classify/screen.js';
import type { RealPeers } from '../support/real-peers.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';
import { eventually } from '../support/run-cli.js';
import { settledScreen, TYPED } from '../support/sentinel.js';
import { transcriptFiles, transcriptRecords, userPrompts } from '../support/transcripts.js';

let w: WriteHarness;
let h: RealPeers;
beforeAll(async () => {
  w = await startWriteHarness({ version: '2.1.197' });
  h = w.h;
}, 60_000);
afterAll(async () => w?.close());

const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => w.run(args, extra);
const stateOf = (p: ClaudePeer) => w.stateOf(p);
const becomes = (p: ClaudePeer, state: string, ms?: number) => w.becomes(p, state, ms);
const audit = () => w.audit();

async function boxText(peer: ClaudePeer): Promise<string | null> {
  const box = findInputBox(screenFromAnsi(await h.tmux.tmux('capture-pane', '-p', '-e', '-t', peer.paneId)));
  return box ? box.draft : null;
}

describe('send', () => {
  it('reaches the transcript as one user turn; a multi-line unicode message arrives intact', async () => {
    const p = await h.start('sender');
    const r = await run(['send', p.paneId, 'hello from claude-dm']);
    // The address as tmux itself names the pane, not as our own output does.
    const addr = (await h.tmux.tmux('display', '-p', '-t', p.paneId, '#{session_name}:#{window_index}.#{pane_index}')).trim();
    expect(r).toMatchObject({ code: 0, stdout: `delivered to ${addr}` });
    await eventually(() => userPrompts(p.configDir).includes('hello from claude-dm'), 10_000, 'prompt in transcript');
    await becomes(p, 'idle');

    const text = `first line with "quotes", $HOME and \\backslash\n  second line: héllo wörld 😀 中文\n\tthird, after a tab`;
    const j = await run(['send', p.paneId, text, '--json']);
    expect(JSON.parse(j.stdout)).toMatchObject({ outcome: 'delivered', ok: true, verb: 'send' });
    // Claude Code 2.1.197 expands a tab in its input box to four spaces (pasted or long-pasted
    // alike); every other byte arrives as sent.
    const landed = text.replace(/\t/g, '    ');
    await eventually(() => userPrompts(p.configDir).includes(landed), 10_000, 'multi-line prompt in transcript');
    const last = audit().at(-1)!;
    expect(last).toMatchObject({ verb: 'send', payload: text, outcome: 'delivered', pane_id: p.paneId });
  });

  it('a human draft survives a refused send byte for byte, and nothing is typed', async () => {
    const p = await h.start('drafter');
    const draft = "half-typed: don't touch this — ünïcode";
    await h.keys(p, draft);
    await becomes(p, 'drafting');
    const r = await run(['send', p.paneId, 'intrusion']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused: peer is drafting: a human is typing/);
    await settledScreen(h.tmux, p, TYPED);
    expect(await boxText(p)).toBe(draft);
    expect(audit().at(-1)).toMatchObject({
      verb: 'send',
      outcome: 'refused',
      gate: expect.objectContaining({ allowed: false, state: 'drafting' }),
    });
    // --force on a draft would concatenate onto it: the box check catches that and presses nothing.
    const forced = await run(['send', p.paneId, 'forced text', '--force']);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/not submitted: box changed/);
    expect(userPrompts(p.configDir)).not.toContain('forced text');
  });

  it('is refused on a busy peer, and --when-idle waits and then sends', async () => {
    const p = await h.start('waiter');
    expect((await run(['send', p.paneId, 'keep busy slow3'])).code).toBe(0);
    await becomes(p, 'busy');
    const refused = await run(['send', p.paneId, 'too early']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refused: peer is busy/);
    const later = await run(['send', p.paneId, 'after the turn', '--when-idle', '30']);
    expect(later.code).toBe(0);
    await eventually(() => userPrompts(p.configDir).includes('after the turn'), 10_000, 'deferred prompt');
    expect(userPrompts(p.configDir)).not.toContain('too early');
  });

  it('refuses control characters before touching the peer', async () => {
    const p = await h.start('ctl');
    const r = await run(['send', p.paneId, 'evil\x1b[201~\rexit']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/control character 0x1b/);
    expect(await boxText(p)).toBe('');
  });
});

describe('answer and esc', () => {
  it('answer 1 on a real Bash permission prompt runs the command; answer 3 denies another', async () => {
    const p = await h.start('approver');
    const yes = join(h.tmux.dir, 'approved.txt');
    await run(['send', p.paneId, `bash: touch ${yes}`]);
    await becomes(p, 'modal');
    expect((await run(['answer', p.paneId, '7'])).stderr).toMatch(/no option "7" on screen/);
    const j = JSON.parse((await run(['answer', p.paneId, '1', '--json'])).stdout);
    expect(j).toMatchObject({ outcome: 'delivered', key: '1', option: 'Yes', prompt: 'bash' });
    expect(j.subject).toContain(`touch ${yes}`);
    await eventually(() => existsSync(yes), 10_000, 'the approved command to run');
    await becomes(p, 'idle');

    const no = join(h.tmux.dir, 'denied.txt');
    await run(['send', p.paneId, `bash: touch ${no}`]);
    await becomes(p, 'modal');
    expect((await run(['answer', p.paneId, '3'])).code).toBe(0);
    await becomes(p, 'idle');
    expect(existsSync(no)).toBe(false);
    expect((await run(['answer', p.paneId, '1'])).stderr).toMatch(/refused: peer is idle, not on a modal/);
  });

  it('esc interrupts a busy peer', async () => {
    const p = await h.start('interrupted');
    await run(['send', p.paneId, 'stream20 for a while']);
    await becomes(p, 'busy');
    const r = await run(['esc', p.paneId, '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'delivered', before: 'busy' });
    await eventually(async () => ['idle', 'drafting'].includes(await stateOf(p)), 10_000, 'no longer busy');
  });
});

describe('cmd', () => {
  it('/clear without --confirm is refused and the peer keeps its transcript; with --confirm it clears', async () => {
    const p = await h.start('clearer');
    await run(['send', p.paneId, 'remember this']);
    await eventually(() => userPrompts(p.configDir).includes('remember this'), 10_000, 'prompt');
    // The turn's reply first: idle read between the prompt's landing and the turn's start would let the turn
    // draw its end (`✻ Cooked for 0s`) after the screen below is taken as the one to come back to.
    await eventually(
      () => transcriptRecords(p.configDir).some((r) => r.type === 'assistant' && JSON.stringify(r.message).includes('ECHO: remember this')),
      20_000,
      'the reply to "remember this"',
    );
    await becomes(p, 'idle');
    const before = transcriptFiles(p.configDir);
    const r = await run(['cmd', p.paneId, '/clear']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\/clear is red-tier \(destructive\): add --confirm/);
    await settledScreen(h.tmux, p, TYPED);
    expect(await boxText(p)).toBe('');
    expect(transcriptFiles(p.configDir)).toEqual(before);
    expect((await run(['peek', p.paneId, '2'])).stdout).toContain('remember this');

    expect((await run(['cmd', p.paneId, 'clear'])).code).toBe(2);
    const ok = await run(['cmd', p.paneId, '/clear', '--confirm']);
    expect(ok.code).toBe(0);
    await eventually(
      async () => !(await run(['peek', p.paneId])).stdout.includes('remember this'),
      10_000,
      'peek to follow the new session',
    );
  });
});
