// A person's tmux client: a real `tmux attach` to the server under test, running in a pane of
// another private server, which is its terminal (256 colours). What the person sees, status
// line and popups included, is that pane, read back with capture-pane; what they type goes in
// with send-keys.
import type { PrivateTmux } from './private-tmux.js';
import { startPrivateTmux } from './private-tmux.js';
import { eventually } from './run-cli.js';

export interface PersonClient {
  /** The client's name on the server under test (`/dev/pts/N`), for `-c`. */
  name: string;
  /** The terminal, one string per row; `-e`: with its colours. */
  screen(colours?: boolean): Promise<string[]>;
  keys(...keys: string[]): Promise<void>;
  kill(): void;
}

export async function attachPerson(tmux: PrivateTmux, o: { cols: number; rows: number; target: string }): Promise<PersonClient> {
  const terminal = startPrivateTmux({
    cols: o.cols,
    rows: o.rows,
    command: `env -u TMUX -u TMUX_PANE TERM=screen-256color tmux -S ${tmux.socketPath} attach -t ${o.target}`,
  });
  try {
    const name = await eventually(
      async () => (await tmux.tmux('list-clients', '-F', '#{client_control_mode} #{client_name}')).match(/^0 (\S+)$/mu)?.[1],
      10_000,
      'the person to attach',
    );
    return {
      name,
      async screen(colours = false) {
        const text = await terminal.tmux('capture-pane', '-p', ...(colours ? ['-e'] : []), '-t', 'main:0.0');
        return text.replace(/\n$/, '').split('\n');
      },
      async keys(...keys) {
        await terminal.tmux('send-keys', '-t', 'main:0.0', ...keys);
      },
      kill: () => terminal.kill(),
    };
  } catch (e) {
    terminal.kill();
    throw e;
  }
}
