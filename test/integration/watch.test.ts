// `claude-dm watch` as a user runs it: the built CLI in its own process, on a private tmux server with
// synthetic peers that draw real Claude Code screens. It streams a snapshot, then changes; it ends with
// exit 0 on SIGINT, SIGTERM, and when the reader of its pipe goes, even on a roster where nothing happens.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { REPO_ROOT } from '../support/repo-root.js';
import { cli, eventually } from '../support/run-cli.js';
import { rec, syntheticPeerReading, writeJsonl, type SyntheticState } from '../support/synthetic-peers.js';

const execFileAsync = promisify(execFile);
const BIN = join(REPO_ROOT, 'dist', 'claude-dm.cjs');

let tmux: PrivateTmux;
let running: ChildProcessWithoutNullStreams[] = [];
beforeEach(() => {
  if (!existsSync(BIN)) throw new Error('run `npm run build` first (npm test does)');
  tmux = startPrivateTmux();
});
afterEach(() => {
  for (const p of running) if (p.exitCode === null) p.kill('SIGKILL');
  running = [];
  tmux.kill();
});

const env = () => ({ ...tmux.env, XDG_RUNTIME_DIR: tmux.dir, CLAUDE_DM_AUDIT_LOG: join(tmux.dir, 'audit.log') });

const peer = (name: string, state: SyntheticState, reads: string) => syntheticPeerReading(tmux, name, state, reads);

