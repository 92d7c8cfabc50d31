// Answers through Claude Code's own PermissionRequest hook, on REAL Claude Code 2.1.332 offline, in both of its
// permission modes: `claude-dm hooks install` puts the hook in the peer's settings before it starts; `answer`
// then answers its Bash prompt as a decision bound to that one request — no key reaches the pane (every tmux
// call the answer makes is recorded through the injected runner) — and the person answering on screen first
// ends the hook within 5 s, after which an answer is refused. Uninstall gives the settings file back as it was.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeInto, type ClaudePeer, type PermissionMode } from '../../demo/claude-peer.js';
import { ANSWER_GUARD_MS } from '../../src/actions/answer-modal.js';
import { readClosed, requestsDir } from '../../src/hook/requests.js';
import { processRunner, type Runner } from '../../src/tmux/runner.js';
import { stampAlive } from '../../src/peers/process-stamp.js';
import { cli, eventually } from '../support/run-cli.js';
import { lastToolUse, toolResultText } from '../support/transcripts.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';

let w: WriteHarness;
beforeAll(async () => {
  w = await startWriteHarness({ version: '2.1.332' });
}, 120_000);
afterAll(async () => w?.close());

/** A settings file of the peer's own, as a person's would be, before the hook goes in. */
const SETTINGS = '{\n  "theme": "dark",\n  "permissions": {\n    "allow": []\n  }\n}\n';

/** Every tmux argv a command line runs: none of an answer through the hook may be a key. */
function recordingRunner(): { runner: Runner; argvs: string[][] } {
  const argvs: string[][] = [];
  return {
    argvs,
    runner: {
      run: (file, args, opts) => {
        argvs.push([...args]);
        return processRunner.run(file, args, opts);
      },
    },
  };
}

type Request = { id: string; tool: string; input: { command?: string }; suggestions: unknown[]; since: number };
type Status = { state: string; prompt_id: string | null; request: Request | null };
type Answer = {
  outcome: string;
  ok: boolean;
  channel: string;
  detail: string;
  request_id?: string;
  decision?: { behavior: string; message?: string };
  confirmed_by?: string[];
};

/** A peer whose settings (a person's own, SETTINGS) got claude-dm's hook before it started; the settings file's path. */
async function startHooked(mode: PermissionMode): Promise<{ peer: ClaudePeer; settings: string }> {
  let settings = '';
  const peer = await w.h.start(`hook-${mode}`, {
    permissionMode: mode,
    // The hook registers its requests where this side's claude-dm looks for them.
    extraEnv: { XDG_RUNTIME_DIR: w.stateDir },
    prepare: async (home) => {
      settings = join(home, '.claude', 'settings.json');
      mkdirSync(join(home, '.claude'), { recursive: true });
      writeFileSync(settings, SETTINGS);
      const r = await w.run(['hooks', 'install', '--json'], { HOME: home, CLAUDE_CONFIG_DIR: '' });
      expect(JSON.parse(r.stdout)).toMatchObject({ settings, installed: true, changed: true });
    },
  });
  return { peer, settings };
}

/** `answer PEER ARGS --json`, every tmux call it makes recorded: the keys among them. */
async function answerOf(peer: ClaudePeer, ...args: string[]) {
  const rec = recordingRunner();
  const r = await cli(w.h.tmux, ['answer', peer.paneId, ...args, '--json'], { env: w.env, runner: rec.runner });
  const keys = rec.argvs.filter((a) => a.includes('send-keys') || a.includes('paste-buffer'));
  return { code: r.code, json: JSON.parse(r.stdout) as Answer, keys };
}

const statusOf = async (peer: ClaudePeer) => JSON.parse((await w.run(['status', peer.paneId, '--json'])).stdout) as Status;

