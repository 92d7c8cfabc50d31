// A peer just opened a modal: tell the person. The bell by default; with --notify an
// OSC 9 desktop notification (wrapped for tmux passthrough when inside tmux) and a tmux
// message on the person's client showing the dashboard (never on its control-mode client).
import type { Session } from '../session/session.js';
import { modalSubject } from '../classify/screen.js';
import type { PeerRow } from '../watch/peer-row.js';
import { visibleText } from '../util/visible.js';
import { literalForDisplay, userClientFor } from './user-client.js';

/** A message on the person's own client; the modal's text is pane content, never a format. */
async function tmuxMessage(ctx: Session, paneId: string, text: string): Promise<void> {
  const client = await userClientFor(ctx.tmux, paneId);
  if (client) await ctx.tmux.tmux(['display-message', '-c', client, '-t', paneId, literalForDisplay(text)]);
}

export function notificationText(row: PeerRow): string {
  const subject = row.modal ? modalSubject(row.modal).slice(0, 2).join(': ') : 'a modal';
  // Inside an OSC 9 and a tmux message: a BEL or ESC of the modal's would end the one or start another sequence.
  return visibleText(`claude-dm: ${row.address} needs you — ${subject}`, { newlines: 'show' });
}

export function osc9(text: string, insideTmux: boolean): string {
  const seq = `\x1b]9;${text}\x07`;
  return insideTmux ? `\x1bPtmux;${seq.replace(/\x1b/g, '\x1b\x1b')}\x1b\\` : seq;
}

export function notifier(ctx: Session, rich: boolean, write: (s: string) => void = (s) => process.stdout.write(s)) {
  return (row: PeerRow): void => {
    if (!rich) {
      write('\x07');
      return;
    }
    const text = notificationText(row);
    write(osc9(text, Boolean(ctx.env.TMUX)));
    if (ctx.callerPane) void tmuxMessage(ctx, ctx.callerPane, text).catch(() => undefined);
  };
}
