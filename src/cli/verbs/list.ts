import { EXIT } from '../../errors.js';
import type { PeerView } from '../../peers/observe.js';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DmError } from '../../errors.js';
import { TmuxClient } from '../../tmux/client.js';
import { processRunner } from '../../tmux/runner.js';
import { tmuxSocketDir } from '../../tmux/socket.js';
import { type VerbContext } from '../context.js';
import { LOCAL, qualify, type Host } from '../../remote/hosts.js';
import { oneLine } from '../../remote/host-link.js';
import { onEachHost } from '../../remote/on-hosts.js';
import { decodeListPeers } from '../../remote/protocol-schema.js';
import { HOST_OPTIONS, hostChoice } from '../host-options.js';
import { ownConfigDir } from '../../peers/discover.js';
import { lookAtServer } from '../../peers/look.js';
import { lookDir, lookStore } from '../look-store.js';

/**
 * Every peer with its state, from one look at the server helped by the last one (src/peers/look.ts): the
 * captures run in tmux while we walk /proc here (the two overlap on two cores), in the same tmux process as
 * the pane list, and an idle peer that has printed nothing since is not captured again.
 */
async function observeAll(ctx: VerbContext, all: boolean, tails: 'modals' | 'states' = 'modals'): Promise<PeerView[]> {
  return lookAtServer(
    { tmux: ctx.tmux, proc: ctx.proc, home: ctx.home, callerPane: ctx.callerPane, configDir: ownConfigDir(ctx.env, ctx.home) },
    lookStore(lookDir(ctx.env, ctx.home), ctx.tmux.socketPath),
    { all, tails },
  );
}

/** Every socket in the tmux socket folder, as contexts; the default one first and unlabelled. */
function socketsInFolder(ctx: VerbContext): Array<{ ctx: VerbContext; label: SocketLabel }> {
  const dir = tmuxSocketDir(ctx.env, process.getuid?.() ?? 0);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => statSync(join(dir, n)).isSocket());
  } catch {
    throw new DmError(`no tmux sockets in ${dir}: is tmux running? (TMUX_TMPDIR moves this folder)`);
  }
  names.sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
  return names.map((name) => {
    const path = join(dir, name);
    return {
      ctx: {
        ...ctx,
        tmux: new TmuxClient(path, processRunner, ctx.tmux.env),
        socket: { path, source: '-L' as const },
        callerPane: path === ctx.socket.path ? ctx.callerPane : null,
      },
      label: name === 'default' ? '' : `-L ${name} `,
    };
  });
}

function socketOf(sockets: Array<{ ctx: VerbContext; label: SocketLabel }>, label: SocketLabel): string | null {
  return sockets.find((s) => s.label === label)?.ctx.socket.path ?? null;
}
import { promptRef } from '../../classify/prompt-id.js';
import { readPending, requestFacts, requestOnScreen, type RequestFacts } from '../../hook/on-screen.js';
import { versionSupport } from '../../classify/versions.js';
import { tildePath } from '../../util/format.js';
import { peerTable, type PeerTableRow } from '../peer-table.js';
import type { OptionValues, VerbSpec } from '../verb.js';
import { tmuxStatusLine } from '../tmux-status.js';

const FORMATS = ['table', 'tmux'] as const;
type ListFormat = (typeof FORMATS)[number];

/** --format's value, checked before anything runs: a one-line usage error (exit 2) for any other. */
function listFormat(raw: OptionValues[string], json: boolean): ListFormat {
  if (raw === undefined) return 'table';
  if (typeof raw !== 'string' || !(FORMATS as readonly string[]).includes(raw))
    throw new DmError(`--format takes ${FORMATS.join(' or ')}; got ${JSON.stringify(raw)}`);
  if (raw === 'tmux' && json) throw new DmError('--format tmux and --json are two different outputs: give one of them');
  return raw as ListFormat;
}

/** `-L NAME` for a peer on a named socket of the tmux folder; '' on the default one. */
export type SocketLabel = string;

