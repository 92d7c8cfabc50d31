// `claude-dm-tui --notify` shows a tmux message naming what the modal asks. That text is a
// peer's pane content: tmux must show it literally (display-message treats its text as a
// format, where `#(…)` runs a shell command), and on the person's client, not on the
// dashboard's own control-mode client.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openSession } from '../../src/session/session.js';
import { notifier } from '../../src/dashboard/notify.js';
import type { PeerRow } from '../../src/watch/peer-row.js';
import { literalForDisplay } from '../../src/dashboard/user-client.js';
import { ControlModeRunner } from '../../src/tmux/control.js';
import { TmuxClient } from '../../src/tmux/client.js';
import { processRunner } from '../../src/tmux/runner.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { eventually } from '../support/run-cli.js';

let inner: PrivateTmux;
let outer: PrivateTmux;
beforeEach(() => {
  inner = startPrivateTmux({ cols: 150, rows: 10 });
  // A person's terminal: a pane of another private server, attached to the inner one.
  outer = startPrivateTmux({ cols: 150, rows: 12, command: `env -u TMUX tmux -S ${inner.socketPath} attach -t main` });
});
afterEach(() => {
  outer.kill();
  inner.kill();
});

it('literalForDisplay doubles # and %', () => {
  expect(literalForDisplay('#(rm -rf ~) #{pane_id} 100% %H')).toBe('##(rm -rf ~) ##{pane_id} 100%% %%H');
});

it("the message is shown literally on the person's client, and a #(…) in the modal runs nothing", async () => {
  await eventually(
    async () => (await inner.tmux('list-clients', '-F', '#{client_control_mode}')).trim() === '0',
    10_000,
    'the person to attach',
  );
  // The dashboard's control-mode client is attached too, and busier than the person.
  const runner = new ControlModeRunner(processRunner, inner.socketPath, inner.env);
  await new TmuxClient(inner.socketPath, runner, inner.env).listPanes();
  const proof = join(inner.dir, 'ran');
  const pane = (await inner.tmux('display', '-p', '-t', 'main', '#{pane_id}')).trim();
  const ctx = openSession(
    { socket: inner.socketPath },
    { env: { ...inner.env, TMUX: `${inner.socketPath},${inner.serverPid},0`, TMUX_PANE: pane } },
  );
  const row = {
    address: 'main:0.0',
    modal: {
      options: [
        { key: '1', label: 'Yes', selected: true },
        { key: '2', label: 'No', selected: false },
      ],
      header: 'Bash command',
      lines: ['Bash command', `touch #(touch ${proof}) 100%H`, '1. Yes', '2. No'],
    },
  } as unknown as PeerRow;
  notifier(ctx, true, () => undefined)(row);
  const shown = await eventually(
    async () => {
      const screen = await outer.tmux('capture-pane', '-p', '-t', 'main');
      return screen.includes('needs you') ? screen : null;
    },
    5000,
    "the message on the person's screen",
  );
  expect(shown).toContain(`#(touch ${proof}) 100%H`);
  expect(existsSync(proof)).toBe(false);
  runner.close();
});
