// The background half of `claude-dm self`: wait until the caller's own pane is idle (its
// current turn has ended), check again, type the slash command, wait for it to finish,
// then type a notification as the next user turn so Claude knows to look at the output.
// If a draft or a modal appears meanwhile, it gives up without typing anything.
import { MARKERS } from '../classify/markers.js';
import type { Session } from '../session/session.js';
import { observePane } from '../session/peers.js';
import { screenFromAnsi } from '../classify/screen.js';
import { pause } from '../util/pause.js';
import { acquireLock, type Lock } from './lock.js';
import { dequeueSelf, selfQueueDir, selfTurnLock } from './self-queue.js';
import { runWrite } from './write.js';
import { deliverText } from './deliver.js';

export const SELF_WAIT_MS = 60 * 60 * 1000;
export const SELF_POLL_MS = 500;

export function selfNotification(command: string, dialogText?: string): string {
  if (dialogText === undefined) return `<notification>claude-dm self ${command} dispatched; output above</notification>`;
  // Some commands (/cost is /usage in 2.1.x) open a dialog instead of printing: its text
  // would vanish when it closes, so it travels in the notification.
  return `<notification>claude-dm self ${command} dispatched; it opened a dialog, which claude-dm read and closed:\n${dialogText}\n</notification>`;
}

/** How long after typing our command a dialog counts as opened by it. */
export const DIALOG_WINDOW_MS = 5000;

type Wait = 'idle' | 'blocked' | 'gone' | 'timeout';

async function waitForIdle(ctx: Session, paneId: string, deadline: number): Promise<Wait> {
  for (;;) {
    const view = await observePane(ctx, paneId);
    if (!view) return 'gone';
    const state = view.classification.state;
    if (state === 'drafting' || state === 'modal') return 'blocked';
    if (state === 'idle' && view.tail?.turnEnded !== false) return 'idle';
    if (Date.now() > deadline || !(await pause(SELF_POLL_MS, ctx.signal))) return 'timeout';
  }
}

/** Types `text` once the pane is idle, through the lock, the gate and the box check. */
async function typeWhenIdle(ctx: Session, paneId: string, text: string, command: string, deadline: number): Promise<boolean> {
  if ((await waitForIdle(ctx, paneId, deadline)) !== 'idle') {
    return false;
  }
  const r = await runWrite(ctx, { verb: 'self', target: paneId, payload: text, message: text, command }, async (view) => {
    // The gate lets `self` queue on a busy pane; typing needs idle, checked again under the lock.
    if (view.classification.state !== 'idle') {
      return { outcome: 'aborted', detail: `pane turned ${view.classification.state} before typing`, ok: false };
    }
    const d = await deliverText(ctx, paneId, text);
    return d.outcome === 'delivered'
      ? { outcome: 'delivered', detail: 'typed', ok: true }
      : { outcome: 'not-submitted', detail: d.detail, ok: false };
  });
  return r.ok;
}

/**
 * A dialog our own command opened (state other, `Esc to cancel`, no options): its text,
 * after closing it with Escape. Null when none shows within the window.
 */
async function readAndCloseOwnDialog(ctx: Session, paneId: string): Promise<string | null> {
  const deadline = Date.now() + DIALOG_WINDOW_MS;
  while (Date.now() < deadline) {
    const view = await observePane(ctx, paneId);
    if (!view) return null;
    const state = view.classification.state;
    if (state === 'idle' || state === 'busy') return null; // printed, or running (/compact)
    if (state === 'other') {
      const screen = screenFromAnsi(await ctx.tmux.capturePane(paneId)).plain;
      const cancel = screen.findLastIndex((l) => MARKERS.ownDialogCancel.pattern.test(l));
      if (cancel >= 0) {
        const text = dialogText(screen.slice(0, cancel));
        await ctx.tmux.tmux(['send-keys', '-t', paneId, 'Escape']);
        return text;
      }
    }
    if (!(await pause(150, ctx.signal))) return null;
  }
  return null;
}

// The dialog is the block of lines above `Esc to cancel`, up to the input box's last rule.
function dialogText(lines: string[]): string {
  const lastRule = lines.findLastIndex((l) => /^─{10,}/u.test(l));
  return lines
    .slice(lastRule + 1)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .join('\n');
}

export async function runSelfWorker(ctx: Session, paneId: string, command: string): Promise<number> {
  const queue = selfQueueDir(ctx.env, ctx.socket.path, paneId);
  let turn: Lock | null = null;
  try {
    // One job at a time: another job's command and its notification are never split.
    turn = await acquireLock(selfTurnLock(queue), {
      timeoutMs: SELF_WAIT_MS,
      pollMs: SELF_POLL_MS,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    // Its own hour starts now, not while it queued behind another job.
    const deadline = Date.now() + SELF_WAIT_MS;
    if (!(await typeWhenIdle(ctx, paneId, command, command, deadline))) return 1;
    const dialog = await readAndCloseOwnDialog(ctx, paneId);
    // The command runs (some, like /compact, for a while); then the notification.
    await pause(300, ctx.signal);
    const note = selfNotification(command, dialog ?? undefined);
    return (await typeWhenIdle(ctx, paneId, note, command, deadline)) ? 0 : 1;
  } catch {
    return 1; // no one to tell: the audit log has what was typed
  } finally {
    turn?.release();
    dequeueSelf(queue, process.pid);
  }
}
