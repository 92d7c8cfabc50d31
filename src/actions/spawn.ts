// Starts a new Claude Code peer in tmux and waits until it can take a prompt, or says
// which first-run dialog it is stuck on.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FIRST_RUN, type FirstRunDialog } from '../classify/markers.js';
import { screenFromAnsi } from '../classify/screen.js';
import type { Session } from '../session/session.js';
import { findPeerByPane, ServerWentAway } from '../session/peers.js';
import { DmError } from '../errors.js';
import { NoServer } from '../tmux/client.js';
import { observePeers, transcriptOf } from '../peers/observe.js';

export const SPAWN_READY_MS = 60_000;

/** The first-run dialog a screen shows, or null. */
export function firstRunDialog(screenText: string): FirstRunDialog | null {
  return FIRST_RUN.find((f) => f.test.test(screenText)) ?? null;
}

/** Environment a spawned peer gets from us: credentials and settings, not our own session's markers (CLAUDECODE, …). */
export function peerEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) continue;
    if (
      /^(ANTHROPIC_|DISABLE_|CLAUDE_CODE_DISABLE_)/.test(k) ||
      ['CLAUDE_CONFIG_DIR', 'HOME', 'PATH', 'LANG', 'LC_ALL', 'TMPDIR'].includes(k)
    )
      out[k] = v;
  }
  return out;
}

export function findClaudeOnPath(env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = dir && join(dir, 'claude');
    try {
      if (candidate && statSync(candidate).isFile()) {
        accessSync(candidate, constants.X_OK);
        return candidate;
      }
    } catch {
      // not here
    }
  }
  return null;
}

export interface SpawnOptions {
  name?: string;
  cwd?: string;
  split?: boolean;
  claudeBin?: string;
}

export interface Spawned {
  paneId: string;
  address: string;
  pid: number | null;
}

export async function spawnPeer(ctx: Session, opts: SpawnOptions): Promise<Spawned> {
  const bin = opts.claudeBin ?? findClaudeOnPath(ctx.env);
  if (!bin)
    throw new DmError(
      'Claude Code not found on PATH: install it (npm i -g @anthropic-ai/claude-code) or pass --claude-bin PATH',
      'not-found',
    );
  if (opts.claudeBin && !existsSync(opts.claudeBin)) throw new DmError(`--claude-bin ${opts.claudeBin} does not exist`);
  const cwd = resolve(opts.cwd ?? process.cwd());
  if (!existsSync(cwd) || !statSync(cwd).isDirectory()) throw new DmError(`--cwd ${cwd} is not a folder`);
  if (opts.split && !ctx.callerPane)
    throw new DmError('--split splits your own pane: run it inside tmux on the same socket, or use --window');
  const env = Object.entries(peerEnvironment(ctx.env)).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  const common = ['-d', '-P', '-F', '#{pane_id}', '-c', cwd, ...env];
  let args: string[];
  if (opts.split) args = ['split-window', ...common, '-t', ctx.callerPane!, bin];
  else {
    const where = ctx.callerPane
      ? ['-t', `${(await ctx.tmux.tmux(['display-message', '-p', '-t', ctx.callerPane, '#{session_name}'])).trim()}:`]
      : [];
    args = ['new-window', ...common, ...where, ...(opts.name ? ['-n', opts.name] : []), bin];
  }
  let paneId: string;
  try {
    paneId = (await ctx.tmux.tmux(args)).trim();
  } catch (e) {
    if (!(e instanceof NoServer) || opts.split) throw e;
    // No server yet: start one, with the peer in its first window.
    paneId = (await ctx.tmux.tmux(['new-session', ...common, '-s', opts.name ?? 'claude-dm', bin])).trim();
  }
  return waitUntilReady(ctx, paneId);
}

async function waitUntilReady(ctx: Session, paneId: string): Promise<Spawned> {
  // Keep the pane when claude exits at once (a first run offline prints why and exits), so
  // its last screen can be read and named; it is removed once read.
  await ctx.tmux.tmux(['set-option', '-p', '-t', paneId, 'remain-on-exit', 'on']).catch(() => undefined);
  const deadline = Date.now() + SPAWN_READY_MS;
  let lastState = 'starting';
  while (Date.now() < deadline) {
    await sleep(250);
    // A server we started for this peer ends with its only pane: that is the pane closing too.
    const peer = await findPeerByPane(ctx, paneId).catch((e: unknown) => {
      if (e instanceof ServerWentAway) return null;
      throw e;
    });
    if (!peer)
      throw new DmError(`the new peer's pane ${paneId} closed while starting (did claude exit? try it by hand in that folder)`, 'failed');
    if (peer.pane.dead) {
      const screen = screenFromAnsi(await ctx.tmux.capturePane(paneId)).plain.join('\n');
      await ctx.tmux.tmux(['kill-pane', '-t', paneId]).catch(() => undefined);
      const stuck = firstRunDialog(screen);
      if (stuck) throw new DmError(`the new peer ${peer.pane.address} (${paneId}) exited at ${stuck.name}: ${stuck.hint}`, 'failed');
      const said =
        screen
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l && !l.startsWith('Pane is dead'))
          .at(-1) ?? '';
      throw new DmError(
        `the new peer ${paneId} exited while starting${said ? ` (it said: ${said.slice(0, 160)})` : ''}: try claude by hand in that folder`,
        'failed',
      );
    }
    if (!peer.claude) continue;
    const [view] = await observePeers(ctx.tmux, [peer], 0);
    lastState = view!.classification.state;
    const screen = screenFromAnsi(await ctx.tmux.capturePane(paneId)).plain.join('\n');
    const stuck = firstRunDialog(screen);
    if (stuck || lastState === 'idle') {
      // Left to the person (to answer, or to use): the pane closes as usual when claude exits,
      // and closes now if claude exited in the meantime (the connectivity check exits at once).
      await ctx.tmux.tmux(['set-option', '-p', '-u', '-t', paneId, 'remain-on-exit']).catch(() => undefined);
      const now = await findPeerByPane(ctx, paneId).catch(() => null);
      if (now?.pane.dead) await ctx.tmux.tmux(['kill-pane', '-t', paneId]).catch(() => undefined);
    }
    if (stuck) {
      throw new DmError(`the new peer ${peer.pane.address} (${paneId}) is stuck on ${stuck.name}: ${stuck.hint}`, 'failed');
    }
    if (lastState === 'idle') return { paneId, address: peer.pane.address, pid: peer.claude.pid };
  }
  throw new DmError(
    `the new peer ${paneId} was not ready after ${SPAWN_READY_MS / 1000}s (state ${lastState}): look at the pane`,
    'failed',
  );
}

export async function transcriptPathOf(ctx: Session, paneId: string): Promise<string | null> {
  const peer = await findPeerByPane(ctx, paneId);
  return peer ? ((await transcriptOf(peer))?.path ?? null) : null;
}
