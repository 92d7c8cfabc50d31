// Which pending permission request (requests.ts) is the prompt a peer shows: the same session and Claude Code
// process, the prompt kind of its tool, and what the screen shows it asks being the start of what the request
// asks (the screen cuts; the request holds it whole). `answer` goes through the hook only for such a request;
// status, list, watch and the dashboard show it beside the prompt. Pure but for readPending.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Classification } from '../classify/classify.js';
import { modalSubject } from '../classify/screen.js';
import type { PeerView } from '../peers/observe.js';
import type { Session } from '../session/session.js';
import { openRequestsDir, pendingRequests, requestFor, requestsDir, type PermissionRequest } from './requests.js';

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

/**
 * The pending requests of this user, or none when there is no folder of ours to read them from. A reader makes no
 * folder: the hook makes it when it first registers a request (and the observer watches it from then on).
 */
export function readPending(ctx: Pick<Session, 'env' | 'clock'>): { dir: string | null; requests: PermissionRequest[] } {
  const path = requestsDir(ctx.env, process.getuid?.() ?? 0);
  if (!existsSync(path)) return { dir: null, requests: [] };
  try {
    const dir = openRequestsDir(path);
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

/** A pending request as status, list, watch and the rows show it: the whole input, not the screen's cut. */
export interface RequestFacts {
  id: string;
  tool: string;
  input: Record<string, unknown>;
  suggestions: unknown[];
  /** When the prompt opened (ms). */
  since: number;
}

export const requestFacts = (r: PermissionRequest): RequestFacts => ({
  id: r.id,
  tool: r.tool,
  input: r.input,
  suggestions: r.suggestions,
  since: r.since,
});
