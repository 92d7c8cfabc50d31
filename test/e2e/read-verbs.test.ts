// list, status, peek, tail and wait against REAL Claude Code 2.1.197 peers (offline, fake
// API on 127.0.0.1), two peers on one private socket, driven through every state.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeInto, type ClaudePeer } from '../../demo/claude-peer.js';
import { startRealPeers, type RealPeers } from '../support/real-peers.js';
import { cli, eventually } from '../support/run-cli.js';

let h: RealPeers;
let alpha: ClaudePeer;
let beta: ClaudePeer;

beforeAll(async () => {
  h = await startRealPeers({ version: '2.1.197' });
  alpha = await h.start('alpha');
  beta = await h.start('beta');
}, 90_000);
afterAll(async () => h?.close());

type PeerJson = { pane_id: string; state: string; subtype: string | null; prompt: string | null; reason: string; pid: number };

async function stateOf(peer: ClaudePeer): Promise<PeerJson> {
  const r = await cli(h.tmux, ['list', '--json']);
  expect(r.code).toBe(0);
  const found = (JSON.parse(r.stdout).peers as PeerJson[]).find((p) => p.pane_id === peer.paneId);
  if (!found) throw new Error(`${peer.paneId} not listed: ${r.stdout}`);
  return found;
}

const becomes = (peer: ClaudePeer, state: string, timeoutMs = 20_000) =>
  eventually(
    async () => {
      const s = await stateOf(peer);
      return s.state === state ? s : null;
    },
    timeoutMs,
    `${peer.name} → ${state}`,
  );

describe('read verbs on real Claude Code peers', () => {
  it('lists both fresh peers as idle, via the built binary too', async () => {
    expect((await becomes(alpha, 'idle')).pid).toBe(alpha.pid);
    await becomes(beta, 'idle');
    const bin = join(process.cwd(), 'dist/src/cli/main.js');
    if (!existsSync(bin)) throw new Error('run `npm run build` first (npm test does)');
    const r = await execa('node', [bin, 'list'], { env: { ...h.tmux.env, CLAUDE_DM_SOCKET: h.tmux.socketPath }, reject: false });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.match(/🟢 idle/g)).toHaveLength(2);
    expect(r.stdout).toMatch(/peers:\d+\.0\s+🟢 idle\s+-\s+Claude Code\s+\S+\/alpha\/work/);
  });

  it('busy while the API is slow; tail shows the turn; wait prints DONE; peek shows the reply', async () => {
    const seen: string[] = [];
    const ac = new AbortController();
    const tailing = cli(h.tmux, ['tail', alpha.paneId], { onLine: (l) => seen.push(l), signal: ac.signal });
    await typeInto(h.tmux.socketPath, alpha.paneId, 'please wait slow4', h.tmux.env);
    const busy = await becomes(alpha, 'busy', 10_000);
    expect(busy.reason).toMatch(/rule busy: .*(title spinner|esc to interrupt)/);
    expect((await stateOf(beta)).state).toBe('idle');

    const waited = await cli(h.tmux, ['wait', alpha.paneId, '0.2', '60', '0.5']);
    expect(waited).toMatchObject({ code: 0, stdout: 'DONE' });
    expect((await stateOf(alpha)).state).toBe('idle');

    const peek = await cli(h.tmux, ['peek', alpha.paneId, '2']);
    expect(peek.stdout).toBe('❯ please wait slow4\n● ECHO: please wait slow4');
    await eventually(() => seen.includes('● ECHO: please wait slow4'), 5000, 'tail to show the reply');
    expect(seen).toContain('❯ please wait slow4');
    ac.abort();
    expect((await tailing).code).toBe(0);
  });

  it('drafting while text sits in the input box; the draft is reported', async () => {
    await h.keys(beta, 'a half-typed thought');
    const s = await becomes(beta, 'drafting');
    expect(s.reason).toContain('a half-typed thought');
    const st = JSON.parse((await cli(h.tmux, ['status', beta.paneId, '--json'])).stdout);
    expect(st.draft).toBe('a half-typed thought');
    expect(st.gates.send).toMatchObject({ allowed: false });
    expect(st.gates.esc).toMatchObject({ allowed: false });
    await h.press(beta, 'C-u'); // the test's own clean-up of its own draft
    await becomes(beta, 'idle');
  });

  it('permission modal for a Bash tool call: wait prints MODAL, status shows the command', async () => {
    const marker = join(h.tmux.dir, 'never-created');
    await typeInto(h.tmux.socketPath, beta.paneId, `bash: touch ${marker}`, h.tmux.env);
    // A debounce of 1 s: DONE needs the turn over for that long, so a peer not yet busy cannot end the wait.
    const waited = await cli(h.tmux, ['wait', beta.paneId, '0.2', '30', '1']);
    expect(waited).toMatchObject({ code: 0, stdout: 'MODAL' });
    const s = await becomes(beta, 'modal');
    expect(s).toMatchObject({ subtype: 'permission', prompt: 'bash' });
    const st = await cli(h.tmux, ['status', beta.paneId]);
    expect(st.stdout).toContain(`touch ${marker}`);
    expect(st.stdout).toMatch(/options:\s+1\. Yes\s+2\. .*3\. No/);
    expect(st.stdout).toMatch(/reason:.*sessions status waiting agrees/);
    // The transcript's tool_use record can land after the modal is on screen.
    await eventually(
      async () => (await cli(h.tmux, ['peek', beta.paneId, '1'])).stdout === `● Bash(touch ${marker})`,
      5000,
      'tool_use in peek',
    );
    await h.press(beta, 'Escape');
    await becomes(beta, 'idle');
    expect(existsSync(marker)).toBe(false);
  });

  it('question modal for AskUserQuestion', async () => {
    await typeInto(h.tmux.socketPath, alpha.paneId, 'please askme something', h.tmux.env);
    const s = await becomes(alpha, 'modal');
    expect(s).toMatchObject({ subtype: 'question', prompt: 'question' });
    const st = JSON.parse((await cli(h.tmux, ['status', alpha.paneId, '--json'])).stdout);
    expect(st.modal.options.slice(0, 3).map((o: { label: string }) => o.label)).toEqual(['Red', 'Green', 'Blue']);
    expect(st.gates.answer.allowed).toBe(true);
    expect(st.gates.send.allowed).toBe(false);
    await h.press(alpha, 'Escape');
    await becomes(alpha, 'idle');
  });
});
