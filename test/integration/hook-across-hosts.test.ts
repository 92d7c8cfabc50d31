// An answer through claude-dm's hook on another machine: a peer there shows a Bash prompt (a synthetic peer drawing
// the real 2.1.197 screen, its sessions record `waiting`), and the real `claude-dm hook permission-request` runs
// there as Claude Code would start it (CLAUDE_PID, the peer's HOME, stdin the request). From here, `list --host`
// shows the far request whole, and `answer HOST:… y` goes through that hook: the hook prints the allow decision,
// the far audit log says channel hook, and no key is typed into the far pane.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { farHost, type FarHost } from '../support/far-host.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { REPO_ROOT } from '../support/repo-root.js';
import { cli, eventually } from '../support/run-cli.js';
import { startSyntheticPeer } from '../support/synthetic-peers.js';

const BIN = join(REPO_ROOT, 'dist', 'claude-dm.cjs');
let here: PrivateTmux;
let far: FarHost;
const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  far?.tmux.kill();
  here?.kill();
});

it("a far peer's request shows here whole, and answer HOST:… y goes through its hook there", { timeout: 90_000 }, async () => {
  here = startPrivateTmux();
  const runtime = join(here.dir, 'far-runtime');
  mkdirSync(runtime, { recursive: true, mode: 0o700 });
  far = farHost('build', `XDG_RUNTIME_DIR=${runtime} `);
  const peer = await startSyntheticPeer(far.tmux, 'p', { capture: '2.1.197__permission_bash__1', sessionId: 'sess-far' });
  const claudePid = Number(readFileSync(join(peer.home, '..', 'control.json.ready'), 'utf8'));
  // The hook, as Claude Code starts it over there: its output is what Claude Code would read.
  const hook = spawn(process.execPath, [BIN, 'hook', 'permission-request'], {
    env: { PATH: process.env.PATH, HOME: peer.home, XDG_RUNTIME_DIR: runtime, CLAUDE_PID: String(claudePid) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  started.push(hook.pid!);
  let printed = '';
  hook.stdout.on('data', (d: Buffer) => (printed += d.toString()));
  const exited = new Promise<number | null>((r) => hook.on('exit', (code) => r(code)));
  const request = {
    session_id: 'sess-far',
    hook_event_name: 'PermissionRequest',
    tool_name: 'Bash',
    tool_input: { command: 'touch /home/u1/touched-2', description: 'Touch a file' },
    permission_suggestions: [],
  };
  hook.stdin.end(JSON.stringify(request));

  const host = `--host=build=${far.transport}`;
  const row = await eventually(
    async () => {
      const r = await cli(here, ['list', '--json', host, '--no-local']);
      const peers = (
        JSON.parse(r.stdout) as { peers: Array<{ address: string; request: { id: string } | null; prompt_id: string | null }> }
      ).peers;
      return peers.find((p) => p.request !== null) ?? null;
    },
    30_000,
    "the far peer's request in list --host",
  );
  expect(row.request).toMatchObject({ tool: 'Bash', input: { command: 'touch /home/u1/touched-2' } });
  expect(row.prompt_id).toBe(row.request!.id);

  const a = await cli(here, ['answer', row.address, 'y', '--json', host]);
  expect(JSON.parse(a.stdout)).toMatchObject({ channel: 'hook', request_id: row.request!.id, decision: { behavior: 'allow' } });
  expect(await exited).toBe(0);
  expect(JSON.parse(printed)).toEqual({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } } });
  // Its own gates and audit over there: the far log has the answer through the hook, and no key reached the pane.
  const farAudit = readFileSync(join(far.home, '.claude', 'claude-dm.log'), 'utf8');
  expect(farAudit).toContain('"channel":"hook"');
  expect(peer.received()).toBe('');
});
