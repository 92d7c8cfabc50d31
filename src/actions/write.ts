// The one path every write verb takes: resolve the target, take its lock, observe a settled
// screen, route (the channel and that channel's gate decision), act, and write one audit line
// whatever happened.
import { DmError } from '../errors.js';
import { gate, type GateDecision, type GateInput, type WriteVerb } from '../gates/gates.js';
import type { Peer } from '../peers/discover.js';
import type { PeerView } from '../peers/observe.js';
import type { Session } from '../session/session.js';
import { findPeerByPane, resolveTarget } from '../session/peers.js';
import { appendAudit, auditLogPath } from './audit.js';
import { acquireLock, lockDir, lockPath, LockTimeout } from './lock.js';
import { messageProblem } from './message.js';
import { pause } from '../util/pause.js';
import { observeSettled, type SettledView } from './settle.js';

export const LOCK_TIMEOUT_MS = 30_000;

export interface WriteRequest {
  verb: WriteVerb;
  target: string;
  /** What is typed or pressed, for the audit log. */
  payload: string | null;
  /**
   * Text the act types or sends. A message messageProblem refuses is refused before the lock
   * (nothing typed, one audit line), whoever called: the CLI and the dashboard alike.
   */
  message?: string;
  /** Let control characters in `message` through (`--raw`): they act as keys. */
  raw?: boolean;
  force?: boolean;
  confirm?: boolean;
  command?: string;
  /** Which channel the write takes and whether that channel's gate lets it; keystrokes through the matrix when absent. */
  route?: Router;
}

/** How a write reaches the peer: typed as keystrokes, sent through its inbox (2.1.3xx), or an answer through its permission hook. */
export type Channel = 'inbox' | 'keys' | 'hook';

/** The route step's answer: the channel, and that channel's gate decision on the settled view. */
export interface Route {
  channel: Channel;
  decision: GateDecision;
}

export type Router = (input: GateInput, view: PeerView) => Route;

/** Keystrokes, gated by the matrix (src/gates/gates.ts): every verb but send and ask. */
export const keysRoute: Router = (input) => ({ channel: 'keys', decision: gate(input) });

/** What an act did; `E` is the verb's own fields (the answered option, the inbox's msg_id…). */
export interface ActResult<E extends object = object> {
  outcome: string;
  detail: string;
  ok: boolean;
  /** Absent when the write ended before its act (refused, lock timeout, vanished). */
  extra?: E;
}

export interface WriteResult<E extends object = object> extends ActResult<E> {
  verb: WriteVerb;
  /** The channel the route chose; keystrokes when it ended before a route was taken. */
  channel: Channel;
  gate: GateDecision | null;
  state: string;
  peer: Peer;
}

export type Act<E extends object = object> = (view: SettledView, route: Route) => Promise<ActResult<E>>;

/** For `send --when-idle`: keep checking under the lock until the gate opens. */
export interface Patience {
  timeoutMs: number;
  intervalMs: number;
}

export async function runWrite<E extends object>(
  ctx: Session,
  req: WriteRequest,
  act: Act<E>,
  patience?: Patience,
): Promise<WriteResult<E>> {
  const peer = await resolveTarget(ctx, req.target);
  let channel: Channel = 'keys';
  // Every outcome, allowed or not, leaves one audit line.
  const finish = (r: Omit<WriteResult<E>, 'peer' | 'verb' | 'channel'>): WriteResult<E> => {
    const msgId = r.extra && 'msg_id' in r.extra && typeof r.extra.msg_id === 'string' ? r.extra.msg_id : null;
    appendAudit(auditLogPath(ctx.env, ctx.home), {
      verb: req.verb,
      channel,
      target: peer.pane.address,
      pane_id: peer.pane.paneId,
      payload: req.payload,
      gate: r.gate ? { ...r.gate, state: r.state } : { allowed: false, forced: false, reason: r.detail, state: r.state },
      outcome: r.outcome,
      detail: r.detail,
      ...(msgId !== null ? { msg_id: msgId } : {}),
      caller_pane: ctx.callerPane,
      socket: ctx.socket.path,
    });
    return { ...r, verb: req.verb, channel, peer };
  };

  if (req.message !== undefined) {
    const problem = messageProblem(req.message, req.raw === true);
    if (problem) return finish({ outcome: 'refused', detail: `refused: ${problem}`, ok: false, gate: null, state: 'unknown' });
  }
  if (!peer.claude) {
    return finish({ outcome: 'refused', detail: `${peer.pane.address} is not a Claude peer`, ok: false, gate: null, state: 'other' });
  }
  let lock;
  try {
    lock = await acquireLock(lockPath(lockDir(ctx.env, process.getuid?.() ?? 0), ctx.socket.path, peer.pane.paneId), {
      timeoutMs: LOCK_TIMEOUT_MS,
      signal: ctx.signal,
    });
  } catch (e) {
    if (e instanceof LockTimeout) return finish({ outcome: 'lock-timeout', detail: e.message, ok: false, gate: null, state: 'unknown' });
    const detail = `cannot take the write lock: ${(e as Error).message}`;
    finish({ outcome: 'error', detail, ok: false, gate: null, state: 'unknown' });
    throw new DmError(detail, 'failed');
  }
  let decision: GateDecision | null = null;
  let state = 'unknown';
  try {
    const deadline = Date.now() + (patience?.timeoutMs ?? 0);
    for (;;) {
      const view = await observeSettled(ctx, peer, () => findPeerByPane(ctx, peer.pane.paneId));
      if (!view) return finish({ outcome: 'vanished', detail: `${peer.pane.address} is gone`, ok: false, gate: null, state: 'gone' });
      const input: GateInput = {
        verb: req.verb,
        classification: view.classification,
        turnEnded: view.tail?.turnEnded ?? true,
        isSelf: view.peer.self,
        ...(req.force !== undefined ? { force: req.force } : {}),
        ...(req.confirm !== undefined ? { confirm: req.confirm } : {}),
        ...(req.command !== undefined ? { command: req.command } : {}),
      };
      const route = (req.route ?? keysRoute)(input, view);
      decision = route.decision;
      channel = route.channel;
      state = view.classification.state;
      if (!decision.allowed) {
        if (patience && Date.now() < deadline) {
          if (!(await pause(patience.intervalMs, ctx.signal))) {
            return finish({ outcome: 'interrupted', detail: 'interrupted while waiting for the peer', ok: false, gate: decision, state });
          }
          continue;
        }
        const detail = patience ? `timed out waiting for the peer to be idle: ${decision.reason}` : `refused: ${decision.reason}`;
        return finish({ outcome: patience ? 'timeout' : 'refused', detail, ok: false, gate: decision, state });
      }
      const result = await act(view, route);
      return finish({ ...result, gate: decision, state });
    }
  } catch (e) {
    // tmux died or a file could not be read mid-write: the audit line is still written, and
    // the error still reaches the user as itself.
    finish({ outcome: 'error', detail: `failed: ${(e as Error).message}`, ok: false, gate: decision, state });
    throw e;
  } finally {
    lock.release();
  }
}
