import { titleGlyph } from '../../classify/classify.js';
import { DmError, EXIT } from '../../errors.js';
import { observePane, resolveTarget } from '../../session/peers.js';
import { pause } from '../../util/pause.js';
import type { VerbSpec } from '../verb.js';

export const WAIT_DEFAULTS = { intervalS: 1, timeoutS: 600, debounceS: 2 } as const;

function seconds(raw: string | undefined, fallback: number, name: string, min: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new DmError(`${name} must be a number of seconds ≥ ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

export const wait: VerbSpec = {
  name: 'wait',
  summary: "wait until a peer's turn is done (prints DONE) or it opens a modal (prints MODAL)",
  usage: 'wait <target> [interval_s] [timeout_s] [debounce_s]',
  details: [
    `DONE: the title shows ✳ (not a spinner), no modal, and the transcript's last assistant turn ended`,
    `with end_turn, all held for debounce_s. MODAL: a permission prompt or question is open.`,
    `Defaults: interval ${WAIT_DEFAULTS.intervalS}s, timeout ${WAIT_DEFAULTS.timeoutS}s, debounce ${WAIT_DEFAULTS.debounceS}s.`,
    'On timeout, or when the pane closes, exits 1 and prints no sentinel (a line on stderr says why).',
  ],
  options: {},
  positionals: { min: 1, max: 4 },
  examples: ['claude-dm wait main:1.0', 'claude-dm wait %3 0.5 120 1 && claude-dm peek %3 1'],
  async run(ctx, pos) {
    const intervalS = seconds(pos[1], WAIT_DEFAULTS.intervalS, 'interval_s', 0.05);
    const timeoutS = seconds(pos[2], WAIT_DEFAULTS.timeoutS, 'timeout_s', 0);
    const debounceS = seconds(pos[3], WAIT_DEFAULTS.debounceS, 'debounce_s', 0);
    const first = await resolveTarget(ctx, pos[0]!);
    if (!first.claude) throw new DmError(`${first.pane.address} is not a Claude peer (no Claude Code process in it)`);
    const address = first.pane.address;
    const start = Date.now();
    let doneSince: number | null = null;
    const finish = (result: string, extra: object, code: number) => {
      if (ctx.json) ctx.io.out(JSON.stringify({ result, address, elapsed_ms: Date.now() - start, ...extra }));
      return code;
    };
    for (;;) {
      const view = await observePane(ctx, first.pane.paneId);
      if (!view) {
        ctx.io.err(`claude-dm: ${address} is gone (pane closed or Claude exited) while waiting`);
        return finish('vanished', {}, EXIT.failure);
      }
      const c = view.classification;
      if (c.state === 'modal') {
        if (!ctx.json) ctx.io.out('MODAL');
        return finish('MODAL', { state: c.state, subtype: c.subtype ?? null, prompt: c.prompt ?? null }, EXIT.ok);
      }
      const done = titleGlyph(view.peer.pane.title) === 'idle' && c.state !== 'busy' && view.tail?.turnEnded === true;
      const now = Date.now();
      if (!done) doneSince = null;
      else {
        doneSince ??= now;
        if (now - doneSince >= debounceS * 1000) {
          if (!ctx.json) ctx.io.out('DONE');
          return finish('DONE', { state: c.state, stop_reason: view.tail?.lastStopReason ?? null }, EXIT.ok);
        }
      }
      if (now - start >= timeoutS * 1000) {
        ctx.io.err(`claude-dm: timed out after ${timeoutS}s waiting for ${address} (now ${c.state})`);
        return finish('timeout', { state: c.state }, EXIT.failure);
      }
      const left = Math.max(0, timeoutS * 1000 - (now - start));
      if (!(await pause(Math.min(intervalS * 1000, left || intervalS * 1000), ctx.signal))) {
        ctx.io.err('claude-dm: interrupted');
        return finish('interrupted', {}, EXIT.failure);
      }
    }
  },
};