/** A peer as --json gives it; `request`: its permission request pending in claude-dm's hook, when it is the prompt on screen. */
export function peerJson(v: PeerView, now: number, label: SocketLabel = '', request: RequestFacts | null = null) {
  const c = v.classification;
  return {
    address: `${label}${v.peer.pane.address}`,
    pane_id: v.peer.pane.paneId,
    self: v.peer.self,
    state: c.state,
    subtype: c.subtype ?? null,
    prompt: c.prompt ?? null,
    // Which prompt is open: `answer --prompt` takes it (the request's id when the hook holds it); null off a
    // modal, or while the prompt is opening.
    prompt_id: request?.id ?? promptRef(v.peer.pane.paneId, c, v.peer.session)?.id ?? null,
    request,
    reason: c.reason,
    title: v.peer.pane.title,
    cwd: v.peer.cwd,
    pid: v.peer.claude?.pid ?? null,
    session_id: v.peer.session?.sessionId ?? null,
    version: v.peer.session?.version ?? null,
    version_support: versionSupport(v.peer.session?.version),
    transcript: v.transcript?.path ?? null,
    last_write_ms_ago: v.transcript ? Math.max(0, Math.round(now - v.transcript.mtimeMs)) : null,
    host: LOCAL,
  };
}

type PeerJson = ReturnType<typeof peerJson>;

/** Another host's `list --json` peers, named for this machine: `HOST:main:1.0`, `HOST:%3`, host HOST. */
function hostPeers(host: string, stdout: string): PeerJson[] {
  const body = decodeListPeers(stdout);
  if (!body.ok) throw new Error(`protocol error: ${body.reason}`);
  return body.value.peers.map((p) => ({ ...p, address: qualify(host, p.address), pane_id: qualify(host, p.pane_id), host }));
}

/** The peers of the hosts asked for, and one line for each host that did not answer. */
async function acrossHosts(
  ctx: VerbContext,
  hosts: Host[],
  all: boolean,
): Promise<{ peers: PeerJson[]; down: Array<{ host: string; reason: string }> }> {
  const answers = await onEachHost(
    hosts,
    async (link) => {
      const r = await link.call(['list', '--json', ...(all ? ['--all'] : [])]);
      // Its own failure as the agent reported it (a kind and a line), never its stderr's text pulled apart.
      if (r.code !== 0) throw new Error(r.failure ? oneLine(r.failure.message) : `list exited ${r.code} there`);
      return hostPeers(link.name, r.stdout);
    },
    { env: ctx.env, clock: ctx.clock },
  );
  return {
    peers: answers.flatMap((a) => (a.ok ? a.value : [])),
    down: answers.flatMap((a) => (a.ok ? [] : [{ host: a.host, reason: a.reason }])),
  };
}

