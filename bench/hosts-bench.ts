// The dashboard across hosts, measured on this machine over a real sshd on 127.0.0.1 (loopback ssh):
//   3 hosts, each its own private tmux server with 20 synthetic 2.1.332 peers, reached by one ssh transport
//   each; the dashboard's engine in this process (openDashboard, no terminal: its store is what a frame
//   draws from).
//   A prompt opening on a remote host → its row modal in the local dashboard's store, p50 and p95 (from the
//   peer's sessions record write, as bench/watch-bench.ts measures, to the store update);
//   the dashboard's CPU while nothing changes (and its ssh clients', and the far agents');
//   transport processes per host: started (the links' count; a fresh host's first one finds no bundle there,
//   the bundle is shipped and a second one is the link) and since the links were up, and alive now (ssh
//   children of this process).
// Without sshd (or not root) it says the figures were skipped and why, and exits 0.
// Prints figures. Asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuTicks, CLK_TCK, endBench, fixed, pct, sessionsWrittenAt, sleep } from './measure.js';
import { closePrompt, openPrompt, startPeers } from './scene.js';
import { openDashboard, type Dashboard } from '../src/dashboard/start.js';
import type { DashboardState, DashboardStore } from '../src/dashboard/store.js';
import { startPrivateTmux, type PrivateTmux } from '../demo/private-tmux.js';
import type { PeerRow } from '../src/watch/peer-row.js';
import { agentPids } from '../test/support/far-host.js';
import { hasSshd, SSHD, startSshd, type Sshd } from '../test/support/sshd.js';
import type { SyntheticPeer } from '../test/support/synthetic-peers.js';

const HOSTS = Number(process.env.BENCH_HOSTS ?? 3);
const PEERS = Number(process.env.BENCH_PANES ?? 20);
const FLIPS = Number(process.env.BENCH_FLIPS ?? 20);
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 20);
const IDLE = '2.1.332__default__idle';
const PROMPT = '2.1.332__default__permission_bash2';

const out = (figure: string, value: string) => process.stdout.write(`${figure.padEnd(64)} ${value}\n`);
/** Now, in ms since epoch with performance.now()'s resolution: comparable with a file's mtime. */
const epochNow = () => performance.timeOrigin + performance.now();

interface FarHost {
  name: string;
  tmux: PrivateTmux;
  peers: SyntheticPeer[];
  transport: string;
}

/** When the store first holds a row `key` that `pred` accepts (epoch ms), or 0 after `ms`. */
function rowShown(store: DashboardStore, key: string, pred: (r: PeerRow) => boolean, ms: number): Promise<number> {
  return new Promise((resolve) => {
    const hit = (s: DashboardState) => {
      const r = s.rows[key];
      return r !== undefined && pred(r);
    };
    if (hit(store.getState())) return resolve(epochNow());
    const timer = setTimeout(() => (unsubscribe(), resolve(0)), ms);
    const unsubscribe = store.subscribe((s) => {
      if (!hit(s)) return;
      const at = epochNow();
      clearTimeout(timer);
      unsubscribe();
      resolve(at);
    });
  });
}

async function until(pred: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) return false;
    await sleep(50);
  }
  return true;
}

/** This process's live children (every thread's), with their argv. */
function children(): Array<{ pid: number; argv: string[] }> {
  const pids = new Set<number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      for (const p of readFileSync(`/proc/self/task/${tid}/children`, 'utf8').trim().split(/\s+/u).filter(Boolean)) pids.add(Number(p));
    } catch {
      // the thread ended
    }
  }
  const kids: Array<{ pid: number; argv: string[] }> = [];
  for (const pid of pids) {
    try {
      kids.push({ pid, argv: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean) });
    } catch {
      // gone
    }
  }
  return kids;
}

/** The ssh clients this process runs for a host: its transport names the host's tmux socket. */
const sshClientsOf = (host: FarHost) =>
  children().filter((k) => k.argv[0] === 'ssh' && k.argv.some((a) => a.includes(`CLAUDE_DM_SOCKET=${host.tmux.socketPath}`)));

/** The agents (`serve --stdio`) serving a host's tmux server, at the far end of its transport. */
const agentsOf = (host: FarHost): number[] => agentPids(host.tmux.socketPath);

const ticksOf = (pids: readonly number[]) =>
  pids.reduce((n, pid) => {
    try {
      return n + cpuTicks(pid);
    } catch {
      return n;
    }
  }, 0);

