// The person's tmux client: the one showing the dashboard's session, not the dashboard's
// own control-mode client (which tmux would otherwise pick as "most recently active", the
// poll keeps it busy). Messages and jumps go to it by name.
import type { TmuxClient } from '../tmux/client.js';

const SEP = '\x1f';

/**
 * `target`: the dashboard's pane, or the session (`$N`) of the client whose popup it runs in. Of the
 * clients on that session, the most recently active: the key that asked came through it.
 */
export async function userClientFor(tmux: TmuxClient, target: string): Promise<string | null> {
  const session = (await tmux.tmux(['display-message', '-p', '-t', target, '#{session_name}'])).trim();
  const clients = (
    await tmux.tmux([
      'list-clients',
      '-F',
      ['#{client_name}', '#{client_control_mode}', '#{client_session}', '#{client_activity}'].join(SEP),
    ])
  )
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name = '', control, clientSession, activity] = line.split(SEP);
      return { name, control: control === '1', session: clientSession, activity: Number(activity) || 0 };
    })
    .filter((c) => !c.control && c.name !== '');
  const here = clients.filter((c) => c.session === session);
  const best = (here.length ? here : clients).sort((a, b) => b.activity - a.activity)[0];
  return best?.name ?? null;
}

/** Text shown by display-message is a format (`#(…)` runs a command) and goes through strftime: make it literal. */
export function literalForDisplay(text: string): string {
  return text.replace(/#/g, '##').replace(/%/g, '%%');
}
