// Real peers plus a private audit log and lock folder, for the write-verb e2e tests.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClaudePeer } from '../../src/demo/claude-peer.js';
import { startRealPeers, type RealPeers, type RealPeersOptions } from '../../src/demo/real-peers.js';
import { cli, eventually, type CliResult } from './run-cli.js';

export interface WriteHarness {
  h: RealPeers;
  stateDir: string;
  /** CLAUDE_DM_AUDIT_LOG and XDG_RUNTIME_DIR pointing into stateDir. */
  env: NodeJS.ProcessEnv;
  run(args: string[], extra?: NodeJS.ProcessEnv): Promise<CliResult>;
  stateOf(peer: ClaudePeer): Promise<string>;
  becomes(peer: ClaudePeer, state: string, ms?: number): Promise<boolean>;
  audit(): Array<Record<string, unknown>>;
  /** claude-dm-tui in a new window of the same private server (refreshing every 0.5 s); its pane id. */
  openDashboard(): Promise<string>;
  close(): Promise<void>;
}

/** opts.version: the Claude Code version every peer runs (default 2.1.197); a missing or different binary fails. */
export async function startWriteHarness(opts: RealPeersOptions = {}): Promise<WriteHarness> {
  const h = await startRealPeers(opts);
  const stateDir = mkdtempSync(join(tmpdir(), 'cdm-state-'));
  const env = { CLAUDE_DM_AUDIT_LOG: join(stateDir, 'audit.log'), XDG_RUNTIME_DIR: stateDir };
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => cli(h.tmux, args, { env: { ...env, ...extra } });
  const stateOf = async (p: ClaudePeer) => JSON.parse((await run(['status', p.paneId, '--json'])).stdout).state as string;
  return {
    h,
    stateDir,
    env,
    run,
    stateOf,
    async openDashboard() {
      const bin = join(process.cwd(), 'dist/components/main.js');
      if (!existsSync(bin)) throw new Error('run `npm run build` first (npm test does)');
      const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
      return h.tmux.newWindow('-n', 'dash', ...envArgs, 'node', bin, '--socket', h.tmux.socketPath, '--interval', '0.5');
    },
    becomes: (p, state, ms = 20_000) => eventually(async () => (await stateOf(p)) === state, ms, `${p.name} → ${state}`),
    audit() {
      const path = join(stateDir, 'audit.log');
      return existsSync(path)
        ? readFileSync(path, 'utf8')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as Record<string, unknown>)
        : [];
    },
    async close() {
      await h.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
