// claude-dm-tui's flags and help: argv in, what to do out, pure (no printing, no exiting).
// components/dashboard-main.tsx prints and exits as this says; start.ts opens what it asks for.
import { parseArgs } from 'node:util';
import { SOCKET_OPTIONS, socketFlags } from '../session/socket-options.js';
import { VERSION } from '../version.js';
import { DEFAULT_INTERVAL_MS } from '../watch/observer.js';
import type { TuiRun } from './start.js';

export const TUI_HELP = `usage: claude-dm-tui [--socket PATH | -L NAME] [--host NAME[=TRANSPORT]]... [--all-hosts] [--no-local]
                     [--interval S] [--notify] [--no-control] [--demo]

A live dashboard of the Claude Code peers on a tmux socket: who is blocked on a
permission prompt or a question, what each is doing, and one-key answers. Every
action goes through the same gates as the claude-dm CLI. Press ? inside for the keys.

  --socket PATH  tmux socket (else -L, $CLAUDE_DM_SOCKET, $TMUX, tmux's default)
  -L NAME        tmux socket name, as tmux -L
  --host NAME[=TRANSPORT]
                 another machine too: a hosts-file entry (~/.config/claude-dm/hosts), or
                 NAME=TRANSPORT (--host build='ssh build-box'); repeatable. Its peers are
                 rows named NAME:…, its link's state is in the header, every key but o works there
  --all-hosts    every host of the hosts file
  --no-local     leave this machine's own tmux server out
  --interval S   seconds between refreshes (default ${DEFAULT_INTERVAL_MS / 1000}); file watchers refresh sooner
  --notify       on a new modal: an OSC 9 desktop notification and a tmux message (default: the bell)
  --no-control   poll by starting tmux each time, not through one tmux control-mode client
                 (which shows as an attached, read-only client while the dashboard runs)
  --demo         start real Claude Code peers offline (fake API) on a private socket and watch them;
                 from a clone of claude-dm (npm run demo), not from an installed package
  --version, -h/--help

exit: 0 quit (q), 1 the terminal went away, 2 usage error, no terminal or no demo here,
      129 / 130 / 143 ended by SIGHUP / SIGINT / SIGTERM (the terminal is restored first)`;

export type TuiArgs =
  /** --help, --version: print `text`, exit 0. */
  | { kind: 'print'; text: string }
  /** A usage error: say `message` (it names --help), exit 2. */
  | { kind: 'usage'; message: string }
  /** Open the dashboard (start.ts's openTuiDashboard). */
  | ({ kind: 'run' } & TuiRun);

export function parseTuiArgs(argv: readonly string[]): TuiArgs {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        ...SOCKET_OPTIONS,
        interval: { type: 'string' },
        notify: { type: 'boolean' },
        'no-control': { type: 'boolean' },
        demo: { type: 'boolean' },
        host: { type: 'string', multiple: true },
        'all-hosts': { type: 'boolean' },
        'no-local': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (e) {
    // node's first sentence (`Unknown option '--x'`), not its advice about `--`.
    return { kind: 'usage', message: `${(e as Error).message.split(/\.\s|\n/)[0]} (see claude-dm-tui --help)` };
  }
  if (values.help) return { kind: 'print', text: TUI_HELP };
  if (values.version) return { kind: 'print', text: VERSION };
  const intervalMs = values.interval === undefined ? DEFAULT_INTERVAL_MS : Number(values.interval) * 1000;
  if (!Number.isFinite(intervalMs) || intervalMs < 50) {
    return { kind: 'usage', message: `--interval takes seconds ≥ 0.05, got ${JSON.stringify(values.interval)}` };
  }
  const hosts = { host: values.host ?? [], allHosts: values['all-hosts'] === true, noLocal: values['no-local'] === true };
  if (values.demo && (hosts.host.length > 0 || hosts.allHosts || hosts.noLocal))
    return { kind: 'usage', message: '--demo runs on its own server: it takes no --host, --all-hosts or --no-local' };
  if (hosts.noLocal && hosts.host.length === 0 && !hosts.allHosts)
    return { kind: 'usage', message: '--no-local leaves nothing to watch: add --host NAME or --all-hosts' };
  return {
    kind: 'run',
    demo: values.demo === true,
    hosts,
    session: socketFlags(values),
    polling: { intervalMs, control: values['no-control'] !== true, notify: values.notify === true },
  };
}