async function hostsFigures(): Promise<void> {
  const here = startPrivateTmux();
  const far: FarHost[] = [];
  let sshd: Sshd | null = null;
  let dashboard: Dashboard | null = null;
  try {
    const sshHome = join(here.dir, 'ssh-home');
    mkdirSync(sshHome);
    sshd = await startSshd(sshHome);
    for (let i = 1; i <= HOSTS; i++) {
      const tmux = startPrivateTmux({ cols: 200, rows: 60 });
      const home = join(tmux.dir, 'far-home');
      const state = join(tmux.dir, 'far-state');
      mkdirSync(home);
      mkdirSync(state);
      // The host's HOME (its bundle cache, its ~/.claude), audit log and lock folder are its own.
      const transport = `${sshd.via} env CLAUDE_DM_SOCKET=${tmux.socketPath} HOME=${home} CLAUDE_DM_AUDIT_LOG=${join(state, 'audit.log')} XDG_RUNTIME_DIR=${state}`;
      far.push({ name: `h${i}`, tmux, peers: [], transport });
    }
    for (const h of far) h.peers = await startPeers(h.tmux, PEERS, { screens: [IDLE] });
    await sleep(2000);

    const env = {
      ...here.env,
      HOME: join(here.dir, 'home'),
      XDG_RUNTIME_DIR: here.dir,
      CLAUDE_DM_AUDIT_LOG: join(here.dir, 'audit.log'),
    };
    mkdirSync(env.HOME);
    const started = performance.now();
    dashboard = openDashboard({
      socket: here.socketPath,
      env,
      intervalMs: 1000,
      control: true,
      notify: false,
      hosts: far.map((h) => ({ name: h.name, transport: h.transport })),
      local: true,
    });
    dashboard.start();
    const { store } = dashboard;
    const remoteRows = () => Object.values(store.getState().rows).filter((r) => r.host !== null);
    const all = HOSTS * PEERS;
    const ready = await until(() => remoteRows().filter((r) => r.state === 'idle').length === all, 180_000);
    const readyMs = performance.now() - started;
    if (!ready) {
      const hosts = store
        .getState()
        .hosts.map((h) => `${h.name} ${h.kind}${'reason' in h ? ` (${h.reason})` : ''}`)
        .join(', ');
      throw new Error(`the dashboard showed ${remoteRows().length} of ${all} remote rows idle within 180 s; hosts: ${hosts}`);
    }
    out(`hosts: start → all ${all} remote rows shown (${HOSTS} hosts × ${PEERS}, bundle shipped)`, `${(readyMs / 1000).toFixed(1)} s`);
    await sleep(3000);
    const spawnedAtUp = { ...dashboard.fleet!.spawned };

    const latencies: number[] = [];
    for (let i = 0; i < FLIPS; i++) {
      const h = far[i % far.length]!;
      const peer = h.peers[(i * 7) % h.peers.length]!;
      const key = `${h.name}:${peer.paneId}`;
      const shown = rowShown(store, key, (r) => r.state === 'modal', 15_000);
      const call = openPrompt(peer, PROMPT, `toolu_hosts_${i}`);
      const at = await shown;
      if (at) latencies.push(at - sessionsWrittenAt(peer.configDir));
      const back = rowShown(store, key, (r) => r.state !== 'modal', 15_000);
      closePrompt(peer, IDLE, call);
      await back;
      await sleep(400);
    }
    const none = `no remote modal reached the store in ${FLIPS} flips`;
    out(
      `hosts: remote prompt → modal row in the dashboard, p50 (${latencies.length} of ${FLIPS})`,
      fixed(pct(latencies, 50), 0, ' ms', none),
    );
    out('hosts: remote prompt → modal row in the dashboard, p95', fixed(pct(latencies, 95), 0, ' ms', none));

    await sleep(2000);
    const ssh = far.map((h) => sshClientsOf(h).map((k) => k.pid));
    const agents = far.map(agentsOf);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const ssh0 = ticksOf(ssh.flat());
    const agents0 = ticksOf(agents.flat());
    await sleep(IDLE_S * 1000);
    const cpu = process.cpuUsage(cpu0);
    const sshTicks = ticksOf(ssh.flat()) - ssh0;
    const agentTicks = ticksOf(agents.flat()) - agents0;
    const seconds = (performance.now() - t0) / 1000;
    const core = (cpuSeconds: number) => `${((cpuSeconds / seconds) * 100).toFixed(2)} % of a core`;
    out(`hosts: dashboard CPU while nothing changes (${HOSTS} hosts, ${IDLE_S} s)`, core((cpu.user + cpu.system) / 1e6));
    out(`hosts: its ssh clients' CPU, all ${ssh.flat().length} together`, core(sshTicks / CLK_TCK));
    out(`hosts: the far agents' CPU (serve --stdio), all ${agents.flat().length} together`, core(agentTicks / CLK_TCK));

    const spawned = dashboard.fleet!.spawned;
    for (const h of far) {
      const more = spawned[h.name]! - spawnedAtUp[h.name]!;
      out(
        `hosts: ${h.name}: transports started (since up), ssh clients alive now`,
        `${spawned[h.name]} (${more}), ${sshClientsOf(h).length}`,
      );
    }
  } finally {
    await dashboard?.stop();
    sshd?.stop();
    for (const h of far) h.tmux.kill();
    here.kill();
  }
}

/** What loopback ssh needs beside sshd: the client and the key maker (openssh-client). */
const sshTools = ['ssh', 'ssh-keygen'].filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);
if (!hasSshd()) out('hosts: figures over loopback ssh', `skipped: needs ${SSHD} (openssh-server) and root`);
else if (sshTools.length < 2) out('hosts: figures over loopback ssh', 'skipped: needs ssh and ssh-keygen (openssh-client)');
else await hostsFigures();
endBench('hosts-bench');
