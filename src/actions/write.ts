// The one path every write verb takes: resolve the target, take its lock, observe a
// settled screen, ask the gate, act, and write one audit line whatever happened.
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
  /** How the payload reaches the peer; keystrokes unless the inbox was chosen. */
  channel?: 'inbox' | 'keys';
  /** A gate of the channel's own instead of the keystroke matrix (the inbox's). */
  gate?: (input: GateInput, view: PeerView) => GateDecision;
}

export interface ActResult {
  outcome: string;
  detail: string;
  ok: boolean;
  extra?: Record<string, unknown>;
}

export interface WriteResult extends ActResult {
  verb: WriteVerb;
  gate: GateDecision | null;
  state: string;
  peer: Peer;
}

export type Act = (view: SettledView, decision: GateDecision) => Promise<ActResult>;

/** For `send --when-idle`: keep checking under the lock until the gate opens. */
export interface Patience {
  timeoutMs: number;
  intervalMs: number;
}

export async function runWrite(ctx: Session, req: WriteRequest, act: Act, patience?: Patience): Promise<WriteResult> {
  const peer = await resolveTarget(ctx, req.target);
  // Every outcome, allowed or not, leaves one audit line.
  const finish = (r: Omit<WriteResult, 'peer' | 'verb'>): WriteResult => {
    appendAudit(auditLogPath(ctx.env, ctx.home), {
      verb: req.verb,
      channel: req.channel ?? 'keys',
      target: peer.pane.address,
      pane_id: peer.pane.paneId,
      payload: req.payload,
      gate: r.gate ? { ...r.gate, state: r.state } : { allowed: false, forced: false, reason: r.detail, state: r.state },
      outcome: r.outcome,
      detail: r.detail,
      ...(typeof r.extra?.msg_id === 'string' ? { msg_id: r.extra.msg_id } : {}),
      caller_pane: ctx.callerPane,
      socket: ctx.socket.path,
    });
    return { ...r, verb: req.verb, peer };
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
      decision = req.gate ? req.gate(input, view) : gate(input);
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
      const result = await act(view, decision);
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
