// CLI features on a private tmux with synthetic peers: the DM prefix (--from, --no-from,
// and the default inside a Claude pane), --raw, every form of target, the lock-timeout and
// unconfirmed outcomes, spawn --name and --split, and --via for cmd, wait and ask.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockDir, lockPath } from '../../src/actions/lock.js';
import { processStamp } from '../../src/peers/process-stamp.js';
import { ASK_JSON_FIELDS } from '../../src/cli/verbs/ask.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { cli, eventually } from '../support/run-cli.js';
import {
  rec,
  startSyntheticPeer,
  syntheticClaudeOnPath,
  writeJsonl,
  type SyntheticPeer,
  type SyntheticState,
} from '../support/synthetic-peers.js';

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

let tmux: PrivateTmux;
beforeEach(() => {
  tmux = startPrivateTmux();
});
afterEach(() => tmux.kill());

const audit = () => {
  const path = join(tmux.dir, 'audit.log');
  return existsSync(path)
    ? readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];
};
const addrOf = async (paneId: string) =>
  (await tmux.tmux('display', '-p', '-t', paneId, '#{session_name}:#{window_index}.#{pane_index}')).trim();

async function peerIn(name: string, state: SyntheticState, expectState: string): Promise<SyntheticPeer> {
  const p = await startSyntheticPeer(tmux, name, state);
  await eventually(
    async () => {
      const r = await cli(tmux, ['status', p.paneId, '--json']);
      return r.code === 0 && JSON.parse(r.stdout).state === expectState;
    },
    10_000,
    `${name} ${expectState}`,
  );
  return p;
}
const idleEcho = (name = 'p') => peerIn(name, { capture: '2.1.197__idle__2', echo: true }, 'idle');
/** The environment of a process running in this pane (what tmux gives it). */
const inPane = (paneId: string) => ({ TMUX: `${tmux.socketPath},${tmux.serverPid},0`, TMUX_PANE: paneId });

describe('the DM prefix', () => {
  it('is on by default from a Claude pane, off with --no-from; off by default elsewhere, on with --from', { timeout: 60_000 }, async () => {
    const caller = await peerIn('caller', { capture: '2.1.197__idle__2' }, 'idle');
    const target = await idleEcho('target');
    const callerAddr = await addrOf(caller.paneId);
    const send = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
      const r = await cli(tmux, ['send', target.paneId, ...args], { env });
      expect(r.code, r.stderr).toBe(0);
    };
    await send(['one'], inPane(caller.paneId));
    await send(['two', '--no-from'], inPane(caller.paneId));
    await send(['three']);
    await send(['four', '--from']);
    // From a pane that is not a Claude peer (the shell of main:0), the default is no prefix too.
    const shell = (await tmux.tmux('display', '-p', '-t', 'main:0', '#{pane_id}')).trim();
    await send(['five'], inPane(shell));
    expect(target.submitted()).toEqual([
      `DM from ${callerAddr}: one`,
      'two',
      'three',
      `DM from ${userInfo().username}@${hostname()}: four`,
      'five',
    ]);
  });
});

describe('--raw', () => {
  it('a control character is refused before anything is typed, and typed as given with --raw', async () => {
    const p = await idleEcho();
    const refused = await cli(tmux, ['send', p.paneId, 'ring\x07bell']);
    expect(refused).toMatchObject({
      code: 2,
      stderr: 'claude-dm: the message holds control character 0x07 at index 4 (it would act as a keystroke): remove it, or pass --raw',
    });
    expect(p.received()).toBe('');
    const raw = await cli(tmux, ['send', p.paneId, 'ring\x07bell', '--raw']);
    expect(raw.code).not.toBe(2);
    await eventually(() => p.received().startsWith(`${PASTE_START}ring\x07bell${PASTE_END}`), 5_000, 'the raw paste');
  });
});

