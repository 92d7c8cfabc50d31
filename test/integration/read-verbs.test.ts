// The read-only verbs on a real tmux server (private socket) with synthetic peers that
// draw real Claude Code screens and write transcripts like Claude Code does.
import { appendFileSync, renameSync, rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { cli, cliWaiting, eventually } from '../support/run-cli.js';
import { rec, startSyntheticPeer, writeJsonl, type SyntheticPeer } from '../support/synthetic-peers.js';

let tmux: PrivateTmux;
beforeEach(() => {
  tmux = startPrivateTmux();
});
afterEach(() => tmux.kill());

async function titled(peer: SyntheticPeer, glyph: '✳' | 'spinner') {
  const want = glyph === 'spinner' ? /^[\u2800-\u28ff]/u : /^✳/u;
  await eventually(async () => want.test(await tmux.tmux('display', '-p', '-t', peer.paneId, '#{pane_title}')), 10_000, `title ${glyph}`);
}

async function addr(peer: SyntheticPeer) {
  return (await tmux.tmux('display', '-p', '-t', peer.paneId, '#{session_name}:#{window_index}.#{pane_index}')).trim();
}

describe('list and status', () => {
  it('lists Claude peers with state and LAST, and only with --all the shell pane', async () => {
    const idle = await startSyntheticPeer(tmux, 'idle', { capture: '2.1.197__idle__2' });
    const modal = await startSyntheticPeer(tmux, 'modal', { capture: '2.1.197__permission_bash__1' });
    const busy = await startSyntheticPeer(tmux, 'busy', { capture: '2.1.197__busy__1' });
    writeJsonl(idle.transcriptPath(), [rec.user('hi'), rec.assistant('hello')]);
    await titled(idle, '✳');
    await titled(busy, 'spinner');

    const r = await eventually(async () => {
      const res = await cli(tmux, ['list', '--json']);
      const peers = JSON.parse(res.stdout).peers as Array<{
        address: string;
        state: string;
        subtype: string | null;
        last_write_ms_ago: number | null;
        pane_id: string;
      }>;
      return peers.length === 3 && peers.every((p) => p.state !== 'other') ? peers : null;
    });
    const byPane = Object.fromEntries(r.map((p) => [p.pane_id, p]));
    expect(byPane[idle.paneId]).toMatchObject({ state: 'idle', address: await addr(idle) });
    expect(byPane[idle.paneId]!.last_write_ms_ago).toBeLessThan(60_000);
    expect(byPane[modal.paneId]).toMatchObject({ state: 'modal', subtype: 'permission', last_write_ms_ago: null });
    expect(byPane[busy.paneId]).toMatchObject({ state: 'busy' });

    const table = await cli(tmux, ['list']);
    expect(table.code).toBe(0);
    expect(table.lines[0]).toMatch(/^ADDR\s+STATE\s+LAST\s+TITLE\s+CWD$/);
    const idleAddr = await addr(idle);
    const idleRow = table.lines.find((l) => l.startsWith(`${idleAddr} `))!;
    expect(idleRow).toMatch(/🟢 idle\s+\d+s\s+Test task\s+\S*work$/);
    expect(table.stdout).toContain('🔴 modal (permission)');
    expect(table.stdout).not.toContain('main:0.0');

    const all = await cli(tmux, ['list', '--all']);
    expect(all.stdout).toMatch(/main:0\.0\s+⚫ other/);
  });

  it('reads titles and fields right without a UTF-8 locale (cron, LANG=C, a bare ssh session)', async () => {
    const p = await startSyntheticPeer(tmux, 'p', { capture: '2.1.197__idle__2' });
    await titled(p, '✳');
    const r = await cli(tmux, ['list', '--json'], { env: { LANG: 'C', LC_ALL: 'C', LC_CTYPE: '' } });
    expect(JSON.parse(r.stdout).peers).toEqual([expect.objectContaining({ pane_id: p.paneId, state: 'idle', title: '✳ Test task' })]);
  });

  it("marks the caller's own pane when $TMUX points at the same socket", async () => {
    const me = await startSyntheticPeer(tmux, 'me', { capture: '2.1.197__idle__2' });
    await titled(me, '✳');
    const r = await cli(tmux, ['list'], { env: { TMUX: `${tmux.socketPath},1,0`, TMUX_PANE: me.paneId, CLAUDE_DM_SOCKET: '' } });
    expect(r.stdout).toContain(`${await addr(me)}*`);
  });

  it('status shows state, reason, the modal and the gate of every write verb', async () => {
    const modal = await startSyntheticPeer(tmux, 'modal', { capture: '2.1.197__permission_bash__1' });
    await titled(modal, '✳');
    const r = await eventually(async () => {
      const res = await cli(tmux, ['status', modal.paneId]);
      return res.stdout.includes('modal') ? res : null;
    });
    expect(r.stdout).toMatch(/state:\s+🔴 modal \(permission\), prompt bash/);
    expect(r.stdout).toMatch(/reason:\s+rule modal: .*sessions status waiting agrees/);
    expect(r.stdout).toContain('touch /home/u1/touched-2');
    expect(r.stdout).toMatch(/answer\s+allowed/);
    expect(r.stdout).toMatch(/send\s+refused\s+peer is modal/);
    const json = JSON.parse((await cli(tmux, ['status', await addr(modal), '--json'])).stdout);
    expect(json.gates.answer.allowed).toBe(true);
    expect(json.gates.esc.allowed).toBe(true);
    expect(json.modal.options.map((o: { key: string }) => o.key)).toEqual(['1', '2', '3']);
  });

  it('an unknown target is a usage error that lists the known peers', async () => {
    const p = await startSyntheticPeer(tmux, 'p', { capture: '2.1.197__idle__2' });
    const r = await cli(tmux, ['status', 'nosuch:9.9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`known peers: ${await addr(p)}`);
    expect(r.stderr.split('\n')).toHaveLength(1);
  });

  it('a dead server is a one-line error with exit 2', async () => {
    tmux.kill();
    const r = await cli(tmux, ['list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^claude-dm: no tmux server on socket .*--socket PATH/);
  });
});

describe('peek and tail', () => {
  it('peek prints the last N blocks, and --json the same as data', async () => {
    const p = await startSyntheticPeer(tmux, 'p', { capture: '2.1.197__idle__2' });
    writeJsonl(p.transcriptPath(), [rec.user('one'), rec.assistant('two'), rec.user('three'), rec.assistant('four\nlines')]);
    const r = await cli(tmux, ['peek', p.paneId, '2']);
    expect(r.stdout.split('\n')).toEqual(['❯ three', '● four', '  lines']);
    const j = JSON.parse((await cli(tmux, ['peek', p.paneId, '--json'])).stdout);
    expect(j.blocks.map((b: { text: string }) => b.text)).toEqual(['one', 'two', 'three', 'four\nlines']);
    expect(j.turn_ended).toBe(true);
    expect((await cli(tmux, ['peek', p.paneId, 'x'])).code).toBe(2);
  });

  it('tail prints appended blocks, follows /clear to the new transcript, and exits 1 when the pane closes', async () => {
    const p = await startSyntheticPeer(tmux, 'p', { capture: '2.1.197__idle__2', sessionId: 's1' });
    const first = p.transcriptPath('s1');
    writeJsonl(first, [rec.user('old')]);
    const seen: string[] = [];
    // -n 1: the last block first, which says it is following; then only what is appended.
    const running = cli(tmux, ['tail', p.paneId, '-n', '1'], { onLine: (l) => seen.push(l) });
    await eventually(() => seen.includes('❯ old'), 10_000, 'tail to start');
    appendFileSync(first, `${JSON.stringify(rec.user('new question'))}\n`);
    // A record written in two pieces arrives once, whole.
    const half = JSON.stringify(rec.assistant('an answer'));
    appendFileSync(first, half.slice(0, 20));
    await eventually(() => seen.includes('❯ new question'), 5000, 'new question');
    appendFileSync(first, `${half.slice(20)}\n`);
    await eventually(() => seen.includes('● an answer'), 5000, 'answer');

    // /clear: a new session id in the sessions record, a new transcript file.
    p.set({ capture: '2.1.197__after_clear__1', sessionId: 's2' });
    writeJsonl(p.transcriptPath('s2'), [rec.user('after clear')]);
    await eventually(() => seen.includes('❯ after clear'), 8000, 'after clear');

    await tmux.tmux('kill-pane', '-t', p.paneId);
    const r = await running;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is gone/);
    expect(seen.filter((l) => l === '❯ old')).toHaveLength(1);
    expect(seen.filter((l) => l === '● an answer')).toHaveLength(1);
  });

  it('tail survives the file being replaced in place and reads it from the start', async () => {
    const p = await startSyntheticPeer(tmux, 'p', { capture: '2.1.197__idle__2' });
    const path = p.transcriptPath();
    writeJsonl(path, [rec.user('a')]);
    const seen: string[] = [];
    const ac = new AbortController();
    const running = cli(tmux, ['tail', p.paneId, '-n', '1', '--json'], { onLine: (l) => seen.push(l), signal: ac.signal });
    await eventually(() => seen.length === 1, 5000, 'first block');
    writeJsonl(`${path}.new`, [rec.user('replaced')]);
    rmSync(path);
    renameSync(`${path}.new`, path);
    await eventually(() => seen.some((l) => JSON.parse(l).text === 'replaced'), 5000, 'replaced');
    ac.abort();
    expect((await running).code).toBe(0);
    expect(JSON.parse(seen[0]!)).toMatchObject({ role: 'user', text: 'a' });
  });
});

describe('wait', () => {
  const waiting = (args: string[]) => cliWaiting(tmux, args);

  it('prints DONE once the title is ✳ and the last turn ended with end_turn, held for the debounce', async () => {
    const p = await startSyntheticPeer(tmux, 'p', { capture: '2.1.197__busy__1' });
    writeJsonl(p.transcriptPath(), [rec.user('go')]);
    await titled(p, 'spinner');
    const running = await waiting(['wait', p.paneId, '0.1', '20', '0.3']);
    p.set({ capture: '2.1.197__idle__2' });
    appendFileSync(p.transcriptPath(), `${JSON.stringify(rec.assistant('finished'))}\n`);
    expect(await running.done).toMatchObject({ code: 0, stdout: 'DONE' });
  });

  it('prints MODAL when a permission prompt opens', async () => {
    const p = await startSyntheticPeer(tmux, 'p', { capture: '2.1.197__busy__1' });
    const running = await waiting(['wait', p.paneId, '0.1', '20', '0']);
    p.set({ capture: '2.1.197__permission_bash__1' });
    expect(await running.done).toMatchObject({ code: 0, stdout: 'MODAL' });
  });

  it('exits 1 with no sentinel when the pane is killed mid-wait', async () => {
    const p = await startSyntheticPeer(tmux, 'p', { capture: '2.1.197__busy__1' });
    const running = await waiting(['wait', p.paneId, '0.1', '20', '0']);
    await tmux.tmux('kill-pane', '-t', p.paneId);
    const r = await running.done;
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/is gone .* while waiting/);
  });

  it('exits 1 with no sentinel on timeout; --json says timeout', async () => {
    const p = await startSyntheticPeer(tmux, 'p', { capture: '2.1.197__busy__1' });
    const r = await cli(tmux, ['wait', p.paneId, '0.1', '0.5', '0']);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(/timed out after 0.5s/);
    const j = await cli(tmux, ['wait', p.paneId, '0.1', '0.3', '0', '--json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout)).toMatchObject({ result: 'timeout', state: 'busy' });
  });
});

describe('doctor', () => {
  it('reports tmux, the socket, each peer and how it was found', async () => {
    const p = await startSyntheticPeer(tmux, 'p', { capture: '2.1.197__idle__2' });
    writeJsonl(p.transcriptPath(), [rec.user('hi'), rec.assistant('hello')]);
    await titled(p, '✳');
    const r = await cli(tmux, ['doctor'], { env: { CLAUDE_DM_AUDIT_LOG: `${tmux.dir}/audit.log`, XDG_RUNTIME_DIR: tmux.dir } });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/^✓ tmux: tmux \d/m);
    expect(r.stdout).toContain(`✓ socket: ${tmux.socketPath} (from CLAUDE_DM_SOCKET)`);
    expect(r.stdout).toMatch(/✓ server: answers: 2 panes/);
    expect(r.stdout).toMatch(new RegExp(`✓ \\S+ \\(${p.paneId}\\): Claude Code pid \\d+, config \\S+ \\(from HOME\\)`));
    expect(r.stdout).toMatch(/sessions\/\d+\.json: session synthetic-session, status idle, version synthetic/);
    expect(r.stdout).toMatch(/transcript \S+synthetic-session\.jsonl \(found by session-id\)/);
    expect(r.stdout).toMatch(/🟢 idle: rule idle/);
    expect(r.stdout).toMatch(/! you: not inside tmux/);
  });

  it('says what could not be resolved, and exits 1', async () => {
    tmux.kill();
    const r = await cli(tmux, ['doctor', '--json']);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout) as { ok: boolean; checks: Array<{ ok: boolean | string; what: string; detail: string }> };
    expect(body.ok).toBe(false);
    expect(body.checks.find((c) => c.what === 'server' && c.ok === false)?.detail).toMatch(/no socket file|no tmux server/);
  });
});
