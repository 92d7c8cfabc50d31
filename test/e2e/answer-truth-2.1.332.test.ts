// Every answer's outcome is the truth, on REAL Claude Code 2.1.332 (manual mode: numbered prompts) offline.
// 2.1.332 ignores keys for ~150 ms after it draws a prompt: an answer pressed the moment the prompt shows
// must still be taken (claude-dm waits for the prompt to take keys) and reported delivered only when the
// prompt closed. An answer aimed at a prompt (`--prompt ID`) never reaches another one, even one that looks
// the same; two answers aimed at one prompt land once.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { typeInto, type ClaudePeer } from '../../demo/claude-peer.js';
import { eventually } from '../support/run-cli.js';
import { lastToolUse, toolResultText, type ToolCall } from '../support/transcripts.js';
import { CURSOR, settledScreen } from '../support/sentinel.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';

let w: WriteHarness;
let peer: ClaudePeer;
/** The command the prompts ask to run: it appends a line, so the file says how often it ran. */
let ran: string;

beforeAll(async () => {
  w = await startWriteHarness({ version: '2.1.332' });
  peer = await w.h.start('truth', { permissionMode: 'default' });
  ran = join(peer.homeDir, 'ran.txt');
}, 120_000);
afterAll(async () => w?.close());
// A test that failed half-way leaves the prompt open: close it so the next starts from idle.
afterEach(async () => w && peer && (await w.backToIdle(peer)), 60_000);

type Status = { state: string; prompt_id: string | null; modal: { lines: string[] } | null };
const status = async (): Promise<Status> => JSON.parse((await w.run(['status', peer.paneId, '--json'])).stdout) as Status;
const state = async () => (await status()).state;
const timesRun = () => (existsSync(ran) ? readFileSync(ran, 'utf8').split('\n').filter(Boolean).length : 0);
/** The screen without what blinks by itself (the ● of a tool call waiting for approval). */
const unblink = (s: string) => s.replace(/●/g, ' ');
const screen = async () => unblink(await w.h.tmux.tmux('capture-pane', '-p', '-t', peer.paneId));
type Answer = { outcome: string; ok: boolean; prompt_id: string | null; confirmed_by?: string[]; detail: string; code: number };
async function answer(...args: string[]): Promise<Answer> {
  const r = await w.run(['answer', peer.paneId, ...args, '--json']);
  return { ...(JSON.parse(r.stdout) as Omit<Answer, 'code'>), code: r.code };
}

/** Asks for the same command each time: the prompts look the same. Waits until the prompt has its id. */
async function raise(): Promise<{ s: Status; call: ToolCall }> {
  await eventually(async () => (await state()) === 'idle', 25_000, 'the peer idle');
  const before = lastToolUse(peer.configDir)?.id;
  await typeInto(w.h.tmux.socketPath, peer.paneId, `bash: echo once >> ${ran}`, w.h.tmux.env);
  const s = await eventually(
    async () => {
      const x = await status();
      return x.state === 'modal' && x.prompt_id !== null ? x : null;
    },
    25_000,
    'the prompt with its id',
  );
  const call = await eventually(
    () => ((c) => (c && c.id !== before ? c : null))(lastToolUse(peer.configDir)),
    10_000,
    'the tool call in the transcript',
  );
  return { s, call };
}
const result = (call: ToolCall) => eventually(() => toolResultText(peer.configDir, call.id), 15_000, `the result of ${call.name}`);

describe('Claude Code 2.1.332: an answer is the truth', () => {
  it('answers pressed the moment each prompt shows are taken, and delivered means the prompt closed', { timeout: 90_000 }, async () => {
    // Three times, as a conductor would: `wait` returns MODAL (no debounce), `status` shows the prompt, `answer` at once.
    for (let i = 0; i < 3; i++) {
      await eventually(async () => (await state()) === 'idle', 25_000, 'the peer idle');
      const before = lastToolUse(peer.configDir)?.id;
      await typeInto(w.h.tmux.socketPath, peer.paneId, `bash: echo once >> ${ran}`, w.h.tmux.env);
      expect(await w.run(['wait', peer.paneId, '0.05', '30', '0'])).toMatchObject({ code: 0, stdout: 'MODAL' });
      await eventually(async () => (await state()) === 'modal', 10_000, 'the prompt in status');
      const n = await answer('n');
      expect(n).toMatchObject({ outcome: 'delivered', ok: true, code: 0 });
      expect(n.confirmed_by?.length).toBeGreaterThan(0);
      const call = await eventually(() => ((c) => (c && c.id !== before ? c : null))(lastToolUse(peer.configDir)), 10_000, 'the call');
      expect(await result(call)).toMatch(/doesn't want to proceed|rejected/);
    }
    expect(timesRun()).toBe(0);
  });

  it('answer --prompt with a stale id (the next prompt looks the same) is refused and types nothing', { timeout: 90_000 }, async () => {
    const first = await raise();
    const id = first.s.prompt_id!;
    expect(await answer('y', '--prompt', id)).toMatchObject({ outcome: 'delivered', prompt_id: id });
    await result(first.call);
    await eventually(() => timesRun() === 1, 15_000, 'the approved command to run');

    const second = await raise();
    expect(second.s.prompt_id).not.toBe(id);
    expect(second.s.modal?.lines.join('\n')).toBe(first.s.modal?.lines.join('\n')); // looks the same
    const before = await screen();
    const stale = await answer('y', '--prompt', id);
    expect(stale).toMatchObject({ outcome: 'refused', ok: false, code: 1, prompt_id: second.s.prompt_id });
    expect(stale.detail).toContain(`the prompt ${id} is not the one on screen`);
    expect(await settledScreen(w.h.tmux, peer, CURSOR, unblink)).toBe(before);
    expect(toolResultText(peer.configDir, second.call.id)).toBeNull();
    expect(w.audit().at(-1)).toMatchObject({ verb: 'answer', outcome: 'refused' });
    // The prompt it named is still there to answer.
    expect(await answer('n', '--prompt', second.s.prompt_id!)).toMatchObject({ outcome: 'delivered' });
    expect(await result(second.call)).toMatch(/doesn't want to proceed|rejected/);
    expect(timesRun()).toBe(1);
  });

  it('two `answer y` at once on one prompt: one is delivered, the other refused; the command runs once', { timeout: 90_000 }, async () => {
    const runsBefore = timesRun();
    const { s, call } = await raise();
    const both = await Promise.all([answer('y', '--prompt', s.prompt_id!), answer('y', '--prompt', s.prompt_id!)]);
    expect(both.map((a) => a.outcome).sort()).toEqual(['delivered', 'refused']);
    await result(call);
    await eventually(() => timesRun() === runsBefore + 1, 15_000, 'the command to run');
    // A third, after the prompt closed, reaches nothing: no new prompt is answered, nothing runs again.
    expect(await answer('y', '--prompt', s.prompt_id!)).toMatchObject({ outcome: 'refused', code: 1 });
    await eventually(async () => (await state()) === 'idle', 25_000, 'the peer idle');
    expect(timesRun()).toBe(runsBefore + 1);
  });
});