/** Types `text` into an idle peer and waits for its prompt (with a request in the hook, when `request`). */
async function promptFor(peer: ClaudePeer, text: string, request: boolean): Promise<Status> {
  await w.becomes(peer, 'idle', 30_000);
  const before = lastToolUse(peer.configDir)?.id;
  await typeInto(w.h.tmux.socketPath, peer.paneId, text, w.h.tmux.env);
  await eventually(() => ((c) => c && c.id !== before)(lastToolUse(peer.configDir)), 20_000, 'the tool call');
  return eventually(
    async () => ((x) => (x.state === 'modal' && (!request || x.request) ? x : null))(await statusOf(peer)),
    20_000,
    request ? "the prompt with its hook's request" : 'the prompt',
  );
}

describe('2.1.332 in default mode, with the hook', () => {
  const mode = 'default';
  let peer: ClaudePeer;
  let settings: string;
  let n = 0;
  const env = (): NodeJS.ProcessEnv => ({ HOME: peer.homeDir, CLAUDE_CONFIG_DIR: '' });
  const status = () => statusOf(peer);
  const answer = (...args: string[]) => answerOf(peer, ...args);

  beforeAll(async () => {
    ({ peer, settings } = await startHooked(mode));
  }, 120_000);

  /** A Bash prompt for `touch FILE`, with its request pending in the hook. */
  async function raise(): Promise<{ file: string; s: Status }> {
    const file = join(peer.homeDir, `touched-${mode}-${++n}`);
    return { file, s: await promptFor(peer, `bash: touch ${file}`, true) };
  }

  it('status shows the request whole, and its id is the prompt_id', { timeout: 90_000 }, async () => {
    const { file, s } = await raise();
    expect(s.request).toMatchObject({ tool: 'Bash', input: { command: `touch ${file}` } });
    expect(s.prompt_id).toBe(s.request!.id);
    expect(s.request!.id).toMatch(/^rq-[0-9a-f]{12}$/u);
    await w.backToIdle(peer);
  });

  it('answer y goes through the hook: the screen says so, the file is touched, no key reached the pane', { timeout: 90_000 }, async () => {
    const { file, s } = await raise();
    const a = await answer('y');
    expect(a.json).toMatchObject({
      outcome: 'delivered',
      ok: true,
      channel: 'hook',
      request_id: s.request!.id,
      decision: { behavior: 'allow' },
    });
    expect(a.json.confirmed_by).toContain('request closed');
    expect(a.keys).toEqual([]);
    await eventually(() => existsSync(file), 20_000, 'the file touched');
    await w.h.screen(peer, (sc) => sc.includes('Allowed by PermissionRequest hook'), 20_000);
    expect(w.audit().at(-1)).toMatchObject({ verb: 'answer', channel: 'hook', outcome: 'delivered' });
  });

  it("answer n --message puts the text in the peer's transcript, through the hook", { timeout: 90_000 }, async () => {
    const { file } = await raise();
    const call = lastToolUse(peer.configDir)!;
    const a = await answer('n', '--message', 'use rg instead');
    expect(a.json).toMatchObject({ outcome: 'delivered', channel: 'hook', decision: { behavior: 'deny', message: 'use rg instead' } });
    expect(a.keys).toEqual([]);
    expect(await eventually(() => toolResultText(peer.configDir, call.id), 20_000, 'the tool result')).toContain('use rg instead');
    expect(existsSync(file)).toBe(false);
  });

  it(
    'the person answering on screen first ends the hook within 5 s; a later answer is refused, nothing typed',
    { timeout: 90_000 },
    async () => {
      const { file, s } = await raise();
      const id = s.request!.id;
      const dir = requestsDir({ XDG_RUNTIME_DIR: w.stateDir }, process.getuid?.() ?? 0);
      const hook = JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as { hook: string };
      // The person, on screen, as a person does: once the prompt has been up for a moment (2.1.3xx ignores keys
      // that come just after it draws a prompt: ANSWER_GUARD_MS).
      await eventually(() => Date.now() - s.request!.since >= 2 * ANSWER_GUARD_MS, 5_000, 'the prompt up for a moment');
      await w.h.press(peer, '1');
      const answeredAt = Date.now();
      await eventually(() => readClosed(dir, id)?.how === 'over' && !stampAlive(hook.hook), 5_000, 'the hook gone within 5 s');
      expect(Date.now() - answeredAt).toBeLessThan(5_000);
      await eventually(() => existsSync(file), 20_000, 'the file touched by the on-screen answer');
      const late = await answer('n', '--prompt', id);
      expect(late.json).toMatchObject({ outcome: 'refused', ok: false });
      expect(late.json.detail).toMatch(new RegExp(`request ${id} is over \\(answered another way`, 'u'));
      expect(late.keys).toEqual([]);
    },
  );

  it('a stale --prompt rq-… refuses and types nothing', { timeout: 90_000 }, async () => {
    await raise();
    const stale = await answer('y', '--prompt', 'rq-000000000000');
    expect(stale.json).toMatchObject({ outcome: 'refused', ok: false });
    expect(stale.json.detail).toMatch(/rq-000000000000 is not pending/u);
    expect(stale.keys).toEqual([]);
    expect((await status()).state).toBe('modal'); // still the person's
    await w.backToIdle(peer);
  });

  it("a question goes through the hook by its option's number: Claude is told the answer", { timeout: 90_000 }, async () => {
    const s = await promptFor(peer, 'please askme which colour the button should be', true);
    expect(s.request).toMatchObject({ tool: 'AskUserQuestion' });
    const call = lastToolUse(peer.configDir)!;
    const a = await answer('2');
    expect(a.json).toMatchObject({
      outcome: 'delivered',
      channel: 'hook',
      decision: { behavior: 'allow', answers: { 'Which colour should the button be?': 'Green' } },
    });
    expect(a.keys).toEqual([]);
    expect(await eventually(() => toolResultText(peer.configDir, call.id), 20_000, 'the answer in the transcript')).toContain('Green');
  });

  it('uninstall leaves the settings file as it was before install', async () => {
    expect(readFileSync(settings, 'utf8')).not.toBe(SETTINGS);
    const r = await w.run(['hooks', 'uninstall'], env());
    expect(r.code).toBe(0);
    expect(readFileSync(settings, 'utf8')).toBe(SETTINGS);
  });
});

