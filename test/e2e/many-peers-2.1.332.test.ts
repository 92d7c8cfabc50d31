// Many peers at once, on three REAL Claude Code 2.1.332 peers (manual mode) offline: `watch --json` follows
// one through idle → busy → a prompt → idle; `wait --any` returns at the first of three; `ask` to three
// returns three results as JSON lines, one refused (a human's draft, with --keys) without holding the others.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { typeInto, type ClaudePeer } from '../../demo/claude-peer.js';
import { cli, eventually } from '../support/run-cli.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';

let w: WriteHarness;
let peers: ClaudePeer[];
beforeAll(async () => {
  w = await startWriteHarness({ version: '2.1.332' });
  peers = [];
  for (const name of ['one', 'two', 'three']) peers.push(await w.h.start(name, { permissionMode: 'default' }));
}, 180_000);
afterAll(async () => w?.close());
afterEach(async () => {
  for (const p of peers ?? []) if (w) await w.backToIdle(p);
}, 90_000);

const idle = (p: ClaudePeer) => w.becomes(p, 'idle', 30_000);
const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('Claude Code 2.1.332: many peers at once', () => {
  it(
    'watch --json: idle → busy → a prompt (with its id and what y/n pick) → idle, and the turn with its reply',
    { timeout: 90_000 },
    async () => {
      const p = peers[0]!;
      await idle(p);
      const events: Array<Record<string, unknown>> = [];
      const stop = new AbortController();
      const watching = cli(w.h.tmux, ['watch', p.paneId, '--json', '--interval', '0.3'], {
        env: w.env,
        signal: stop.signal,
        onLine: (l) => events.push(JSON.parse(l) as Record<string, unknown>),
      });
      const seen = (pred: (e: Record<string, unknown>) => boolean, what: string) => eventually(() => events.find(pred), 30_000, what);
      await seen((e) => e.event === 'snapshot' && e.state === 'idle', 'the snapshot');
      await typeInto(w.h.tmux.socketPath, p.paneId, 'please run bash now', w.h.tmux.env);
      await seen((e) => e.event === 'state' && e.from === 'idle' && e.to === 'busy', 'idle → busy');
      const prompt = await seen((e) => e.event === 'prompt', 'the prompt');
      expect(prompt).toMatchObject({
        target: expect.any(String),
        pane_id: p.paneId,
        prompt: 'bash',
        tool: 'Bash',
        prompt_id: expect.stringMatching(/^pr-/),
      });
      expect(prompt.keys).toMatchObject({ y: { option: 'Yes', widens: false }, n: { option: 'No', widens: false } });
      expect(await w.run(['answer', p.paneId, 'y', '--prompt', String(prompt.prompt_id)])).toMatchObject({ code: 0 });
      await seen((e) => e.event === 'state' && e.from === 'modal', 'the prompt closing');
      const turn = await seen((e) => e.event === 'turn', 'the end of the turn');
      expect(turn).toMatchObject({ stop_reason: 'end_turn', reply: 'The command finished.' });
      await seen((e) => e.event === 'state' && e.to === 'idle', 'idle again');
      // In order: the snapshot, busy, the prompt, then its close.
      const order = events.map((e) => (e.event === 'state' ? `${e.from}→${e.to}` : e.event));
      expect(order.indexOf('idle→busy')).toBeLessThan(order.indexOf('prompt'));
      expect(order.indexOf('prompt')).toBeLessThan(order.indexOf('turn'));
      stop.abort();
      expect((await watching).code).toBe(0);
    },
  );

  it('wait --any returns at the first of three to finish, with its line', { timeout: 90_000 }, async () => {
    for (const p of peers) await idle(p);
    const [fast, slowA, slowB] = peers as [ClaudePeer, ClaudePeer, ClaudePeer];
    await typeInto(w.h.tmux.socketPath, slowA.paneId, 'please wait slow12', w.h.tmux.env);
    await typeInto(w.h.tmux.socketPath, slowB.paneId, 'please wait slow12', w.h.tmux.env);
    await typeInto(w.h.tmux.socketPath, fast.paneId, 'please wait slow1', w.h.tmux.env);
    const r = await w.run([
      'wait',
      '--any',
      slowA.paneId,
      fast.paneId,
      slowB.paneId,
      '--interval',
      '0.2',
      '--debounce',
      '0.5',
      '--timeout',
      '60',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toEqual([expect.objectContaining({ pane_id: fast.paneId, result: 'DONE', stop_reason: 'end_turn' })]);
    // It returned while the other two still work: neither has finished.
    for (const p of [slowA, slowB]) expect(JSON.parse((await w.run(['status', p.paneId, '--json'])).stdout).state).toBe('busy');
  });

  it(
    'ask to three peers: two replies and one refusal (a human draft, --keys), as JSON lines, none holding the others',
    { timeout: 90_000 },
    async () => {
      for (const p of peers) await idle(p);
      const [a, b, drafter] = peers as [ClaudePeer, ClaudePeer, ClaudePeer];
      await w.h.keys(drafter, 'a human is typing here');
      await w.becomes(drafter, 'drafting');
      const r = await w.run(['ask', '--json', '--keys', a.paneId, b.paneId, drafter.paneId, '--', 'reply: ready', '60']);
      expect(r.code).toBe(1); // not every peer replied
      const lines = jsonLines(r.stdout);
      expect(lines).toHaveLength(3);
      const by = Object.fromEntries(lines.map((l) => [String(l.target), l]));
      const address = async (p: ClaudePeer) =>
        (await w.h.tmux.tmux('display', '-p', '-t', p.paneId, '#{session_name}:#{window_index}.#{pane_index}')).trim();
      expect(by[await address(a)]).toMatchObject({ reply: 'ready', status: 'done', channel: 'keys' });
      expect(by[await address(b)]).toMatchObject({ reply: 'ready', status: 'done', channel: 'keys' });
      expect(by[await address(drafter)]).toMatchObject({ outcome: 'refused', ok: false, detail: expect.stringMatching(/drafting/) });
      // The refusal came first: it held nobody up.
      expect(lines[0]).toMatchObject({ outcome: 'refused' });
      const box = await w.h.tmux.tmux('capture-pane', '-p', '-t', drafter.paneId);
      expect(box).toContain('a human is typing here');
      await w.h.press(drafter, 'C-u');
    },
  );
});
