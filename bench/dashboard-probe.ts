// A claude-dm-tui started in a window of a private tmux, watched from outside: its screen,
// its CPU time, and how many tmux processes it starts (a shim first on its PATH logs each).
import { execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrivateTmux } from '../demo/private-tmux.js';
import { REPO_ROOT } from '../test/support/repo-root.js';
import { CLK_TCK, cpuTicks, sleep } from './measure.js';

/**
 * CPU of the dashboard and of the tmux clients it runs: its own, that of the children it
 * has waited for (each tmux it started), and that of the live ones (its control client).
 */
function dashboardTicks(pid: number): number {
  let ticks = cpuTicks(pid, true);
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) {
      try {
        ticks += cpuTicks(Number(child));
      } catch {
        // exited meanwhile: counted in the parent's children's time
      }
    }
  }
  return ticks;
}

/** The session of the private tmux (startPrivateTmux makes it) that the dashboard's window goes into. */
const PROBE_SESSION = 'main';

export interface DashboardProbe {
  paneId: string;
  pid: number;
  screen(): Promise<string>;
  /** Polls the screen every few ms; the time it first showed `text`, or 0. */
  shownAt(text: string, timeoutMs: number): Promise<number>;
  /** CPU (% of one core, the dashboard and its tmux clients) and tmux processes started per second, over `seconds`. */
  measure(seconds: number): Promise<{ cpuPercent: number; tmuxPerSecond: number }>;
  quit(): Promise<void>;
}

export async function startDashboardProbe(tmux: PrivateTmux, work: string, extraArgs: string[] = []): Promise<DashboardProbe> {
  const shim = join(work, 'shim');
  mkdirSync(shim, { recursive: true });
  const spawnLog = join(work, 'tmux-spawns.log');
  const realTmux = execFileSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' }).trim();
  writeFileSync(join(shim, 'tmux'), `#!/bin/sh\necho x >> ${spawnLog}\nexec ${realTmux} "$@"\n`);
  chmodSync(join(shim, 'tmux'), 0o755);
  writeFileSync(spawnLog, '');
  // The watcher is attached before the dashboard starts, to the session its window is put in: a
  // control client hears only the panes of its own session. The window was once made first, without
  // `-t`, and with no client attached tmux put it in the session used last (`peers`, where real peers
  // live), not `main` where the watcher listened: on the real side of bench/real-vs-synthetic.ts every
  // modal was "not shown" and the bench crashed on no samples.
  const watcher = await watchOutput(tmux, PROBE_SESSION);
  // tmux gives a new pane the PATH of the client that asks for it (not -e PATH=…).
  const [paneId, pidText] = execFileSync(
    'tmux',
    [
      '-S',
      tmux.socketPath,
      'new-window',
      '-d',
      '-t',
      `=${PROBE_SESSION}:`,
      '-P',
      '-F',
      '#{pane_id} #{pane_pid}',
      // CLAUDE_DM_TUI_STATS / CLAUDE_DM_TUI_TRACE=FILE: frame counts as it quits / a timestamp per step.
      'env',
      ...['CLAUDE_DM_TUI_STATS', 'CLAUDE_DM_TUI_TRACE'].filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]}`),
      'node',
      // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": a profile of the dashboard, written when it quits.
      ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
      join(REPO_ROOT, 'dist/components/main.js'),
      '--socket',
      tmux.socketPath,
      ...extraArgs,
    ],
    {
      env: { ...tmux.env, PATH: `${shim}:${process.env.PATH}` },
      encoding: 'utf8',
    },
  )
    .trim()
    .split(' ');
  const pid = Number(pidText);
  const screen = () => tmux.tmux('capture-pane', '-p', '-t', paneId!);
  watcher.follow(paneId!);
  const probe: DashboardProbe = {
    paneId: paneId!,
    pid,
    screen,
    async shownAt(text, timeoutMs) {
      if (watcher.alive()) {
        const arrived = watcher.next(text, timeoutMs);
        if ((await screen()).includes(text)) {
          watcher.cancel(text);
          return Date.now();
        }
        return arrived;
      }
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if ((await screen()).includes(text)) return Date.now();
        await sleep(5);
      }
      return 0;
    },
    async measure(seconds) {
      const spawns0 = readFileSync(spawnLog, 'utf8').length;
      const c0 = dashboardTicks(pid);
      const w0 = Date.now();
      await sleep(seconds * 1000);
      const wall = (Date.now() - w0) / 1000;
      return {
        cpuPercent: ((dashboardTicks(pid) - c0) / CLK_TCK / wall) * 100,
        tmuxPerSecond: (readFileSync(spawnLog, 'utf8').length - spawns0) / 2 / wall,
      };
    },
    async quit() {
      watcher.close();
      await tmux.tmux('send-keys', '-t', paneId!, 'q').catch(() => undefined);
    },
  };
  for (let i = 0; i < 200 && !(await screen()).includes('🔴 0 modal'); i++) await sleep(200);
  // Every latency is read from the watcher: one that heard nothing of the dashboard would time out on each.
  if (watcher.alive() && !watcher.heard()) {
    await probe.quit();
    throw new Error(`the probe's control client heard nothing from the dashboard's pane ${paneId} (session ${PROBE_SESSION})`);
  }
  return probe;
}

/**
 * The moment text reaches the dashboard's terminal: a read-only tmux control-mode client receives
 * every byte the pane is sent (`%output`), so nothing polls. Polling capture-pane every 5 ms, as
 * this did first, started ~200 tmux processes a second on a two-core machine, and the dashboard it
 * measured ran several times slower for it. Text is matched as the painter writes it: a row whole,
 * in one write.
 */
async function watchOutput(tmux: PrivateTmux, session: string) {
  const client = spawn('tmux', ['-S', tmux.socketPath, '-C', 'attach-session', '-r', '-f', 'ignore-size,read-only', '-t', `=${session}`], {
    env: tmux.env,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  let open = true;
  let attached: () => void = () => undefined;
  const attaching = new Promise<void>((resolve) => (attached = resolve));
  client.on('exit', () => ((open = false), attached()));
  client.on('error', () => ((open = false), attached()));
  const waiters: Array<{ text: string; done(at: number): void }> = [];
  let prefix: string | null = null;
  let heard = false;
  createInterface({ input: client.stdout! }).on('line', (line) => {
    // Sent once the client is in its session: from then on it hears every pane of it.
    if (line.startsWith('%session-changed ')) attached();
    if (prefix === null || !line.startsWith(prefix)) return;
    heard = true;
    const at = Date.now();
    for (const w of waiters.filter((x) => line.includes(x.text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.done(at);
    }
  });
  const giveUp = setTimeout(attached, 10_000);
  await attaching;
  clearTimeout(giveUp);
  return {
    alive: () => open,
    /** From now on, the output of `paneId` is matched. */
    follow(paneId: string) {
      prefix = `%output ${paneId} `;
    },
    /** Whether any output of the followed pane has arrived. */
    heard: () => heard,
    /** When `text` next arrives (0 after `timeoutMs`). */
    next(text: string, timeoutMs: number): Promise<number> {
      return new Promise((resolve) => {
        const timer = setTimeout(() => this.cancel(text), timeoutMs);
        waiters.push({
          text,
          done: (at) => {
            clearTimeout(timer);
            resolve(at);
          },
        });
      });
    },
    cancel(text: string) {
      const w = waiters.find((x) => x.text === text);
      if (w) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done(0);
      }
    },
    close() {
      client.stdin!.end();
      client.kill();
    },
  };
}