// In auto mode (2.1.332's default) Claude Code asks its hook about some prompts only: a Read outside the working
// folders, a question and plan approval do reach it; a Bash approval does not (scripts/probe-permission-hook.mjs).
describe('2.1.332 in auto mode, with the hook', () => {
  let peer: ClaudePeer;
  beforeAll(async () => {
    ({ peer } = await startHooked('auto'));
  }, 120_000);

  it('a Bash approval does not reach the hook: answered by keys, as before', { timeout: 90_000 }, async () => {
    const s = await promptFor(peer, `bash: touch ${join(peer.homeDir, 'auto-bash')}`, false);
    expect(s.request).toBeNull();
    const a = await answerOf(peer, 'n');
    expect(a.json).toMatchObject({ outcome: 'delivered', channel: 'keys' });
    expect(a.keys.length).toBeGreaterThan(0);
    await w.backToIdle(peer);
  });

  it('a question does: answered through it, no key', { timeout: 90_000 }, async () => {
    const s = await promptFor(peer, 'please askme which colour the button should be', true);
    expect(s.request).toMatchObject({ tool: 'AskUserQuestion' });
    const a = await answerOf(peer, '3');
    expect(a.json).toMatchObject({
      outcome: 'delivered',
      channel: 'hook',
      decision: { answers: { 'Which colour should the button be?': 'Blue' } },
    });
    expect(a.keys).toEqual([]);
  });
});

describe('2.1.332 without the hook', () => {
  it('answers by keys, as before', { timeout: 120_000 }, async () => {
    const peer = await w.h.start('no-hook', { permissionMode: 'default' });
    await typeInto(w.h.tmux.socketPath, peer.paneId, 'bash: touch /dev/null', w.h.tmux.env);
    await eventually(
      async () => JSON.parse((await w.run(['status', peer.paneId, '--json'])).stdout).state === 'modal',
      20_000,
      'the prompt',
    );
    const r = await w.run(['answer', peer.paneId, 'n', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'delivered', channel: 'keys' });
    expect(JSON.parse(r.stdout).request_id).toBeUndefined();
  });
});