/** watch in its own process; its stdout as lines, as they come. `traceTo`: its observer's looks (src/util/trace.ts). */
function startWatch(...args: string[]) {
  return startWatchTracing(null, ...args);
}
function startWatchTracing(traceTo: string | null, ...args: string[]) {
  const child = spawn('node', [BIN, '--socket', tmux.socketPath, 'watch', ...args], {
    env: { ...env(), ...(traceTo ? { CLAUDE_DM_TUI_TRACE: traceTo } : {}) },
  });
  running.push(child);
  const lines: string[] = [];
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited, stderr: () => stderr, json: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('watch', () => {
  it('a snapshot per peer, then state and prompt events as a peer works and asks; readable lines without --json', async () => {
    const p = await peer('worker', { capture: '2.1.332__default__idle' }, 'idle');
    const w = startWatch('--json', '--interval', '0.2');
    const plainTrace = join(tmux.dir, 'plain-trace');
    const plain = startWatchTracing(plainTrace, '--interval', '0.2');
    const seen = (what: string) => () =>
      [
        what,
        `readable watch printed: ${JSON.stringify(plain.lines)}`,
        `its stderr: ${JSON.stringify(plain.stderr())}`,
        `its trace (last lines): ${existsSync(plainTrace) ? readFileSync(plainTrace, 'utf8').split('\n').slice(-40).join('\n') : 'none'}`,
      ].join('\n');
    // Both watches look before the peer moves (each starts a process: on a loaded machine that takes seconds).
    await eventually(
      () =>
        w.json().some((e) => e.event === 'snapshot' && e.pane_id === p.paneId && e.state === 'idle') &&
        plain.lines.some((l) => / 🟢 idle/.test(l)),
      15_000,
      seen('both snapshots'),
    );
    const snap = w.json()[0]!;
    expect(Object.keys(snap)).toEqual(expect.arrayContaining(['ts', 'target', 'pane_id', 'name', 'cwd', 'event', 'state']));
    p.set({ capture: '2.1.332__default__busy' });
    await eventually(() => w.json().some((e) => e.event === 'state' && e.from === 'idle' && e.to === 'busy'), 15_000, 'idle → busy');
    p.set({ capture: '2.1.332__default__permission_bash2' });
    const prompt = await eventually(() => w.json().find((e) => e.event === 'prompt'), 15_000, 'the prompt event');
    expect(prompt).toMatchObject({ pane_id: p.paneId, prompt: 'bash', prompt_id: expect.stringMatching(/^pr-/) });
    expect((prompt.keys as Record<string, { option: string | null }>).n?.option).toBe('No');
    // Each watch looks for itself: the readable one too must have seen the prompt before it closes.
    await eventually(() => plain.lines.some((l) => /asks \(bash/.test(l)), 15_000, seen('the readable prompt line'));
    p.set({ capture: '2.1.332__default__idle' });
    await eventually(() => w.json().some((e) => e.event === 'state' && e.from === 'modal' && e.to === 'idle'), 15_000, 'modal → idle');
    await eventually(() => plain.lines.some((l) => / modal → 🟢 idle$/.test(l)), 15_000, seen('the readable line'));
    expect(plain.lines.some((l) => /asks \(bash, /.test(l) || /asks \(bash\)/.test(l))).toBe(true);
    for (const x of [w, plain]) x.child.kill('SIGINT');
    expect(await w.exited).toBe(0);
    expect(await plain.exited).toBe(0);
  });

  it('a Bash prompt painted before its tool call reaches the transcript: the first prompt event already has tool Bash', async () => {
    // 2.1.332 under load: the screen and the record say `waiting` 40-300 ms before the transcript holds the
    // tool_use (scripts/measure-prompt-paint.mjs). Here the call is written only after watch has looked twice.
    const p = await peer('asker', { capture: '2.1.332__default__busy' }, 'busy');
    const transcript = p.transcriptPath();
    const said = [rec.user('please run bash now')];
    writeJsonl(transcript, said);
    const traceFile = join(tmux.dir, 'watch-trace');
    const w = startWatchTracing(traceFile, '--json', '--interval', '0.2');
    await eventually(() => w.json().some((e) => e.event === 'snapshot' && e.state === 'busy'), 15_000, 'the snapshot');
    p.set({ capture: '2.1.332__default__permission_bash2', status: 'waiting' });
    await eventually(
      async () => JSON.parse((await cli(tmux, ['status', p.paneId, '--json'])).stdout).state === 'modal',
      15_000,
      'the prompt on screen',
    );
    const looks = () => (existsSync(traceFile) ? (readFileSync(traceFile, 'utf8').match(/ captured [1-9]/g)?.length ?? 0) : 0);
    const before = looks();
    await eventually(() => looks() >= before + 2, 15_000, 'watch looking at the prompt twice');
    const early = w.json().filter((e) => e.event === 'prompt' || (e.event === 'state' && e.to === 'modal'));
    writeJsonl(transcript, [
      ...said,
      {
        type: 'assistant',
        message: {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'touch /tmp/touched-2' } }],
          stop_reason: 'tool_use',
        },
        timestamp: new Date().toISOString(),
      },
    ]);
    const prompt = await eventually(() => w.json().find((e) => e.event === 'prompt'), 15_000, 'the prompt event');
    expect(prompt).toMatchObject({ pane_id: p.paneId, prompt: 'bash', tool: 'Bash', prompt_id: expect.stringMatching(/^pr-/) });
    expect((prompt.options as unknown[]).length).toBe(4);
    // Nothing of the prompt was told before its call was read.
    expect(early).toEqual([]);
    w.child.kill('SIGINT');
    expect(await w.exited).toBe(0);
  });

  it('--state modal shows only peers on a prompt; targets narrow it to those peers', async () => {
    const a = await peer('a', { capture: '2.1.332__default__idle' }, 'idle');
    const b = await peer('b', { capture: '2.1.332__default__permission_bash2' }, 'modal');
    const modal = startWatch('--json', '--state', 'modal', '--interval', '0.2');
    const onlyA = startWatch(a.paneId, '--json', '--interval', '0.2');
    await eventually(() => modal.lines.length > 0 && onlyA.lines.length > 0, 15_000, 'the snapshots');
    await eventually(async () => {
      const bad = await execFileAsync('node', [BIN, '--socket', tmux.socketPath, 'watch', '--state', 'nap'], { env: env() }).catch(
        (e) => e,
      );
      return bad.code === 2 && /--state takes idle, busy, drafting, modal, other/.test(bad.stderr);
    });
    // b was asking before the watch began: its snapshot is followed by what it asks.
    await eventually(() => modal.json().some((e) => e.event === 'prompt'), 15_000, 'the prompt of the peer already asking');
    expect(modal.json().map((e) => [e.event, e.pane_id])).toEqual([
      ['snapshot', b.paneId],
      ['prompt', b.paneId],
    ]);
    expect(modal.json()[1]).toMatchObject({ prompt: 'bash', prompt_id: modal.json()[0]!.prompt_id });
    expect(onlyA.json().map((e) => e.pane_id)).toEqual([a.paneId]);
    modal.child.kill('SIGTERM');
    onlyA.child.kill('SIGTERM');
    expect(await modal.exited).toBe(0);
    expect(await onlyA.exited).toBe(0);
  });

  it('`watch --json | head -1` prints one snapshot and ends with 0, though the peer stays quiet', async () => {
    await peer('quiet', { capture: '2.1.332__default__idle' }, 'idle');
    const pipeline = `node '${BIN}' --socket '${tmux.socketPath}' watch --json | head -1; echo "exit \${PIPESTATUS[0]}"`;
    const { stdout, stderr } = await execFileAsync('bash', ['-c', pipeline], {
      env: env(),
      timeout: 30_000,
    });
    const [line, status] = stdout.trim().split('\n');
    expect(JSON.parse(line!)).toMatchObject({ event: 'snapshot', state: 'idle' });
    expect(status).toBe('exit 0');
    expect(stderr).toBe('');
  });
});
