// An answer through Claude Code's PermissionRequest hook (src/hook/): a decision bound to the one request the
// hook registered, instead of keys chosen from a picture. Taken only when that request is the prompt on
// screen (same peer, same tool, same input), so the screen's plan (what y, n and a mean there, what widens)
// and the request agree; otherwise the answer goes by keys as before. The first answer wins: a request is
// claimed once (requests.ts), and a second answer is told who answered it.
import { basename } from 'node:path';
import type { Classification } from '../classify/classify.js';
import { modalSubject } from '../classify/screen.js';
import {
  openRequestsDir,
  pendingRequests,
  readClosed,
  requestFor,
  requestsDir,
  type Closed,
  type Decision,
  type PermissionRequest,
} from '../hook/requests.js';
import type { PeerView } from '../peers/observe.js';
import type { Session } from '../session/session.js';

/** How long the hook may take to pick the answer up and hand it to Claude Code. */
export const HOOK_PICKUP_MS = 5_000;
/** Between two looks for the hook's pickup. */
export const HOOK_PICKUP_POLL_MS = 25;

/** The prompt kind (classify/markers.ts) each tool's permission prompt is read as. */
const PROMPT_OF_TOOL: Record<string, string> = {
  Bash: 'bash',
  Edit: 'edit',
  MultiEdit: 'edit',
  Write: 'write',
  NotebookEdit: 'edit',
  WebFetch: 'fetch',
  Read: 'read',
  ExitPlanMode: 'plan',
  AskUserQuestion: 'question',
};

/** What a request asks about, as its prompt shows it: the command, the file, the URL. */
export function requestSubject(r: Pick<PermissionRequest, 'input'>): string | null {
  const i = r.input;
  const first = [i.command, i.file_path, i.notebook_path, i.url, i.path, i.pattern].find((x) => typeof x === 'string');
  return typeof first === 'string' ? first : null;
}

const squash = (s: string) => s.replace(/\s+/gu, ' ').trim();

/**
 * The request is the prompt on screen: the peer's prompt kind is its tool's, and what the screen shows it asks
 * (cut as the screen cuts it) is the start of what the request asks, or names its file.
 */
export function requestMatchesScreen(
  r: Pick<PermissionRequest, 'tool' | 'input'>,
  c: Pick<Classification, 'state' | 'prompt' | 'modal'>,
): boolean {
  if (c.state !== 'modal' || !c.modal) return false;
  const kind = PROMPT_OF_TOOL[r.tool];
  if (kind !== undefined ? c.prompt !== kind : c.prompt !== 'unknown') return false;
  const subject = requestSubject(r);
  if (subject === null) return kind !== undefined;
  const want = squash(subject);
  const lines = modalSubject(c.modal)
    .map(squash)
    .filter((l) => l.length > 0);
  const name = basename(subject);
  return lines.some((l) => {
    const cut = l.replace(/…$/u, '');
    return (cut.length >= Math.min(8, want.length) && want.startsWith(cut)) || l.includes(want) || (name.length > 2 && l.includes(name));
  });
}

/** The pending requests of this user, or none when there is no folder of ours to read them from. */
export function readPending(ctx: Pick<Session, 'env' | 'clock'>): { dir: string | null; requests: PermissionRequest[] } {
  try {
    const dir = openRequestsDir(requestsDir(ctx.env, process.getuid?.() ?? 0));
    return { dir, requests: pendingRequests(dir, ctx.clock.now()) };
  } catch {
    return { dir: null, requests: [] };
  }
}

/** The request pending for this peer's prompt on screen, or null (then keys). */
export function requestOnScreen(requests: readonly PermissionRequest[], view: PeerView): PermissionRequest | null {
  const r = requestFor(requests, view.peer.session?.sessionId, view.peer.claude?.pid);
  return r && requestMatchesScreen(r, view.classification) ? r : null;
}

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
