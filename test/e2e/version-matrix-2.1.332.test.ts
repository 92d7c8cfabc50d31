// The version matrix's 2.1.332 part: REAL Claude Code 2.1.332 (the devDependency alias claude-code-2.1.332,
// checked with --version; a missing or different binary fails the file) offline against the fake API, one peer
// in auto mode (its default) and one in manual mode (--permission-mode default), on one private tmux server.
// Only what differs from 2.1.197 (whose states the rest of test/e2e covers): every prompt kind the fake API
// raises is classified by `status --json`, answered y and n by meaning (No is 4 in a manual Bash prompt, 3 on
// 2.1.197; auto mode's prompts have no numbers), `wait` prints MODAL, the dashboard approves with one key, and
// a /model picker is `other` and never answered.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { typeInto, type ClaudePeer } from '../../demo/claude-peer.js';
import { eventually } from '../support/run-cli.js';
import { lastToolUse, toolResultText, type ToolCall } from '../support/transcripts.js';
import { CURSOR, settledScreen } from '../support/sentinel.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';

const VERSION = '2.1.332';

let w: WriteHarness;
let auto: ClaudePeer;
let manual: ClaudePeer;

beforeAll(async () => {
  w = await startWriteHarness({ version: VERSION });
  auto = await w.h.start('auto', { permissionMode: 'auto' });
  manual = await w.h.start('manual', { permissionMode: 'default' });
}, 120_000);
afterAll(async () => w?.close());
// A test that fails half-way leaves its peer on a prompt: close it (Esc; our own text cleared) so the next
// test starts from an idle peer instead of failing too.
afterEach(async () => {
  for (const p of [auto, manual]) if (w && p) await w.backToIdle(p);
}, 60_000);

type KeyRow = { key: string; option: string | null; needsConfirm: boolean };
type Status = {
  state: string;
  subtype: string | null;
  prompt: string | null;
  reason: string;
  version: string | null;
  modal: { style: string; options: Array<{ key: string; label: string; selected?: boolean }> } | null;
  answer_keys: KeyRow[] | null;
};

