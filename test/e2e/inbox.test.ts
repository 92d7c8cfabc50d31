// The peer inbox on REAL Claude Code 2.1.332 peers (offline, fake API), both permission modes: a DM to a drafting
// peer arrives as a peer turn with the draft untouched; a DM to a busy peer is queued and arrives after the turn,
// nothing typed; ask gets its reply through the inbox; --keys on a drafting peer meets the draft gate; a peer
// whose settings hold inbound messages reports `held` (exit 1), never delivered, and --keys will not type around it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaudePeer } from '../../demo/claude-peer.js';
import { findInputBox, screenFromAnsi } from '../../src/classify/screen.js';
import type { RealPeers } from '../../demo/real-peers.js';
import { eventually } from '../support/run-cli.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';
import { findPeerByPane } from '../../src/session/peers.js';
import { openSession } from '../../src/session/session.js';
import { observePeers } from '../../src/peers/observe.js';
import { rowFromView } from '../../src/watch/peer-row.js';
import { transcriptRecords } from '../support/transcripts.js';

let w: WriteHarness;
let h: RealPeers;
beforeAll(async () => {
  w = await startWriteHarness({ version: '2.1.332' });
  h = w.h;
}, 60_000);
afterAll(async () => {
  await w?.close();
});

// As from outside any Claude session: no inbox of our own for replies to come back to.
const run = (args: string[]) => w.run(args, { CLAUDE_CODE_MESSAGING_SOCKET: '' });
const audit = () => w.audit();
const stateOf = async (p: ClaudePeer) => JSON.parse((await run(['status', p.paneId, '--json'])).stdout).state as string;
const becomes = (p: ClaudePeer, state: string, ms = 20_000) =>
  eventually(async () => (await stateOf(p)) === state, ms, `${p.name} → ${state}`);

async function boxText(p: ClaudePeer): Promise<string | null> {
  const box = findInputBox(screenFromAnsi(await h.tmux.tmux('capture-pane', '-p', '-e', '-t', p.paneId)));
  return box ? box.draft : null;
}

/** The peer's user records that came through the inbox. */
const peerTurns = (p: ClaudePeer) =>
  transcriptRecords(p.configDir).filter((r) => r.type === 'user' && (r.origin as { kind?: string } | undefined)?.kind === 'peer');
const peerTurnText = (r: Record<string, unknown>) => String((r.message as { content: unknown }).content);

describe.each(['auto', 'default'] as const)('2.1.332 in %s mode', (mode) => {
  it('a DM to a drafting peer arrives as a peer turn and the draft stays exactly in the box; --keys meets the draft gate', async () => {
    const p = await h.start(`draft-${mode}`, { permissionMode: mode });
    const draft = 'half-typed by the human — ünïcode';
    await h.keys(p, draft);
    await becomes(p, 'drafting');
    const r = await run(['send', p.paneId, `status from ${mode}?`, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'delivered', channel: 'inbox', state: 'drafting' });
    const turn = peerTurns(p).at(-1)!;
    expect(peerTurnText(turn)).toContain(`\nstatus from ${mode}?\n`);
    expect(turn.origin).toMatchObject({ kind: 'peer', msg_id: JSON.parse(r.stdout).msg_id });
    await eventually(async () => (await stateOf(p)) === 'drafting', 20_000, 'turn over, draft back');
    expect(await boxText(p)).toBe(draft);

    const keys = await run(['send', p.paneId, 'typed?', '--keys']);
    expect(keys.code).toBe(1);
    expect(keys.stderr).toMatch(/refused: peer is drafting/);
    expect(await boxText(p)).toBe(draft);
    expect(audit().slice(-2)).toEqual([
      expect.objectContaining({ verb: 'send', channel: 'inbox', outcome: 'delivered', pane_id: p.paneId }),
      expect.objectContaining({ verb: 'send', channel: 'keys', outcome: 'refused', pane_id: p.paneId }),
    ]);
  }, 120_000);

  it('a DM to a busy peer is queued and arrives after the turn; nothing is typed', async () => {
    const p = await h.start(`busy-${mode}`, { permissionMode: mode });
    await h.keys(p, 'slow6 work first');
    await h.press(p, 'Enter');
    await becomes(p, 'busy');
    const r = await run(['send', p.paneId, 'read me after your turn']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^queued for .* through its inbox/);
    expect(peerTurns(p)).toHaveLength(0);
    expect(await boxText(p)).toBe('');
    await eventually(() => peerTurns(p).length === 1, 30_000, 'the queued DM becomes a turn');
    const records = transcriptRecords(p.configDir);
    const firstAnswer = records.findIndex((x) => x.type === 'assistant' && JSON.stringify(x.message).includes('ECHO: slow6 work first'));
    const dm = records.findIndex((x) => x.type === 'user' && (x.origin as { kind?: string } | undefined)?.kind === 'peer');
    expect(firstAnswer).toBeGreaterThan(-1);
    expect(dm).toBeGreaterThan(firstAnswer);
    expect(audit().at(-1)).toMatchObject({ channel: 'inbox', outcome: 'queued' });
  }, 120_000);
});

