// A prompt is told only once read whole (src/watch/prompt-read.ts). Under load, 2.1.332 paints its Bash
// prompt and writes `waiting` before its transcript holds the tool call (scripts/measure-prompt-paint.mjs):
// the observer, looking then, told a `prompt` event with `tool: null`, never corrected. Here the engine's
// whole observe path (discovery, capture, classification, transcript tail) runs on a fake pane showing the
// real 2.1.332 Bash prompt, its transcript written a step later, as the peer writes it.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeProjectDir } from '../../src/transcript/locate.js';
import { diffPeers, type Track, type WatchEvent } from '../../src/watch/events.js';
import { LiveObserver, RECHECK_MS } from '../../src/watch/observer.js';
import { PROMPT_READ_MS } from '../../src/watch/prompt-read.js';
import { FakePromptPane, removeFakePromptPanes } from '../support/fake-prompt-pane.js';
import { virtualClock } from '../support/manual-clock.js';

let pane: FakePromptPane | null = null;
afterEach(removeFakePromptPanes);

const clock = virtualClock();

function transcript(p: FakePromptPane): (...records: object[]) => void {
  const dir = join(p.configDir, 'projects', encodeProjectDir('/nonexistent/work'));
  mkdirSync(dir, { recursive: true });
  return (...records) => appendFileSync(join(dir, 'fake-session.jsonl'), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
}
const ts = () => new Date(clock.now()).toISOString();
const prompt = () => ({ type: 'user', message: { role: 'user', content: 'please run bash now' }, timestamp: ts() });
const toolCall = (id: string) => ({
  type: 'assistant',
  message: {
    role: 'assistant',
    content: [{ type: 'tool_use', id, name: 'Bash', input: { command: 'touch /tmp/x' } }],
    stop_reason: 'tool_use',
  },
  timestamp: ts(),
});
const toolResult = (id: string) => ({
  type: 'user',
  message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: 'ok' }] },
  timestamp: ts(),
});

/** Ticks the observer as its timer would, each look's events from the last one's tracks. */
function looker(p: FakePromptPane) {
  const observer = new LiveObserver({ ctx: p.session() });
  let tracks: Map<string, Track> | null = new Map();
  return async (): Promise<WatchEvent[]> => {
    await clock.sleep(RECHECK_MS);
    const snap = await observer.tick();
    const d = diffPeers(tracks, snap.peers, snap.at);
    tracks = d.tracks;
    return d.events;
  };
}
const prompts = (events: WatchEvent[]) => events.filter((e) => e.event === 'prompt');

describe('a prompt is told once read whole', () => {
  it('a Bash prompt on screen before its tool call is in the transcript: no prompt, no modal, until the call is read', async () => {
    pane = new FakePromptPane({ clock });
    const write = transcript(pane);
    write(prompt());
    const look = looker(pane);
    // The screen and the record say a Bash prompt; the transcript does not yet.
    const first = await look();
    expect(first.map((e) => e.event)).toEqual(['peer']);
    expect(first[0]).toMatchObject({ state: 'modal', prompt_id: null });
    expect(prompts(await look())).toEqual([]);
    write(toolCall('toolu_1'));
    const told = prompts(await look());
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ prompt: 'bash', tool: 'Bash', prompt_id: expect.stringMatching(/^pr-/) });
    expect((told[0] as { options: unknown[] }).options).toHaveLength(4);
    // Told once: the answer's tool_result, written before the screen closes, tells nothing more.
    write(toolResult('toolu_1'));
    expect(prompts(await look())).toEqual([]);
  });

  it('the next prompt, drawn before its call is written, stays untold (the peer as last told) until read', async () => {
    pane = new FakePromptPane({ clock });
    const write = transcript(pane);
    write(prompt(), toolCall('toolu_1'));
    const look = looker(pane);
    const firstId = prompts(await look())[0]?.prompt_id;
    expect(firstId).toMatch(/^pr-/);
    await clock.sleep(1000); // past the input guard
    await pane.session().tmux.tmux(['send-keys', '-t', '%1', '1']);
    write(toolResult('toolu_1'));
    expect((await look()).find((e) => e.event === 'state')).toMatchObject({ from: 'modal', to: 'busy' });
    pane.reopen();
    for (let i = 0; i < 3; i++) expect(await look()).toEqual([]);
    write(toolCall('toolu_2'));
    const events = await look();
    expect(events.map((e) => e.event)).toEqual(['state', 'prompt']);
    expect(events[0]).toMatchObject({ from: 'busy', to: 'modal' });
    expect(events[1]).toMatchObject({ tool: 'Bash', prompt_id: expect.not.stringMatching(firstId!) });
  });

  it('a call not written within PROMPT_READ_MS: the prompt is told as read, then again with its tool, same id', async () => {
    pane = new FakePromptPane({ clock });
    const write = transcript(pane);
    write(prompt());
    const look = looker(pane);
    await look();
    let told: WatchEvent[] = [];
    for (let waited = 0; told.length === 0 && waited <= PROMPT_READ_MS + 2 * RECHECK_MS; waited += RECHECK_MS) told = prompts(await look());
    expect(told).toEqual([expect.objectContaining({ tool: null })]);
    write(toolCall('toolu_1'));
    const again = prompts(await look());
    expect(again).toEqual([expect.objectContaining({ tool: 'Bash', prompt_id: (told[0] as { prompt_id: string | null }).prompt_id })]);
  });
});