describe('targets', () => {
  it('a window, a window name and a session name each name one peer; several matches are an error naming them', async () => {
    const a = await idleEcho('alpha');
    const addr = await addrOf(a.paneId);
    const [session, rest] = addr.split(':') as [string, string];
    const windowIndex = rest.split('.')[0]!;
    for (const target of [`${session}:${windowIndex}`, `${session}:alpha`, addr, a.paneId]) {
      const r = await cli(tmux, ['status', target, '--json']);
      expect(r.code, `${target}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout).address, target).toBe(addr);
    }
    // The session holds one Claude peer (main:0 is a shell): its name is enough.
    expect(JSON.parse((await cli(tmux, ['status', session, '--json'])).stdout).address).toBe(addr);

    const b = await idleEcho('beta');
    const bAddr = await addrOf(b.paneId);
    const r = await cli(tmux, ['status', session]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`claude-dm: target "${session}" matches 2 peers (${[addr, bAddr].join(', ')}): name one`);
    const unknown = await cli(tmux, ['status', 'nosuch']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^claude-dm: no peer "nosuch" on .*; known peers: /);
  });
});

describe('outcomes', () => {
  it('lock-timeout: another live writer holds the peer for 30 s; nothing is typed, one audit line', { timeout: 60_000 }, async () => {
    const p = await idleEcho();
    // A live process's stamp (ours) in the lock file: a writer that is still at work.
    const path = lockPath(lockDir({ XDG_RUNTIME_DIR: tmux.dir }, process.getuid?.() ?? 0), tmux.socketPath, p.paneId);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, processStamp(process.pid));
    const r = await cli(tmux, ['send', p.paneId, 'blocked']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^claude-dm: \S+: another claude-dm is writing to this peer \(lock .*\)$/);
    expect(p.received()).toBe('');
    expect(audit()).toEqual([expect.objectContaining({ verb: 'send', outcome: 'lock-timeout' })]);
  });

  it('unconfirmed: the key was pressed but the modal did not change', { timeout: 60_000 }, async () => {
    // A modal that ignores keys (no onKey reaction).
    const p = await peerIn('m', { capture: '2.1.197__permission_bash__1' }, 'modal');
    const r = await cli(tmux, ['answer', p.paneId, '1', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      outcome: 'unconfirmed',
      ok: false,
      detail:
        'pressed 1 (Yes), but nothing says it was taken after 10 s: the prompt is still open with the cursor on "1. Yes"; the sessions record still says waiting',
    });
    expect(p.received()).toBe('1');
    expect(audit()).toEqual([expect.objectContaining({ verb: 'answer', outcome: 'unconfirmed' })]);
  });
});

describe('spawn --name and --split', () => {
  /** A `claude` on PATH that starts a synthetic idle peer. */
  const claudeOnPath = () => syntheticClaudeOnPath(join(tmux.dir, 'spawned'));

  it("--name names the new window; --split splits the caller's pane", { timeout: 90_000 }, async () => {
    const env = claudeOnPath();
    const caller = (await tmux.tmux('display', '-p', '-t', 'main:0', '#{pane_id}')).trim();
    const named = await cli(tmux, ['spawn', '--name', 'reviewer', '--json'], { env: { ...env, ...inPane(caller) } });
    expect(named.code, named.stderr).toBe(0);
    const n = JSON.parse(named.stdout) as { address: string; pane_id: string };
    expect((await tmux.tmux('display', '-p', '-t', n.pane_id, '#{window_name}')).trim()).toBe('reviewer');

    // Room for two panes one above the other, each tall enough for the drawn screen.
    await tmux.tmux('resize-window', '-t', 'main:0', '-x', '160', '-y', '100');
    const before = (await tmux.tmux('list-panes', '-t', 'main:0', '-F', '#{pane_id}')).trim().split('\n');
    const split = await cli(tmux, ['spawn', '--split', '--json'], { env: { ...env, ...inPane(caller) } });
    expect(split.code, split.stderr).toBe(0);
    const s = JSON.parse(split.stdout) as { pane_id: string };
    const after = (await tmux.tmux('list-panes', '-t', 'main:0', '-F', '#{pane_id}')).trim().split('\n');
    expect(after).toEqual(expect.arrayContaining([...before, s.pane_id]));
    expect(after).toHaveLength(before.length + 1);

    const outside = await cli(tmux, ['spawn', '--split'], { env });
    expect(outside).toMatchObject({
      code: 2,
      stderr: 'claude-dm: --split splits your own pane: run it inside tmux on the same socket, or use --window',
    });
  });
});

describe('ask --json', () => {
  it('prints the fields its help names: a reply, and a message that was not delivered', { timeout: 40_000 }, async () => {
    const help = (await cli(tmux, ['ask', '--help'])).stdout;
    expect(help).toContain(`{${ASK_JSON_FIELDS.reply.join(', ')}}`);
    expect(help).toContain(`{${ASK_JSON_FIELDS.undelivered.join(', ')}}`);
    const p = await idleEcho();
    const asking = cli(tmux, ['ask', p.paneId, 'fields?', '20', '--json']);
    await eventually(() => p.submitted().length === 1, 10_000, 'the question');
    writeJsonl(p.transcriptPath(), [rec.user('fields?'), rec.assistant('these')]);
    const r = await asking;
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout)).sort()).toEqual([...ASK_JSON_FIELDS.reply].sort());

    const busy = await peerIn('busy', { capture: '2.1.197__busy__1' }, 'busy');
    const refused = await cli(tmux, ['ask', busy.paneId, 'fields?', '--json']);
    expect(refused.code).toBe(1);
    expect(Object.keys(JSON.parse(refused.stdout)).sort()).toEqual([...ASK_JSON_FIELDS.undelivered].sort());
  });
});

describe('--via for cmd, wait and ask', () => {
  let farHome: string;
  beforeEach(() => {
    farHome = join(tmux.dir, 'far-home');
    mkdirSync(farHome);
  });
  const via = (args: string[]) => cli(tmux, ['--via', 'sh -c', '--socket', tmux.socketPath, ...args], { env: { HOME: farHome } });

  it('cmd runs a slash command over there; wait prints its sentinel; ask prints the reply', { timeout: 60_000 }, async () => {
    const p = await idleEcho();
    const addr = await addrOf(p.paneId);
    const c = await via(['cmd', `sh:${addr}`, '/cost']);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toBe(`ran /cost in ${addr}`);
    expect(p.submitted()).toEqual(['/cost']);

    writeJsonl(p.transcriptPath(), [rec.user('hi'), rec.assistant('hello')]);
    const w = await via(['wait', `sh:${addr}`, '0.1', '20', '0']);
    expect(w).toMatchObject({ code: 0, stdout: 'DONE' });

    const asking = via(['ask', `sh:${addr}`, 'what is 6 times 7?', '30']);
    await eventually(() => p.submitted().length === 2, 20_000, 'the question');
    writeJsonl(p.transcriptPath(), [rec.user('hi'), rec.assistant('hello'), rec.user('what is 6 times 7?'), rec.assistant('42')]);
    const a = await asking;
    expect(a).toMatchObject({ code: 0, stdout: '42' });
    expect(p.submitted()).toEqual(['/cost', 'what is 6 times 7?']);
  });
});
