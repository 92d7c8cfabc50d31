// The tmux client the live observer (the dashboard, watch) polls through: one control-mode client
// (`tmux -C`, read-only, src/tmux/control.ts says why), or null to poll by starting tmux each time
// (--no-control).
// Writes never go through it: they start tmux with an argument list, as the CLI does.
import type { Session } from '../session/session.js';
import { TmuxClient } from '../tmux/client.js';
import { ControlModeRunner } from '../tmux/control.js';
import { processRunner } from '../tmux/runner.js';

export interface PollingClient {
  /** For the poller's list-panes and captures; null: use the session's own client. */
  tmux: TmuxClient | null;
  close(): void;
}

export function openPollingClient(session: Session, control: boolean): PollingClient {
  if (!control) return { tmux: null, close: () => undefined };
  const runner = new ControlModeRunner(processRunner, session.socket.path, session.tmux.env);
  return { tmux: new TmuxClient(session.socket.path, runner, session.tmux.env), close: () => runner.close() };
}
