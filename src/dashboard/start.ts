// The dashboard's composition root: opens the session, the polling client, the poller, the
// notifier and the controller, wires the feed to the selection, and tears all of it down (--demo's
// peers are demo/dashboard.ts's, loaded by demo-loader.ts); and the frame counts a benchmark asks for at exit. Its flags are args.ts's; components/dashboard-main.tsx
// only checks for a terminal, renders and handles signals.
import { writeFileSync } from 'node:fs';
import { DmError } from '../errors.js';
import { locateCaller } from '../session/caller.js';
import { openSession, type SessionFlags } from '../session/session.js';
import { Controller } from './controller.js';
import { refusingActions, type DashboardActions } from './dashboard-actions.js';
import { SOCKET_REFUSED_HINT } from './first-run.js';
import { notifier } from './notify.js';
import { openPollingClient, type PollingClient } from '../watch/polling-client.js';
import { Poller } from './poller.js';
import { createDashboardStore, update, type DashboardStore } from './store.js';
import { HostFleet } from './host-fleet.js';
import { remoteBlocks } from './remote-feed.js';
import { chooseHosts, hostsFilePath, readHostsFile, type Host, type HostChoice } from '../remote/hosts.js';
import { homedir } from 'node:os';

export interface DashboardOptions {
  socket?: string | undefined;
  socketName?: string | undefined;
  env: NodeJS.ProcessEnv;
  intervalMs: number;
  /** Poll through one tmux control-mode client (else start tmux for every poll). */
  control: boolean;
  /** OSC 9 notification and a tmux message on a new modal (else the bell). */
  notify: boolean;
  /** Ends the dashboard as `q` does: after `o` has jumped from a popup, which closes with it. */
  leave?: () => void;
  /** Other machines, each over one link (src/dashboard/host-fleet.ts). */
  hosts?: readonly Host[];
  /** This machine's own tmux server too (default true; --no-local). */
  local?: boolean;
  /** Tests: a shorter silence before a host's link is stale. */
  staleMs?: number;
}

/** How the dashboard polls and notifies, whichever server it watches. */
export type PollingOptions = Pick<DashboardOptions, 'intervalMs' | 'control' | 'notify'>;

/** What claude-dm-tui's flags ask to open (args.ts). */
export interface TuiRun {
  /** On the demo's own server, with its peers (else the server `session` chooses). */
  demo: boolean;
  session: SessionFlags;
  polling: PollingOptions;
  /** --host, --all-hosts, --no-local, as written: the hosts file is read when they need it. */
  hosts?: { host: string[]; allHosts: boolean; noLocal: boolean };
}

export interface Dashboard {
  store: DashboardStore;
  controller: DashboardActions;
  /** The other machines' links (null: this machine only). */
  fleet?: HostFleet | null;
  /** Starts polling. */
  start(): void;
  /** Stops polling and aborts pending actions. */
  stop(): Promise<void>;
  /** Synchronous last resort at process exit: closes the control-mode client. */
  closeNow(): void;
}

export function openDashboard(opts: DashboardOptions): Dashboard {
  const signal = new AbortController();
  let session;
  try {
    session = openSession({ socket: opts.socket, socketName: opts.socketName }, { env: opts.env, signal: signal.signal });
  } catch (e) {
    // A socket it may not use (another user's, world-writable): said in the roster area, where the peers would be.
    if (!(e instanceof DmError)) throw e;
    const store = createDashboardStore(opts.socket ?? '(no socket)');
    update(store, { error: `${e.message}; ${SOCKET_REFUSED_HINT}` });
    const controller = refusingActions(store, 'no tmux server the dashboard may use');
    return { store, controller, start: () => undefined, stop: async () => signal.abort(), closeNow: () => undefined };
  }
  const hosts = opts.hosts ?? [];
  const local = opts.local !== false;
  const store = createDashboardStore(session.socket.path, HostFleet.initial(hosts), local);
  // Polling (list-panes, captures) goes through one tmux control-mode client; writes keep
  // starting tmux with an argv array (src/watch/polling-client.ts). Not opened without this machine.
  const polling: PollingClient = openPollingClient(session, opts.control && local);
  const onEnterModal = notifier(session, opts.notify);
  let fleet: HostFleet | null = null;
  const poller = new Poller({
    ctx: session,
    store,
    intervalMs: opts.intervalMs,
    watchFiles: local,
    local,
    onEnterModal,
    remoteBlocks: (row, count) => {
      const link = row.host ? fleet?.link(row.host) : undefined;
      return link ? remoteBlocks(link, row, count) : Promise.resolve([]);
    },
    ...(polling.tmux ? { tmux: polling.tmux } : {}),
  });
  fleet =
    hosts.length > 0
      ? new HostFleet({
          hosts,
          store,
          env: opts.env,
          clock: session.clock,
          onEnterModal,
          onRows: () => void poller.refreshFeed(),
          ...(opts.staleMs !== undefined ? { staleMs: opts.staleMs } : {}),
        })
      : null;
  // In a pane or in a popup: found when `o` asks (src/session/caller.ts).
  const seat = { locate: () => locateCaller(session), leave: opts.leave ?? (() => undefined) };
  const controller = new Controller(session, store, poller, seat, fleet);
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.selected !== prev.selected || s.mode !== prev.mode) void poller.refreshFeed();
  });
  return {
    store,
    controller,
    fleet,
    start: () => {
      poller.start();
      fleet?.start();
    },
    async stop() {
      signal.abort();
      unsubscribe();
      await Promise.all([poller.stop().catch(() => undefined), fleet?.close()]);
    },
    closeNow: () => polling.close(),
  };
}

/**
 * The dashboard claude-dm-tui's flags ask for, on the machines `hosts` chose (tuiHosts); `leave` ends it (after
 * `o` from a popup). --demo's dashboard is the demo's own (demo-loader.ts).
 */
export function openTuiDashboard(run: TuiRun, hosts: HostChoice, env: NodeJS.ProcessEnv, leave?: () => void): Dashboard {
  return openDashboard({ ...run.session, env, ...run.polling, ...(leave ? { leave } : {}), hosts: hosts.hosts, local: hosts.local });
}

/**
 * The machines --host, --all-hosts and --no-local name, the hosts file read when they need it. A bad name or
 * an untrusted file is a DmError: dashboard-main says it in one line (exit 2) before it looks for a terminal.
 */
export function tuiHosts(run: TuiRun, env: NodeJS.ProcessEnv): HostChoice {
  return run.hosts ? chooseHosts(run.hosts, () => readHostsFile(hostsFilePath(env, env.HOME || homedir()))) : { hosts: [], local: true };
}

/** At exit: the frame counts, saved to $CLAUDE_DM_TUI_STATS when set (bench/profile-dashboard.ts reads it). */
export function saveStats(env: NodeJS.ProcessEnv, stats: Record<string, number>): void {
  const file = env.CLAUDE_DM_TUI_STATS;
  if (!file) return;
  try {
    writeFileSync(file, JSON.stringify(stats));
  } catch {
    // a benchmark's file: nothing to tell the person quitting
  }
}
