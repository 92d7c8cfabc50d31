// Answers through Claude Code's PermissionRequest hook against answers by keys, over real Claude Code 2.1.332
// offline (manual mode): what the hook costs to start for each prompt (spawned as Claude Code spawns it, to the
// moment its request is registered) against `node -e 0`, and how long from a prompt first seen to its tool's
// result in the transcript, answering `y` at once, through the hook and by keys. Prints figures; asserts nothing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { typeInto, type ClaudePeer } from '../demo/claude-peer.js';
import { startRealPeers } from '../demo/real-peers.js';
import { answerModal } from '../src/actions/answer-modal.js';
import { readPending } from '../src/hook/on-screen.js';
import { observePane } from '../src/session/peers.js';
import { openSession, type Session } from '../src/session/session.js';
import { endBench, fixed, pct } from './measure.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'dist', 'claude-dm.cjs');
const STARTS = Number(process.env.BENCH_HOOK_STARTS ?? 15);
const ANSWERS = Number(process.env.BENCH_HOOK_ANSWERS ?? 8);

/** ms from spawning `argv` to `done()` (polled every 2 ms), then the process is ended (ours, by PID). */
async function timeUntil(argv: string[], env: NodeJS.ProcessEnv, stdin: string, done: () => boolean): Promise<number> {
  const t0 = performance.now();
  const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['pipe', 'ignore', 'ignore'] });
  child.stdin.end(stdin);
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  for (;;) {
    if (done()) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  const ms = performance.now() - t0;
  if (child.exitCode === null) child.kill('SIGKILL');
  await exited;
  return ms;
}

async function startupFigures(): Promise<void> {
  const state = mkdtempSync(join(tmpdir(), 'cdm-hookbench-'));
  const dir = join(state, 'claude-dm', 'requests');
  const input = readFileSync(join(ROOT, 'test', 'fixtures', 'hook', '2.1.332__default__bash.stdin.json'), 'utf8');
  const env = { ...process.env, XDG_RUNTIME_DIR: state, HOME: state };
  const registered = () => existsSync(dir) && readdirSync(dir).some((f) => /^rq-[0-9a-f]{12}\.json$/u.test(f));
  const hook: number[] = [];
  try {
    for (let i = 0; i < STARTS; i++) {
      rmSync(dir, { recursive: true, force: true });
      hook.push(await timeUntil([process.execPath, BIN, 'hook', 'permission-request'], env, input, registered));
    }
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
  // node -e 0 measured the same way: spawn to exit.
  const floor: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    floor.push(performance.now() - t0);
  }
  console.log(`the hook's start, spawned to its request registered (${STARTS} runs, ${process.version}):`);
  console.log(`  hook  p50 ${fixed(pct(hook, 50), 0, ' ms')}   p95 ${fixed(pct(hook, 95), 0, ' ms')}`);
  console.log(`  node -e 0 (spawn to exit)  p50 ${fixed(pct(floor, 50), 0, ' ms')}   p95 ${fixed(pct(floor, 95), 0, ' ms')}`);
  const ratio = (pct(hook, 50) ?? NaN) / (pct(floor, 50) ?? NaN);
  console.log(`  ratio (p50) ${fixed(ratio, 2, '×', 'no floor')}`);
}

/** Raises a Bash prompt on an idle peer and answers `y` as soon as it can; ms from the prompt first seen to the tool's result. */
async function oneAnswer(ctx: Session, peer: ClaudePeer, env: NodeJS.ProcessEnv, n: number, hook: boolean): Promise<number | null> {
  for (;;) {
    const v = await observePane(ctx, peer.paneId);
    if (v?.classification.state === 'idle') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const file = join(peer.homeDir, `bench-${hook ? 'hook' : 'keys'}-${n}`);
  await typeInto(ctx.socket.path, peer.paneId, `bash: touch ${file}`, env);
  for (;;) {
    const v = await observePane(ctx, peer.paneId);
    if (v?.classification.state === 'modal') break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const seen = performance.now();
  if (hook) while (readPending(ctx).requests.length === 0) await new Promise((r) => setTimeout(r, 10));
  const r = await answerModal(ctx, peer.paneId, 'y');
  if (!r.ok || r.channel !== (hook ? 'hook' : 'keys')) return null;
  while (!existsSync(file)) await new Promise((res) => setTimeout(res, 5));
  return performance.now() - seen;
}

async function answerFigures(): Promise<void> {
  const h = await startRealPeers({ version: '2.1.332', permissionMode: 'default' });
  try {
    const state = h.tmux.dir;
    const env = { ...h.tmux.env, CLAUDE_DM_AUDIT_LOG: join(state, 'audit.log'), XDG_RUNTIME_DIR: state };
    const hooked = await h.start('hooked', {
      extraEnv: { XDG_RUNTIME_DIR: state },
      prepare: (home) =>
        void spawnSync(process.execPath, [BIN, 'hooks', 'install'], { env: { ...env, HOME: home, CLAUDE_CONFIG_DIR: '' } }),
    });
    const plain = await h.start('plain');
    const ctx = openSession({ socket: h.tmux.socketPath }, { env });
    const through: number[] = [];
    const keys: number[] = [];
    for (let i = 0; i < ANSWERS; i++) {
      const a = await oneAnswer(ctx, hooked, h.tmux.env, i, true);
      if (a !== null) through.push(a);
      const b = await oneAnswer(ctx, plain, h.tmux.env, i, false);
      if (b !== null) keys.push(b);
    }
    console.log(`a prompt first seen → its tool's result (answer y at once; ${ANSWERS} prompts each, 2.1.332 manual mode):`);
    console.log(
      `  through the hook  p50 ${fixed(pct(through, 50), 0, ' ms')}   p95 ${fixed(pct(through, 95), 0, ' ms')}   (${through.length} delivered)`,
    );
    console.log(
      `  by keys           p50 ${fixed(pct(keys, 50), 0, ' ms')}   p95 ${fixed(pct(keys, 95), 0, ' ms')}   (${keys.length} delivered)`,
    );
  } finally {
    await h.close();
  }
}

await startupFigures();
await answerFigures();
endBench('hook-bench');