async function status(p: ClaudePeer): Promise<Status> {
  const r = await w.run(['status', p.paneId, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Status;
}
const screen = (p: ClaudePeer) => w.h.tmux.tmux('capture-pane', '-p', '-t', p.paneId);
/** The screen without what blinks by itself (the ● of a tool call waiting for approval): for "nothing changed". */
const unblink = (s: string) => s.replace(/●/g, ' ');
const still = async (p: ClaudePeer) => unblink(await screen(p));

async function reaches(p: ClaudePeer, ok: (s: Status) => boolean, what: string, ms = 25_000): Promise<Status> {
  let last: Status | null = null;
  try {
    return await eventually(
      async () => {
        last = await status(p);
        return ok(last) ? last : null;
      },
      ms,
      what,
    );
  } catch (e) {
    throw new Error(`${(e as Error).message}; last status: ${JSON.stringify(last)}\n${await screen(p)}`, { cause: e });
  }
}
const idle = (p: ClaudePeer) => reaches(p, (s) => s.state === 'idle', `${p.name} idle`);
const modal = (p: ClaudePeer, prompt: string) =>
  reaches(p, (s) => s.state === 'modal' && s.prompt === prompt, `${p.name}: modal ${prompt}`);
const anyModal = (p: ClaudePeer) => reaches(p, (s) => s.state === 'modal', `${p.name}: a modal`);

type AnswerJson = { outcome: string; ok: boolean; key?: string; option?: string; widens?: boolean; prompt?: string; detail: string };
async function answer(p: ClaudePeer, key: string): Promise<AnswerJson & { code: number }> {
  const r = await w.run(['answer', p.paneId, key, '--json']);
  return { ...(JSON.parse(r.stdout) as AnswerJson), code: r.code };
}

/**
 * Sends a prompt that makes the fake API call a tool, and waits for its prompt. In auto mode 2.1.332 may put
 * its auto-mode dialog first: that is answered y (stay in auto mode) through claude-dm, as a user would.
 */
async function raise(p: ClaudePeer, text: string, prompt: string): Promise<{ s: Status; call: ToolCall }> {
  await idle(p);
  const before = lastToolUse(p.configDir)?.id;
  await typeInto(w.h.tmux.socketPath, p.paneId, text, w.h.tmux.env);
  let s = await anyModal(p);
  if (s.prompt === 'auto-mode' && prompt !== 'auto-mode') {
    expect(await answer(p, 'y')).toMatchObject({ outcome: 'delivered', key: 'Enter' });
  }
  s = await modal(p, prompt);
  const call = await eventually(
    () => {
      const c = lastToolUse(p.configDir);
      return c && c.id !== before ? c : null;
    },
    10_000,
    'the tool call in the transcript',
  );
  return { s, call };
}

const keyRow = (s: Status, key: string) => s.answer_keys?.find((k) => k.key === key);
const REJECTED = /doesn't want to proceed|did not allow|rejected|Request interrupted/iu;
const result = (p: ClaudePeer, call: ToolCall) =>
  eventually(() => toolResultText(p.configDir, call.id), 15_000, `the result of ${call.name}`);

/** Presses shift+Tab until the footer names the mode (manual → accept edits → plan → auto → manual). */
async function cycleTo(p: ClaudePeer, footer: RegExp): Promise<void> {
  for (let i = 0; i < 6 && !footer.test(await screen(p)); i++) {
    const before = await screen(p);
    await w.h.press(p, 'BTab');
    await eventually(async () => (await screen(p)) !== before, 3_000, 'the mode to change').catch(() => undefined);
  }
  expect(await screen(p)).toMatch(footer);
}

describe(`Claude Code ${VERSION}, auto mode (its default): unnumbered prompts and the auto-mode dialog`, () => {
  it('the peer runs the version named, in auto mode', async () => {
    const s = await idle(auto);
    expect(s.version).toBe(VERSION);
    expect(await screen(auto)).toMatch(/⏵⏵ auto mode on/);
  });

  it('the auto-mode dialog is a modal (auto-mode): wait prints MODAL; n is Esc and nothing runs', { timeout: 90_000 }, async () => {
    await typeInto(w.h.tmux.socketPath, auto.paneId, 'please run bash now', w.h.tmux.env);
    const waited = await w.run(['wait', auto.paneId, '0.2', '30', '1']);
    expect(waited).toMatchObject({ code: 0, stdout: 'MODAL' });
    const s = await modal(auto, 'auto-mode');
    expect(s.subtype).toBe('permission');
    expect(keyRow(s, 'y')?.option).toMatch(/stay in auto mode/i);
    // The transcript's tool_use record can land after the dialog is on screen.
    const call = await eventually(() => lastToolUse(auto.configDir), 10_000, 'the tool call in the transcript');
    const n = await answer(auto, 'n');
    expect(n).toMatchObject({ outcome: 'delivered', key: 'Escape' });
    await idle(auto);
    expect(existsSync(String(call.input.command).replace(/^touch /, ''))).toBe(false);
    // Esc before anything ran may put the prompt back in the box: clear it (our own text).
    await w.h.press(auto, 'C-u');
  });

  it('Bash: the dialog answered y, then ❯ No / Yes: n picks No (Enter on it), y picks Yes (Down, Enter)', { timeout: 90_000 }, async () => {
    const first = await raise(auto, 'please run bash now', 'bash');
    const s = first.s;
    let call = first.call;
    expect(s.modal?.style).toBe('cursor');
    expect(s.modal?.options.map((o) => o.label)).toEqual(['No', 'Yes']);
    expect(s.modal?.options[0]?.selected).toBe(true);
    expect(s.answer_keys?.map((k) => k.key)).toEqual(['y', 'n', 'a']); // no digits on an unnumbered list
    const touched = String(call.input.command).replace(/^touch /, '');
    expect(await answer(auto, 'n')).toMatchObject({ outcome: 'delivered', option: 'No', widens: false });
    expect(await result(auto, call)).toMatch(REJECTED);
    expect(existsSync(touched)).toBe(false);

    ({ call } = await raise(auto, 'please run bash now', 'bash'));
    const yes = await answer(auto, 'y');
    expect(yes).toMatchObject({ outcome: 'delivered', option: 'Yes', widens: false });
    expect(yes.detail).toMatch(/Down, Enter/);
    await eventually(() => existsSync(String(call.input.command).replace(/^touch /, '')), 15_000, 'the approved touch');
  });

  it('a digit on an unnumbered prompt is refused and nothing is typed', { timeout: 60_000 }, async () => {
    const { call } = await raise(auto, 'please run bash now', 'bash');
    const before = await still(auto);
    const r = await answer(auto, '1');
    expect(r).toMatchObject({ outcome: 'refused', ok: false });
    expect(r.code).not.toBe(0);
    expect(r.detail).toMatch(/no numbers/);
    expect(await settledScreen(w.h.tmux, auto, CURSOR, unblink)).toBe(before);
    expect(toolResultText(auto.configDir, call.id)).toBeNull();
    expect(await answer(auto, 'n')).toMatchObject({ outcome: 'delivered', option: 'No' });
  });

  it('Write outside the working folder: n leaves no file, y writes it', { timeout: 90_000 }, async () => {
    let { call } = await raise(auto, 'please do write a file', 'write');
    expect(await answer(auto, 'n')).toMatchObject({ outcome: 'delivered', option: 'No' });
    expect(await result(auto, call)).toMatch(REJECTED);
    expect(existsSync(String(call.input.file_path))).toBe(false);
    ({ call } = await raise(auto, 'please do write a file', 'write'));
    expect(await answer(auto, 'y')).toMatchObject({ outcome: 'delivered', option: 'Yes' });
    await eventually(() => existsSync(String(call.input.file_path)), 15_000, 'the written file');
  });

  it('WebFetch: n picks "No, and tell Claude…", y picks Yes (the fetch runs, offline it fails)', { timeout: 90_000 }, async () => {
    const first = await raise(auto, 'please fetch a page', 'fetch');
    const s = first.s;
    let call = first.call;
    expect(keyRow(s, 'n')?.option).toMatch(/^No, and tell Claude what to do differently/);
    expect(await answer(auto, 'n')).toMatchObject({ outcome: 'delivered', widens: false });
    expect(await result(auto, call)).toMatch(REJECTED);
    ({ call } = await raise(auto, 'please fetch a page', 'fetch'));
    expect(await answer(auto, 'y')).toMatchObject({ outcome: 'delivered', option: 'Yes' });
    expect(await result(auto, call)).not.toMatch(REJECTED);
  });

  it(
    'Read outside: four numbered options; y is 4 (Yes, but ask again), n is 3 (No, ask again), 1 needs --confirm',
    { timeout: 90_000 },
    async () => {
      const first = await raise(auto, 'please read a file', 'read');
      const s = first.s;
      let call = first.call;
      expect(s.modal?.style).toBe('numbered');
      expect(keyRow(s, 'y')).toMatchObject({ option: expect.stringMatching(/^Yes, but ask again next time/), needsConfirm: false });
      expect(keyRow(s, 'n')).toMatchObject({ option: expect.stringMatching(/^No, and ask again next time/) });
      expect(keyRow(s, '1')).toMatchObject({ option: expect.stringMatching(/keep allowing/), needsConfirm: true });
      const refused = await answer(auto, '1');
      expect(refused).toMatchObject({ outcome: 'refused', key: '1', widens: true });
      expect(toolResultText(auto.configDir, call.id)).toBeNull();
      expect(await answer(auto, 'n')).toMatchObject({ outcome: 'delivered', key: '3' });
      expect(await result(auto, call)).toMatch(REJECTED);
      ({ call } = await raise(auto, 'please read a file', 'read'));
      expect(await answer(auto, 'y')).toMatchObject({ outcome: 'delivered', key: '4' });
      expect(await result(auto, call)).toContain('hello world');
    },
  );

  it('Edit outside: after its Read (y), the edit prompt; n keeps the file, y edits it', { timeout: 90_000 }, async () => {
    const file = join(auto.homeDir, 'hello.txt');
    for (const [key, want] of [
      ['n', 'hello world\n'],
      ['y', 'hello edited world\n'],
    ] as const) {
      await raise(auto, 'please edit outside a file', 'read');
      expect(await answer(auto, 'y')).toMatchObject({ outcome: 'delivered', key: '4' });
      const s = await modal(auto, 'edit');
      expect(s.modal?.style).toBe('cursor');
      expect(await answer(auto, key)).toMatchObject({ outcome: 'delivered', option: key === 'y' ? 'Yes' : 'No' });
      await idle(auto);
      expect(readFileSync(file, 'utf8')).toBe(want);
    }
  });

  it('the dashboard approves an unnumbered prompt with one key (y)', { timeout: 90_000 }, async () => {
    const { call } = await raise(auto, 'please run bash now', 'bash');
    const dash = await startDashboard();
    try {
      await dash.shows((t) => t.includes('🔴 modal (permission)'), 'the modal');
      await dash.keys('g'); // modal peers sort first
      await dash.shows((t) => t.includes(String(call.input.command)), 'the command in the preview');
      await dash.keys('y');
      await eventually(
        () => existsSync(String(call.input.command).replace(/^touch /, '')),
        20_000,
        'the command approved from the dashboard',
      );
      await dash.shows((t) => /answered .*Yes/.test(t), 'the answer in the status line');
    } finally {
      await dash.close();
    }
  });

  it('plan approval (plan mode): y picks "Yes, manually approve edits", never "Yes, and use auto mode"', { timeout: 90_000 }, async () => {
    await cycleTo(auto, /plan mode on/);
    const { s } = await raise(auto, 'please do plan now', 'plan');
    expect(keyRow(s, '1')).toMatchObject({ option: expect.stringMatching(/auto mode/), needsConfirm: true });
    expect(keyRow(s, 'y')?.option).toMatch(/^Yes, manually approve edits/);
    expect(await answer(auto, 'y')).toMatchObject({ outcome: 'delivered', option: expect.stringMatching(/^Yes, manually approve edits/) });
    await eventually(async () => !/plan mode on/.test(await screen(auto)), 15_000, 'plan mode to end');
    await cycleTo(auto, /auto mode on/);
  });
});

describe(`Claude Code ${VERSION}, manual mode (--permission-mode default): numbered prompts, No moved`, () => {
  it('the peer runs the version named, in manual mode', async () => {
    const s = await idle(manual);
    expect(s.version).toBe(VERSION);
    expect(await screen(manual)).toMatch(/⏸ manual mode on/);
  });

  it(
    'busy with no title spinner (the title stays ✳ inside tmux): slowN, wait DONE; a 529 being retried; a 400 ends idle',
    { timeout: 90_000 },
    async () => {
      await idle(manual);
      await typeInto(w.h.tmux.socketPath, manual.paneId, 'please wait slow5', w.h.tmux.env);
      const busy = await reaches(manual, (s) => s.state === 'busy', 'busy');
      expect(busy.reason).not.toMatch(/title spinner/);
      expect(await w.h.title(manual)).toBe('✳ Claude Code');
      expect(await w.run(['wait', manual.paneId, '0.2', '60', '0.5'])).toMatchObject({ code: 0, stdout: 'DONE' });
      expect((await status(manual)).state).toBe('idle');

      await typeInto(w.h.tmux.socketPath, manual.paneId, 'please err529 now', w.h.tmux.env);
      await eventually(async () => /529 Overloaded · retrying|attempt \d+\/\d+/.test(await screen(manual)), 40_000, 'the retry line');
      expect((await status(manual)).state).toBe('busy');
      await w.h.press(manual, 'Escape');
      // Esc before anything streamed puts the prompt back in the box: a draft, ours to clear.
      await reaches(manual, (s) => s.state === 'drafting' || s.state === 'idle', 'the retry stopped');
      await w.h.press(manual, 'C-u');

      await typeInto(w.h.tmux.socketPath, manual.paneId, 'please err400 now', w.h.tmux.env);
      await eventually(async () => /API Error: 400/.test(await screen(manual)), 20_000, 'the 400 shown');
      await idle(manual);
    },
  );

  it('Bash: No is 4 and 3 switches to auto mode (refused without --confirm); wait prints MODAL; n and y', { timeout: 90_000 }, async () => {
    await idle(manual);
    await typeInto(w.h.tmux.socketPath, manual.paneId, 'please run bash now', w.h.tmux.env);
    expect(await w.run(['wait', manual.paneId, '0.2', '30', '1'])).toMatchObject({ code: 0, stdout: 'MODAL' });
    const s = await modal(manual, 'bash');
    let call = await eventually(() => lastToolUse(manual.configDir), 10_000, 'the tool call in the transcript');
    expect(s.modal?.options.map((o) => `${o.key}. ${o.label.split(/[,·]/)[0]}`)).toEqual(['1. Yes', '2. Yes', '3. Yes', '4. No']);
    expect(keyRow(s, 'n')?.option).toBe('No');
    expect(keyRow(s, '3')).toMatchObject({ option: expect.stringMatching(/switch to auto mode/), needsConfirm: true });
    const three = await answer(manual, '3');
    expect(three).toMatchObject({ outcome: 'refused', key: '3', widens: true });
    expect(await screen(manual)).not.toMatch(/auto mode on/);
    const n = await answer(manual, 'n');
    expect(n).toMatchObject({ outcome: 'delivered', key: '4', option: 'No' });
    expect(await result(manual, call)).toMatch(REJECTED);
    expect(existsSync(String(call.input.command).replace(/^touch /, ''))).toBe(false);

    ({ call } = await raise(manual, 'please run bash now', 'bash'));
    expect(await answer(manual, 'y')).toMatchObject({ outcome: 'delivered', key: '1', option: 'Yes' });
    await eventually(() => existsSync(String(call.input.command).replace(/^touch /, '')), 15_000, 'the approved touch');
    await idle(manual);
    expect(await screen(manual)).toMatch(/⏸ manual mode on/);
  });

  it('Write: 3 options, No is 3; 2 (accept edits) needs --confirm; n and y', { timeout: 90_000 }, async () => {
    const first = await raise(manual, 'please do write a file', 'write');
    const s = first.s;
    let call = first.call;
    expect(keyRow(s, '2')).toMatchObject({ option: expect.stringMatching(/accept edits/), needsConfirm: true });
    expect(await answer(manual, 'n')).toMatchObject({ outcome: 'delivered', key: '3', option: 'No' });
    expect(existsSync(String(call.input.file_path))).toBe(false);
    ({ call } = await raise(manual, 'please do write a file', 'write'));
    expect(await answer(manual, 'y')).toMatchObject({ outcome: 'delivered', key: '1', option: 'Yes' });
    await eventually(() => existsSync(String(call.input.file_path)), 15_000, 'the written file');
  });

  it('Edit inside the project: n keeps hello.txt, y edits it', { timeout: 90_000 }, async () => {
    const file = join(manual.workDir, 'hello.txt');
    await raise(manual, 'please edit a file', 'edit');
    expect(await answer(manual, 'n')).toMatchObject({ outcome: 'delivered', option: 'No' });
    await idle(manual);
    expect(readFileSync(file, 'utf8')).toBe('hello world\n');
    await raise(manual, 'please edit a file', 'edit');
    expect(await answer(manual, 'y')).toMatchObject({ outcome: 'delivered', key: '1', option: 'Yes' });
    await eventually(() => readFileSync(file, 'utf8') === 'hello edited world\n', 15_000, 'the edit');
  });

  it('Read outside (Read file): n refuses the read, y reads it', { timeout: 90_000 }, async () => {
    const first = await raise(manual, 'please read a file', 'read');
    const s = first.s;
    let call = first.call;
    expect(keyRow(s, 'n')?.option).toBe('No');
    expect(await answer(manual, 'n')).toMatchObject({ outcome: 'delivered', option: 'No' });
    expect(await result(manual, call)).toMatch(REJECTED);
    ({ call } = await raise(manual, 'please read a file', 'read'));
    expect(await answer(manual, 'y')).toMatchObject({ outcome: 'delivered', key: '1', option: 'Yes' });
    expect(await result(manual, call)).toContain('hello world');
  });

  it('WebFetch: n and y', { timeout: 90_000 }, async () => {
    let { call } = await raise(manual, 'please fetch a page', 'fetch');
    expect(await answer(manual, 'n')).toMatchObject({ outcome: 'delivered', option: expect.stringMatching(/^No/) });
    expect(await result(manual, call)).toMatch(REJECTED);
    ({ call } = await raise(manual, 'please fetch a page', 'fetch'));
    expect(await answer(manual, 'y')).toMatchObject({ outcome: 'delivered', key: '1', option: 'Yes' });
    expect(await result(manual, call)).not.toMatch(REJECTED);
  });

  it(
    'AskUserQuestion: a question modal; y and n pick nothing (no Yes/No there), a number picks the answer',
    { timeout: 60_000 },
    async () => {
      const { s, call } = await raise(manual, 'please askme now', 'question');
      expect(s.subtype).toBe('question');
      const before = await still(manual);
      for (const key of ['y', 'n']) expect(await answer(manual, key)).toMatchObject({ outcome: 'refused', ok: false });
      expect(await settledScreen(w.h.tmux, manual, CURSOR, unblink)).toBe(before);
      expect(await answer(manual, '2')).toMatchObject({ outcome: 'delivered', key: '2', option: expect.stringMatching(/^Green/) });
      expect(await result(manual, call)).toMatch(/Green/);
    },
  );

  it('plan approval: n finds no plain No and types nothing; y picks "Yes, manually approve edits"', { timeout: 90_000 }, async () => {
    await cycleTo(manual, /plan mode on/);
    const { s } = await raise(manual, 'please do plan now', 'plan');
    const before = await still(manual);
    const n = await answer(manual, 'n');
    expect(n).toMatchObject({ outcome: 'refused', ok: false });
    expect(n.detail).toMatch(/no plain No/);
    expect(await settledScreen(w.h.tmux, manual, CURSOR, unblink)).toBe(before);
    expect(keyRow(s, 'y')?.option).toMatch(/^Yes, manually approve edits/);
    expect(await answer(manual, 'y')).toMatchObject({
      outcome: 'delivered',
      option: expect.stringMatching(/^Yes, manually approve edits/),
    });
    await eventually(async () => /⏸ manual mode on/.test(await screen(manual)), 15_000, 'manual mode again');
  });

  it('the dashboard approves a numbered prompt with one key (y → 1. Yes)', { timeout: 90_000 }, async () => {
    const { call } = await raise(manual, 'please run bash now', 'bash');
    const dash = await startDashboard();
    try {
      await dash.shows((t) => t.includes('🔴 modal (permission)'), 'the modal');
      await dash.keys('g');
      await dash.shows((t) => t.includes(String(call.input.command)), 'the command in the preview');
      await dash.keys('y');
      await eventually(
        () => existsSync(String(call.input.command).replace(/^touch /, '')),
        20_000,
        'the command approved from the dashboard',
      );
      await dash.shows((t) => /answered .*Yes/.test(t), 'the answer in the status line');
    } finally {
      await dash.close();
    }
  });

  it(
    'a /model picker opened in the peer is other: answer 1 is refused, nothing typed, the model unchanged',
    { timeout: 60_000 },
    async () => {
      await idle(manual);
      await typeInto(w.h.tmux.socketPath, manual.paneId, '/model', w.h.tmux.env);
      await eventually(
        async () => {
          const t = await screen(manual);
          return /Select model/.test(t) && /Enter to save|Esc to cancel/.test(t);
        },
        15_000,
        'the model picker',
      );
      const picker = await still(manual);
      const s = await reaches(manual, (x) => x.state === 'other', 'the picker read as other');
      expect(s.answer_keys).toBeNull();
      const r = await answer(manual, '1');
      expect(r).toMatchObject({ outcome: 'refused', ok: false });
      expect(r.code).not.toBe(0);
      expect(await settledScreen(w.h.tmux, manual, CURSOR, unblink)).toBe(picker);
      expect(w.audit().at(-1)).toMatchObject({ verb: 'answer', outcome: 'refused' });
      await w.h.press(manual, 'Escape');
      await idle(manual);
      const settings = join(manual.configDir, 'settings.json');
      expect(existsSync(settings) ? JSON.parse(readFileSync(settings, 'utf8')).model : undefined).toBeUndefined();
    },
  );
});

/** claude-dm-tui in a new window of the same private server, read with capture-pane, driven with send-keys. */
async function startDashboard() {
  const pane = await w.openDashboard();
  const text = () => w.h.tmux.tmux('capture-pane', '-p', '-t', pane);
  return {
    keys: (...k: string[]) => w.h.tmux.tmux('send-keys', '-t', pane, ...k),
    async shows(pred: (t: string) => boolean, what: string): Promise<string> {
      let last = '';
      try {
        return await eventually(
          async () => {
            last = await text();
            return pred(last) ? last : null;
          },
          20_000,
          `the dashboard to show ${what}`,
        );
      } catch (e) {
        throw new Error(`${(e as Error).message}; the dashboard showed:\n${last}`, { cause: e });
      }
    },
    close: () => w.h.tmux.tmux('kill-pane', '-t', pane).catch(() => ''),
  };
}
