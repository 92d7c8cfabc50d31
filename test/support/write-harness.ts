// Real peers plus a private audit log and lock folder, for the write-verb e2e tests.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClaudePeer } from '../../demo/claude-peer.js';
import { startRealPeers, type RealPeers, type RealPeersOptions } from '../../demo/real-peers.js';
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
  /**
   * After a test: the peer back to idle, by what it shows. A turn still running is left to end: a lone
   * Escape that reaches a peer just gone idle waits in its key parser and swallows the next typed key (the
   * start of the next test's prompt). An open prompt or picker is closed with Escape, our draft cleared.
   */
  backToIdle(peer: ClaudePeer): Promise<void>;
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
    async backToIdle(p) {
      for (let i = 0; i < 4; i++) {
        let state = await stateOf(p);
        if (state === 'busy')
          state = await eventually(
            async () => ((s) => (s !== 'busy' ? s : null))(await stateOf(p)),
            30_000,
            `${p.name}'s turn to end`,
          ).catch(() => 'busy');
        if (state === 'idle') return;
        await h.press(p, state === 'drafting' ? 'C-u' : 'Escape');
        await eventually(async () => (await stateOf(p)) !== state, 5_000, `${p.name} to leave ${state}`).catch(() => undefined);
      }
    },
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