export const list: VerbSpec = {
  name: 'list',
  reachesHosts: true,
  summary: 'roster of Claude peers: address, state, time since last transcript write, title, cwd',
  usage: 'list [--all] [--all-sockets] [--host NAME[=TRANSPORT]]... [--all-hosts] [--no-local] [--format table|tmux]',
  details: [
    'A pane is a peer when a Claude Code process runs in it. Your own pane is marked with a trailing *.',
    'LAST is the time since the peer last wrote its transcript (- when it has none yet).',
    '--json gives each peer on a prompt a prompt_id (answer --prompt takes it): the same while that prompt',
    'is open, another for the next one; null while a prompt is still opening (its sessions record lags).',
    "--format tmux prints, for tmux's status-right, how many peers wait for you: on a prompt (red 🔴N) and",
    'drafting (orange 🟠N), in tmux #[fg=…] styles; nothing at all when none does. The states are the',
    "table's. It is refused with --json. In ~/.tmux.conf: set -g status-right '#(claude-dm list --format tmux)'.",
    'Other machines: --host NAME (an entry of ~/.config/claude-dm/hosts: NAME TRANSPORT…) or --host NAME=TRANSPORT',
    '(repeatable), --all-hosts (every entry); this machine is always there as local unless --no-local. Their',
    'peers show as NAME:session:window.pane, usable as targets; --json rows carry host. A host that does not',
    'answer within 20 s is one line on stderr and exit 1; the others are still printed.',
  ],
  options: {
    all: { type: 'boolean', usage: '--all', description: 'also list panes that are not Claude (state other)' },
    'all-sockets': {
      type: 'boolean',
      usage: '--all-sockets',
      description: 'every tmux server in your socket folder; others than the default show as -L NAME',
    },
    ...HOST_OPTIONS,
    format: {
      type: 'string',
      usage: '--format table|tmux',
      description: 'table (the default), or tmux: a coloured count of the peers waiting for you, for status-right',
    },
  },
  positionals: { min: 0, max: 0 },
  examples: [
    'claude-dm list',
    'claude-dm list --all-sockets',
    'claude-dm list --format tmux',
    'claude-dm list --json | jq -r \'.peers[] | select(.state=="modal") | .address\'',
  ],
  async run(ctx, _pos, values) {
    const format = listFormat(values.format, ctx.json);
    const choice = hostChoice(ctx, values);
    const sockets = !choice.local ? [] : values['all-sockets'] === true ? socketsInFolder(ctx) : [{ ctx, label: '' }];
    const views: Array<{ view: PeerView; label: SocketLabel }> = [];
    const far = choice.hosts.length > 0 ? acrossHosts(ctx, choice.hosts, values.all === true) : null;
    for (const s of sockets) {
      try {
        // The count needs states alone: no transcript is located where the screen does not ask for one (no LAST).
        for (const view of await observeAll(s.ctx, values.all === true, format === 'tmux' ? 'states' : 'modals'))
          views.push({ view, label: s.label });
      } catch (e) {
        // A stale socket file (its server is gone) is skipped when scanning them all.
        if (!(e instanceof DmError) || sockets.length === 1) throw e;
      }
    }
    const remote = far ? await far : { peers: [], down: [] };
    for (const d of remote.down) ctx.io.err(`claude-dm: ${d.host}: ${d.reason}`);
    const code = remote.down.length > 0 ? EXIT.failure : EXIT.ok;
    if (format === 'tmux') {
      // Nothing at all when nobody waits: tmux then shows nothing where the count was.
      const line = tmuxStatusLine([...views.map(({ view }) => view.classification.state), ...remote.peers.map((p) => p.state)]);
      if (line) ctx.io.out(line);
      return code;
    }
    const now = Date.now();
    if (ctx.json) {
      // The rows carry the hook's pending request of a prompt on screen; the table shows none.
      const { requests } = readPending(ctx);
      const requestOf = (view: PeerView) => {
        const r = requestOnScreen(requests, view);
        return r ? requestFacts(r) : null;
      };
      const local = views.map(({ view, label }) => ({ ...peerJson(view, now, label, requestOf(view)), socket: socketOf(sockets, label) }));
      const hostState = (name: string) => {
        const down = remote.down.find((d) => d.host === name);
        return down ? { name, up: false, reason: down.reason } : { name, up: true };
      };
      const hosts = choice.hosts.length === 0 ? {} : { hosts: choice.hosts.map((h) => hostState(h.name)) };
      ctx.io.out(JSON.stringify({ socket: ctx.socket.path, peers: [...local, ...remote.peers], ...hosts }));
      return code;
    }
    if (views.length === 0 && remote.peers.length === 0) {
      if (choice.local) ctx.io.err(`no Claude peers on ${ctx.socket.path} (use --all to see every pane)`);
      return code;
    }
    const rows: PeerTableRow[] = [
      ...views.map(({ view: v, label }) => ({
        address: `${label}${v.peer.pane.address}${v.peer.self ? '*' : ''}`,
        state: v.classification.state,
        subtype: v.classification.subtype ?? null,
        lastWriteMsAgo: v.transcript ? now - v.transcript.mtimeMs : null,
        title: v.peer.pane.title,
        cwd: tildePath(v.peer.cwd, ctx.home),
      })),
      ...remote.peers.map((p) => ({ ...p, lastWriteMsAgo: p.last_write_ms_ago })),
    ];
    for (const line of peerTable(rows)) ctx.io.out(line);
    return code;
  },
};
