// answerModal end to end on a fake 2.1.332 prompt (test/support/fake-prompt-pane.ts): no tmux, no Claude,
// time on a virtual clock. The prompt ignores keys within its input guard as 2.1.332 does, so an answer
// pressed too soon is not taken, and an answer is `delivered` only when the prompt closed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANSWER_CONFIRM_MS, ANSWER_GUARD_MS, answerModal } from '../../src/actions/answer-modal.js';
import { promptRef } from '../../src/classify/prompt-id.js';
import { observePane } from '../../src/session/peers.js';
import type { Session } from '../../src/session/session.js';
import { FakePromptPane, PANE_ID, removeFakePromptPanes } from '../support/fake-prompt-pane.js';
import { virtualClock } from '../support/manual-clock.js';

let pane: FakePromptPane;
let ctx: Session;
beforeEach(() => {
  pane = new FakePromptPane({ clock: virtualClock() });
  ctx = pane.session();
});
afterEach(removeFakePromptPanes);

async function promptIdNow(): Promise<string> {
  const v = (await observePane(ctx, PANE_ID))!;
  return promptRef(PANE_ID, v.classification, v.peer.session)!.id!;
}

describe('the input guard', () => {
  it(`a prompt drawn just now gets its key ${ANSWER_GUARD_MS} ms after claude-dm first saw it, and takes it`, async () => {
    const start = ctx.clock.now();
    const r = await answerModal(ctx, PANE_ID, 'n');
    expect(r).toMatchObject({ outcome: 'delivered', ok: true, extra: { key: '4', option: 'No' } });
    expect(pane.keys).toEqual([{ at: expect.any(Number), key: '4', taken: true }]);
    expect(pane.keys[0]!.at - start).toBeGreaterThanOrEqual(ANSWER_GUARD_MS);
    expect(pane.picked).toBe('4');
  });

  it('a prompt the dashboard has shown for longer than that is pressed at once', async () => {
    const id = await promptIdNow();
    const seenAt = ctx.clock.now();
    await ctx.clock.sleep(2 * ANSWER_GUARD_MS);
    const start = ctx.clock.now();
    const r = await answerModal(ctx, PANE_ID, 'y', { promptId: id, promptSeenAt: seenAt });
    expect(r.outcome).toBe('delivered');
    expect(pane.keys[0]!.at - start).toBeLessThan(ANSWER_GUARD_MS);
    expect(pane.picked).toBe('1');
  });
});

describe('confirmation', () => {
  it('a key the prompt ignored (it only moved the cursor) is unconfirmed, never delivered, and says what the screen shows', async () => {
    pane = new FakePromptPane({ clock: virtualClock(), guardMs: 60 * 60_000 });
    ctx = pane.session();
    const start = ctx.clock.now();
    const r = await answerModal(ctx, PANE_ID, 'n');
    expect(r).toMatchObject({ outcome: 'unconfirmed', ok: false, extra: { confirmed_by: [] } });
    expect(r.detail).toMatch(
      /^pressed 4 \(No\), but nothing says it was taken after 10 s: the prompt is still open with the cursor on "4\. No"; the sessions record still says waiting$/,
    );
    expect(ctx.clock.now() - start).toBeGreaterThanOrEqual(ANSWER_CONFIRM_MS);
    expect(pane.keys).toHaveLength(1);
  });

  it('the sessions record confirms when the screen is slow to redraw', async () => {
    pane.closes = 'record';
    const r = await answerModal(ctx, PANE_ID, 'n');
    expect(r).toMatchObject({ outcome: 'delivered', extra: { confirmed_by: ['sessions record'] } });
  });

  it('the screen confirms (two looks in a row) when the record is slow to change', async () => {
    pane.closes = 'screen';
    const r = await answerModal(ctx, PANE_ID, 'n');
    expect(r).toMatchObject({ outcome: 'delivered', extra: { confirmed_by: ['screen'] } });
  });
});

describe('--prompt', () => {
  it('a stale id (the next prompt looks the same) is refused and nothing is typed', async () => {
    const id = await promptIdNow();
    await ctx.clock.sleep(1_000);
    pane.reopen();
    const next = await promptIdNow();
    expect(next).not.toBe(id);
    const r = await answerModal(ctx, PANE_ID, 'y', { promptId: id });
    expect(r).toMatchObject({ outcome: 'refused', ok: false, extra: { prompt_id: next } });
    expect(r.detail).toContain(`the prompt ${id} is not the one on screen (prompt ${next}); nothing was typed`);
    expect(pane.keys).toEqual([]);
    expect(pane.audit().at(-1)).toMatchObject({ verb: 'answer', outcome: 'refused' });
  });

  it('stays the same while one prompt is open, the cursor moved or not', async () => {
    const id = await promptIdNow();
    await ctx.tmux.tmux(['send-keys', '-t', PANE_ID, '3']); // inside the guard: the cursor moves, nothing is picked
    expect(pane.picked).toBeNull();
    expect(await promptIdNow()).toBe(id);
  });

  it('two answers aimed at one prompt: the first is delivered, the second reaches no other prompt', async () => {
    const id = await promptIdNow();
    expect(await answerModal(ctx, PANE_ID, 'y', { promptId: id })).toMatchObject({ outcome: 'delivered' });
    pane.reopen();
    const second = await answerModal(ctx, PANE_ID, 'y', { promptId: id });
    expect(second).toMatchObject({ outcome: 'refused', ok: false });
    expect(pane.keys).toHaveLength(1);
    expect(pane.picked).toBeNull();
  });
});

describe('widening options', () => {
  it("an option that widens the peer's permissions is refused without --confirm, and nothing is typed", async () => {
    const r = await answerModal(ctx, PANE_ID, '3');
    expect(r).toMatchObject({ outcome: 'refused', ok: false, extra: { key: '3', widens: true } });
    expect(r.detail).toMatch(/widens the peer's permissions: add --confirm/);
    expect(pane.keys).toEqual([]);
    expect(pane.audit().at(-1)).toMatchObject({ verb: 'answer', outcome: 'refused', payload: '3' });
    const a = await answerModal(ctx, PANE_ID, 'a');
    expect(a).toMatchObject({ outcome: 'refused', extra: { key: '2', widens: true } });
    expect(pane.keys).toEqual([]);
  });

  it('with --confirm it is picked', async () => {
    const r = await answerModal(ctx, PANE_ID, '3', { confirm: true });
    expect(r).toMatchObject({ outcome: 'delivered', extra: { key: '3', widens: true } });
    expect(pane.picked).toBe('3');
  });
});
