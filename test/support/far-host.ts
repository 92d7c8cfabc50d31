// Another "machine" for the tests across hosts: a private tmux server and a HOME of its own, reached by a
// plain command transport (`env HOME=… CLAUDE_DM_SOCKET=… sh -c`) that runs the shipped agent there.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startPrivateTmux, type PrivateTmux } from './private-tmux.js';

export interface FarHost {
  name: string;
  tmux: PrivateTmux;
  home: string;
  transport: string;
}

/** `env` goes before `sh -c` (a PATH without node, say). The caller kills `tmux` when done. */
export function farHost(name: string, env = ''): FarHost {
  const tmux = startPrivateTmux();
  const home = join(tmux.dir, 'far-home');
  mkdirSync(home);
  // This machine's audit log and lock folder stay here: over there they are the host's own (its HOME's).
  return {
    name,
    tmux,
    home,
    transport: `env -u CLAUDE_DM_AUDIT_LOG -u XDG_RUNTIME_DIR HOME=${home} CLAUDE_DM_SOCKET=${tmux.socketPath} TMUX= ${env}sh -c`,
  };
}

/** The agents (`serve --stdio`, the transport after its execs) serving the tmux server at `socketPath`. */
export function agentPids(socketPath: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!argv.includes('serve') || !argv.includes('--stdio')) continue;
      const env = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (env.includes(`CLAUDE_DM_SOCKET=${socketPath}`)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** The pid of the agent serving `far`, or null when none runs. */
export function agentPid(far: FarHost): number | null {
  return agentPids(far.tmux.socketPath)[0] ?? null;
}