describe('ask and holds on 2.1.332', () => {
  it('ask returns the reply to a message sent through the inbox; peek shows it as a DM', async () => {
    const p = await h.start('asker');
    await becomes(p, 'idle');
    const r = await run(['ask', p.paneId, 'reply: forty-two', '60', '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ reply: 'forty-two', status: 'done', channel: 'inbox' });
    const peek = await run(['peek', p.paneId, '2']);
    expect(peek.stdout).toMatch(new RegExp(`^❯ \\[DM from pid ${process.pid}\\] reply: forty-two\\n● forty-two$`));

    // On a busy peer ask goes through Claude Code's queue and waits for its turn.
    await h.keys(p, 'slow5 busy first');
    await h.press(p, 'Enter');
    await becomes(p, 'busy');
    const q = await run(['ask', p.paneId, 'reply: after your turn', '60', '--json']);
    expect(q.code, q.stdout + q.stderr).toBe(0);
    expect(JSON.parse(q.stdout)).toMatchObject({ reply: 'after your turn', status: 'done', channel: 'inbox' });
    expect(audit().at(-1)).toMatchObject({ verb: 'ask', channel: 'inbox', outcome: 'queued' });
  }, 120_000);

  it('a peer holding inbound messages: held, exit 1, never delivered; --keys will not type around it', async () => {
    const p = await h.start('holder', { settings: { crossSessionInbound: 'hold' } });
    const r = await run(['send', p.paneId, 'please hold this']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^claude-dm: .*: held by the peer for its user's review, not delivered to Claude/);
    expect(peerTurns(p)).toHaveLength(0);
    await eventually(
      () => transcriptRecords(p.configDir).some((x) => x.type === 'system' && String(x.content).startsWith('Held peer message')),
      10_000,
      'hold line',
    );
    // The dashboard's row for it (the same function its poller uses) says it holds messages.
    const ctx = openSession({ socket: h.tmux.socketPath }, { env: { ...h.tmux.env } });
    const [view] = await observePeers(ctx.tmux, [(await findPeerByPane(ctx, p.paneId))!], 0);
    expect(rowFromView(view!).inbound).toBe('hold');
    const keys = await run(['send', p.paneId, 'typed instead', '--keys', '--force']);
    expect(keys.code).toBe(1);
    expect(keys.stderr).toMatch(
      /holds messages from other sessions \(crossSessionInbound: hold in .*settings\.json\); typing it in would go around/,
    );
    expect(await boxText(p)).toBe('');
    expect(audit().slice(-2)).toEqual([
      expect.objectContaining({ channel: 'inbox', outcome: 'held' }),
      expect.objectContaining({ channel: 'keys', outcome: 'refused' }),
    ]);
  }, 120_000);
});
