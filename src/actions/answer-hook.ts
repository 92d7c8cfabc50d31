// An answer through Claude Code's PermissionRequest hook (src/hook/): a decision bound to the one request the
// hook registered, instead of keys chosen from a picture. Taken only when that request is the prompt on
// screen (same peer, same tool, same input), so the screen's plan (what y, n and a mean there, what widens)
// and the request agree; otherwise the answer goes by keys as before. The first answer wins: a request is
// claimed once (requests.ts), and a second answer is told who answered it.
import { readClosed, type Closed, type Decision, type PermissionRequest } from '../hook/requests.js';
import type { Session } from '../session/session.js';

/** How long the hook may take to pick the answer up and hand it to Claude Code. */
export const HOOK_PICKUP_MS = 5_000;
/** Between two looks for the hook's pickup. */
export const HOOK_PICKUP_POLL_MS = 25;

/** What `y`, `n` or `a` decides for a request: `a` adds only the permissions Claude Code itself suggested. */
export function decisionFor(
  key: 'y' | 'n' | 'a',
  r: Pick<PermissionRequest, 'suggestions'>,
  by: string,
  at: number,
  message?: string,
): Decision {
  if (key === 'n') return { behavior: 'deny', ...(message ? { message } : {}), by, at };
  if (key === 'y') return { behavior: 'allow', by, at };
  // A suggested switch of the session's mode is another option on screen (`Yes, and switch to …`), never `a`.
  const rules = r.suggestions.filter((s) => !(typeof s === 'object' && s !== null && (s as { type?: unknown }).type === 'setMode'));
  return { behavior: 'allow', updatedPermissions: rules, by, at };
}

interface Question {
  question: string;
  multiSelect?: boolean;
  options: Array<{ label: string }>;
}

/**
 * A question's option by its number, as a decision: Claude Code takes an AskUserQuestion answered through the
 * hook as `allow` with its input plus `answers` (question → label; measured on 2.1.332 and 2.1.197, a plain
 * allow leaves the question open). One question with one choice only; null for anything else (then keys):
 * several questions, a multiple choice, or a number past the options the question gave (`Type something.`,
 * `Chat about this`, which Claude Code adds on screen).
 */
export function questionDecision(r: Pick<PermissionRequest, 'tool' | 'input'>, digit: string, by: string, at: number): Decision | null {
  if (r.tool !== 'AskUserQuestion' || !/^[1-9]$/u.test(digit)) return null;
  const questions = r.input.questions as Question[] | undefined;
  if (!Array.isArray(questions) || questions.length !== 1) return null;
  const [q] = questions;
  const option = q?.options?.[Number(digit) - 1];
  if (!q || q.multiSelect || typeof q.question !== 'string' || typeof option?.label !== 'string') return null;
  return { behavior: 'allow', updatedInput: { ...r.input, answers: { [q.question]: option.label } }, by, at };
}

/** How a request that was claimed ended, once its hook has said (null: not yet, after HOOK_PICKUP_MS). */
export async function hookPickup(ctx: Pick<Session, 'clock'>, dir: string, id: string): Promise<Closed | null> {
  const deadline = ctx.clock.now() + HOOK_PICKUP_MS;
  for (;;) {
    const closed = readClosed(dir, id);
    if (closed) return closed;
    if (ctx.clock.now() >= deadline) return null;
    await ctx.clock.sleep(HOOK_PICKUP_POLL_MS);
  }
}

/** A second answer's refusal: who answered the request, or how it ended. */
export function alreadyAnswered(id: string, closed: Closed | null, standing: Decision | null): string {
  if (standing) return `the request ${id} was already answered (${standing.behavior}, by ${standing.by}); nothing was sent`;
  if (closed?.how === 'over') return `the request ${id} is over (${closed.why}); nothing was sent`;
  if (closed?.decision)
    return `the request ${id} was already answered (${closed.decision.behavior}, by ${closed.decision.by}); nothing was sent`;
  return `the request ${id} is not pending (answered, or its prompt ended); nothing was sent`;
}
