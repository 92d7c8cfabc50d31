import { afterEach, describe, expect, it } from 'vitest';
import { selectedRow } from '../../src/dashboard/store.js';
import { KEYMAP } from '../../src/dashboard/keymap/index.js';
import { keysLabel } from '../../src/dashboard/keys.js';
import { ELAPSED_STEP_MS } from '../../src/util/format.js';
import { steppedNow } from '../../hooks/use-now.js';
import { findModal } from '../../src/classify/screen.js';
import { loadCapture } from '../support/fixtures.js';
import { bashModalRow, KEYS, renderDashboard, row, type Harness } from '../support/tui-harness.js';

let h: Harness | null = null;
afterEach(() => {
  h?.unmount();
  h = null;
});

/** The frame's text with box borders and line wrapping folded away. */
const flat = (frame: string) => frame.replace(/[│╭╮╰╯─┌┐└┘]/g, ' ').replace(/\s+/g, ' ');

const rowsInFrame = (frame: string) =>
  frame
    .split('\n')
    .filter((l) => /^[▶ ] main:\d+\.0/.test(l))
    .map((l) => l.slice(2).trim().split(/\s+/)[0]);

describe('roster', () => {
  it('puts blocked peers first (modal, drafting, idle, busy) and counts each state', async () => {
    const busy = row({ state: 'busy', address: 'main:1.0' });
    const idle = row({ state: 'idle', address: 'main:2.0' });
    const modal = bashModalRow({ address: 'main:3.0' });
    const drafting = row({ state: 'drafting', address: 'main:4.0', draft: 'hi' });
    h = renderDashboard([busy, idle, modal, drafting]);
    const f = await h.waitForFrame((f) => f.includes('main:4.0'));
    expect(rowsInFrame(f)).toEqual(['main:3.0', 'main:4.0', 'main:2.0', 'main:1.0']);
    expect(f).toMatch(/🔴 1 modal\s+🟠 1 drafting\s+🟢 1 idle\s+🔵 1 busy\s+⚫ 0 other/);
    expect(f).toContain('🔴 modal (permission)');
  });

  it('marks a peer that holds (or refuses) messages from other sessions', async () => {
    h = renderDashboard([row({ state: 'idle', address: 'main:1.0', inbound: 'hold' }), row({ state: 'idle', address: 'main:2.0' })]);
    const f = await h.waitForFrame((x) => x.includes('main:2.0'));
    expect(f.split('\n').find((l) => l.includes('main:1.0'))).toContain('[holds DMs]');
    expect(f.split('\n').find((l) => l.includes('main:2.0'))).not.toContain('DMs]');
  });

  it('s switches to address order and back', async () => {
    h = renderDashboard([row({ state: 'busy', address: 'main:1.0' }), bashModalRow({ address: 'main:2.0' })]);
    await h.ready();
    expect(rowsInFrame(h.frame())).toEqual(['main:2.0', 'main:1.0']);
    await h.press('s');
    await h.waitForFrame((f) => f.includes('sort: address'));
    expect(rowsInFrame(h.frame())).toEqual(['main:1.0', 'main:2.0']);
    await h.press('s');
    await h.waitForFrame((f) => f.includes('sort: triage'));
    expect(rowsInFrame(h.frame())).toEqual(['main:2.0', 'main:1.0']);
  });

  it('colours each state, and never by colour alone', async () => {
    h = renderDashboard([bashModalRow(), row({ state: 'idle' })]);
    await h.waitForFrame((f) => f.includes('🟢 idle'));
    const raw = h.rawFrame();
    expect(raw).toMatch(/\x1b\[31m[^\n]*🔴 modal/); // red, with glyph and word
    expect(raw).toMatch(/\x1b\[32m[^\n]*🟢 idle/);
  });

  it('j/k, arrows, g and G move the selection', async () => {
    const rows = [1, 2, 3].map((i) => row({ state: 'idle', address: `main:${i}.0` }));
    h = renderDashboard(rows);
    await h.ready();
    const selectedAddr = () =>
      h!
        .frame()
        .split('\n')
        .find((l) => l.startsWith('▶'))
        ?.split(/\s+/)[1];
    expect(selectedAddr()).toBe('main:1.0');
    await h.press('j');
    await h.waitForFrame(() => selectedAddr() === 'main:2.0', 'j');
    await h.press(KEYS.down);
    await h.waitForFrame(() => selectedAddr() === 'main:3.0', 'down');
    await h.press('k');
    await h.waitForFrame(() => selectedAddr() === 'main:2.0', 'k');
    await h.press('G');
    await h.waitForFrame(() => selectedAddr() === 'main:3.0', 'G');
    await h.press('g');
    await h.waitForFrame(() => selectedAddr() === 'main:1.0', 'g');
    await h.press(KEYS.up);
    expect(selectedAddr()).toBe('main:1.0');
  });

  it('/ filters by address, title or cwd; Esc clears', async () => {
    h = renderDashboard([
      row({ state: 'idle', title: '✳ refactor parser' }),
      row({ state: 'idle', cwd: '/srv/web' }),
      row({ state: 'busy' }),
    ]);
    await h.ready();
    await h.press('/', 'p', 'a', 'r', 's');
    await h.waitForFrame((f) => rowsInFrame(f).length === 1, 'one row');
    expect(h.frame()).toContain('refactor parser');
    await h.press(KEYS.enter);
    await h.waitForFrame((f) => f.includes('filter: pars'));
    await h.press('/', KEYS.escape);
    await h.waitForFrame((f) => rowsInFrame(f).length === 3, 'all rows again');
  });

  it('shows the view-wide error instead of rows', async () => {
    h = renderDashboard([], { error: 'no tmux server on socket /x: start tmux there' });
    await h.waitForFrame((f) => f.includes('no tmux server on socket /x'));
  });
});

describe('peer pane', () => {
  it('peek shows the last blocks; Tab switches to tail and asks for a refresh', async () => {
    const r = row({ state: 'idle', transcriptPath: '/t.jsonl' });
    h = renderDashboard([r], {
      blocks: [
        { role: 'user', text: 'hello' },
        { role: 'assistant', text: 'hi\nthere' },
      ],
      blocksFor: r.paneId,
    });
    await h.ready();
    const f = await h.waitForFrame((f) => f.includes('● hi'));
    expect(f).toMatch(/peek · main:\d+\.0/);
    expect(f).toContain('❯ hello');
    expect(f).toContain('  there');
    await h.press(KEYS.tab);
    await h.waitForFrame((f) => /tail · main/.test(f), 'tail mode');
    expect(h.actions.calls).toContainEqual(['refreshFeed']);
  });

  it('a peer on a modal shows what the modal asks: tool, exact command, numbered options', async () => {
    h = renderDashboard([bashModalRow()]);
    const f = await h.waitForFrame((f) => f.includes('Bash command'));
    expect(f).toContain('touch /home/u1/touched-2');
    expect(f).toMatch(/1 Yes/);
    expect(f).toMatch(/2 Yes, and always allow/);
    expect(f).toMatch(/3 No/);
  });
});

describe('keys that act', () => {
  it('1 answers the selected modal in one keypress; y is the plain Yes, n the plain No', async () => {
    h = renderDashboard([bashModalRow()]);
    await h.ready();
    const answers = () => h!.actions.calls.filter((c) => c[0] === 'answer');
    await h.press('1');
    await h.waitForFrame(() => answers().length === 1, 'the first answer');
    await h.press('y');
    await h.waitForFrame(() => answers().length === 2, 'the second answer');
    await h.press('n');
    await h.waitForFrame(() => answers().length === 3, 'the third answer');
    expect(answers()).toEqual([
      ['answer', '1'],
      ['answer', 'y'],
      ['answer', 'n'],
    ]);
  });

  it('a digit that widens permissions asks first, naming the option, default No', async () => {
    h = renderDashboard([bashModalRow({ address: 'main:4.0' })]);
    await h.ready();
    const f = await h.waitForFrame((f) => f.includes('(asks first)'));
    expect(f).toMatch(/ 2 Yes, and always allow access to ccd\/ from this project {2}\(asks first\)/u);
    expect(f).toContain('2 ask first');
    await h.press('2');
    await h.waitForFrame(
      (f) => f.includes('Answer 2 in main:4.0: "Yes, and always allow access to ccd/ from this project"?'),
      'the confirmation',
    );
    await h.press(KEYS.enter); // the default is No
    await h.waitForFrame((f) => f.includes('main:4.0: not answered (2 would widen its permissions)'));
    await h.press('2');
    await h.waitForFrame((f) => f.includes('Answer 2 in main:4.0'));
    await h.press(KEYS.escape);
    await h.waitForFrame((f) => !f.includes('Answer 2 in'));
    expect(h.actions.calls.filter((c) => c[0] === 'answer')).toEqual([]);
    await h.press('2');
    await h.waitForFrame((f) => f.includes('Answer 2 in main:4.0'));
    await h.press(KEYS.right, KEYS.enter);
    await h.waitForFrame((f) => !f.includes('Answer 2 in'), 'answered');
    expect(h.actions.calls.filter((c) => c[0] === 'answer')).toEqual([['answer', '2', 'confirmed']]);
  });

  it('on 2.1.332: 2 and 3 ask first (always allow, switch to auto mode); y is 1. Yes, n is 4. No', async () => {
    const modal = findModal(loadCapture('2.1.332__default__permission').screen)!;
    h = renderDashboard([row({ state: 'modal', subtype: 'permission', prompt: 'bash', modal, understood: true, address: 'main:8.0' })]);
    const f = await h.waitForFrame((f) => f.includes('4 No'));
    expect(f).toContain('1-4 answer · y Yes · n No · 2,3 ask first');
    await h.ready();
    await h.press('3');
    await h.waitForFrame((f) => f.includes('Answer 3 in main:8.0: "Yes, and switch to auto mode'), 'auto mode named');
    await h.press('n');
    await h.waitForFrame((f) => f.includes('not answered'));
    await h.press('n');
    expect(h.actions.calls.filter((c) => c[0] === 'answer')).toEqual([['answer', 'n']]);
  });

  it("an unnumbered 2.1.332 prompt (❯ No / Yes): no digits shown; a digit is refused with the CLI's reason; y answers", async () => {
    const modal = findModal(loadCapture('2.1.332__auto__permission').screen)!;
    h = renderDashboard([row({ state: 'modal', subtype: 'permission', prompt: 'bash', modal, understood: true, address: 'main:9.0' })]);
    const f = await h.waitForFrame((f) => f.includes('y Yes · n No'));
    expect(f).toMatch(/❯ {2}No\n {3}Yes/u);
    await h.ready();
    await h.press('1');
    await h.waitForFrame((f) => f.includes("answer 1: this prompt's options have no numbers: answer y or n"));
    await h.press('y');
    expect(h.actions.calls.filter((c) => c[0] === 'answer')).toEqual([['answer', 'y']]);
  });

  it('y where every Yes widens permissions is refused, saying so, and nothing is typed', async () => {
    const modal = findModal(loadCapture('2.1.332__default__permission').screen)!;
    modal.options = modal.options.filter((o) => o.key !== '1');
    h = renderDashboard([row({ state: 'modal', subtype: 'permission', prompt: 'bash', modal, understood: true })]);
    await h.ready();
    await h.press('y');
    await h.waitForFrame((f) => f.includes("answer y: every Yes here widens the peer's permissions"));
    expect(h.actions.calls.filter((c) => c[0] === 'answer')).toEqual([]);
  });

  it('keys that arrive in one chunk are each taken: "g1" selects the first peer, then answers', async () => {
    h = renderDashboard([bashModalRow({ address: 'main:1.0' }), row({ state: 'busy', address: 'main:2.0' })]);
    await h.ready();
    await h.press('j');
    await h.waitForFrame(() => selectedRow(h!.store.getState())?.address === 'main:2.0', 'j');
    await h.press('g1');
    await h.waitForFrame(() => h!.actions.calls.some((c) => c[0] === 'answer'), 'the answer');
    expect(selectedRow(h.store.getState())?.address).toBe('main:1.0');
    expect(h.actions.calls.filter((c) => c[0] === 'answer')).toEqual([['answer', '1']]);
  });

  it('an answer key on a peer that is not on a modal does nothing and says why', async () => {
    h = renderDashboard([row({ state: 'busy', address: 'main:7.0' })]);
    await h.ready();
    await h.press('1');
    await h.waitForFrame((f) => f.includes('answer: main:7.0 is busy, not on a modal'));
    expect(h.actions.calls.filter((c) => c[0] === 'answer')).toEqual([]);
  });

  it('Enter opens the compose box; Alt-Enter adds a line; Enter sends', async () => {
    h = renderDashboard([row({ state: 'idle' })]);
    await h.ready();
    await h.press(KEYS.enter);
    // The key bar is the compose box's now.
    await h.waitForFrame((f) => f.includes('send to') && flat(f).includes('enter send esc cancel Alt-enter new line'));
    await h.press('h', 'i', KEYS.altEnter, 'y', 'o', KEYS.backspace, 'u');
    await h.waitForFrame((f) => f.includes('yu'));
    await h.press(KEYS.enter);
    await h.waitForFrame((f) => !f.includes('send to'), 'compose closed');
    expect(h.actions.calls).toContainEqual(['send', 'hi\nyu']);
  });

  it('a asks; Esc in the compose box cancels without sending', async () => {
    h = renderDashboard([row({ state: 'idle' })]);
    await h.ready();
    await h.press('a');
    await h.waitForFrame((f) => f.includes('ask to'));
    await h.press('x', KEYS.escape);
    await h.waitForFrame((f) => f.includes('ask cancelled'));
    await h.press('a');
    await h.waitForFrame((f) => f.includes('ask to'));
    await h.press('w', 'h', 'y', KEYS.enter);
    await h.waitForFrame((f) => !f.includes('ask to'));
    expect(h.actions.calls.filter((c) => c[0] === 'ask')).toEqual([['ask', 'why']]);
    expect(h.actions.calls.some((c) => c[0] === 'send')).toBe(false);
  });

  it('e presses Escape through the controller; o jumps; + spawns; q quits', async () => {
    h = renderDashboard([row({ state: 'busy' })]);
    await h.ready();
    const acts = () => h!.actions.calls.filter((c) => c[0] !== 'refreshFeed');
    await h.press('e');
    await h.waitForFrame(() => acts().length === 1, 'esc');
    await h.press('o');
    await h.waitForFrame(() => acts().length === 2, 'jump');
    await h.press('+');
    await h.waitForFrame(() => acts().length === 3, 'spawn');
    await h.press('q');
    await h.waitForFrame(() => h!.quits === 1, 'quit');
    expect(acts()).toEqual([['esc'], ['jump'], ['spawn']]);
    // Force reaching the write and being cleared, and spawn's folder, are the controller's:
    // test/integration/controller.test.ts drives the real one.
  });

  it('Ctrl-C quits too, and does not open the command picker', async () => {
    h = renderDashboard([row({ state: 'idle' })]);
    await h.ready();
    await h.press(KEYS.ctrlC);
    await h.waitForFrame(() => h!.quits === 1, 'quit');
    expect(h.frame()).not.toContain('slash command');
  });

  it('Ctrl-C quits from an open compose box too, and nothing is sent', async () => {
    h = renderDashboard([row({ state: 'idle' })]);
    await h.ready();
    await h.press(KEYS.enter);
    await h.waitForFrame((f) => f.includes('send to'));
    await h.press('h', 'i', KEYS.ctrlC);
    await h.waitForFrame(() => h!.quits === 1, 'quit');
    expect(h.actions.calls.some((c) => c[0] === 'send')).toBe(false);
  });
});

describe('slash commands and confirmation', () => {
  async function pick(harness: Harness, command: string) {
    await harness.press('c');
    await harness.waitForFrame((f) => f.includes('slash command for'));
    await harness.press(...command.slice(1).split(''));
    await harness.waitForFrame((f) => f.includes(`${command}▏`), `${command} typed`);
    await harness.press(KEYS.enter);
  }

  it('a green command runs at once, no dialog', async () => {
    h = renderDashboard([row({ state: 'idle' })]);
    await h.ready();
    await pick(h, '/context');
    await h.waitForFrame((f) => !f.includes('slash command for'));
    expect(h.actions.calls).toContainEqual(['command', '/context', false]);
  });

  it('any command can be typed, with its arguments; the tier shows as you type', async () => {
    h = renderDashboard([row({ state: 'idle' })]);
    await h.ready();
    await h.press('c');
    await h.waitForFrame((f) => f.includes('slash command for'));
    await h.press(...'my-skill now'.split(''));
    await h.waitForFrame((f) => f.includes('/my-skill now▏') && f.includes('🟢 green: runs at once'));
    await h.press(KEYS.enter);
    await h.waitForFrame((f) => !f.includes('slash command for'));
    expect(h.actions.calls).toContainEqual(['command', '/my-skill now', false]);
  });

  it('completion: Tab completes the first match, arrows choose one; a prefix of a red command is red', async () => {
    h = renderDashboard([row({ state: 'idle', address: 'main:3.0' })]);
    await h.ready();
    await h.press('c');
    await h.waitForFrame((f) => f.includes('slash command for'));
    await h.press('m', 'o');
    await h.waitForFrame((f) => f.includes('/mo▏') && f.includes('🟢 /model'));
    await h.press(KEYS.tab);
    await h.waitForFrame((f) => f.includes('/model ▏'), 'completed');
    await h.press(KEYS.escape);
    await h.waitForFrame((f) => f.includes('command cancelled'));
    await h.press('c');
    await h.waitForFrame((f) => f.includes('slash command for'));
    await h.press('c', 'l');
    await h.waitForFrame((f) => f.includes('/cl▏') && f.includes('🔴 red'), 'a prefix of /clear is red');
    await h.press(KEYS.enter);
    await h.waitForFrame((f) => f.includes('Run /cl in main:3.0?'), 'the red confirmation');
    await h.press(KEYS.escape);
    await h.press('c');
    await h.waitForFrame((f) => f.includes('slash command for'));
    await h.press('c', 'o');
    await h.waitForFrame((f) => f.includes('/co▏'));
    await h.press(KEYS.down);
    const first = /❯ \S+ (\/\w+)/u.exec(await h.waitForFrame((f) => /❯ \S+ \/\w+/u.test(f), 'the list has the keys'))![1]!;
    await h.press(KEYS.down);
    const f = await h.waitForFrame(
      (f) => /❯ \S+ \/\w+/u.test(f) && !f.includes(`❯ 🟢 ${first}`) && f.includes(`/co▏`) === false,
      'the next one',
    );
    const chosen = /❯ \S+ (\/\w+)/u.exec(f)![1]!;
    expect(chosen).not.toBe(first);
    expect(f).toContain(`${chosen}▏`); // the input line shows the highlighted command and its tier
    await h.press(KEYS.enter);
    await h.waitForFrame(
      (fr) => !fr.includes('slash command for') && (fr.includes(`Run ${chosen}`) || h!.actions.calls.some((c) => c[1] === chosen)),
      'the chosen one run',
    );
  });

  // The list is an ink-select-input with the keys while it is focused: one input owner at a time.
  describe('the list of completions', () => {
    async function openList(harness: Harness, typed: string) {
      await harness.press('c');
      await harness.waitForFrame((f) => f.includes('slash command for'));
      await harness.press(...typed.split(''));
      await harness.waitForFrame((f) => f.includes(`/${typed}▏`), 'typed');
      await harness.press(KEYS.down);
      return harness.waitForFrame((f) => f.includes('❯ '), 'the list focused');
    }

    it('while typing, j, k and digits are text, and nothing is highlighted', async () => {
      h = renderDashboard([row({ state: 'idle' })]);
      await h.ready();
      await h.press('c');
      await h.waitForFrame((f) => f.includes('slash command for'));
      await h.press('c', 'o');
      await h.waitForFrame((f) => f.includes('/co▏') && f.includes('🟡 /compact'), 'completions listed');
      await h.press('1', 'j', 'k');
      const f = await h.waitForFrame((f) => f.includes('/co1jk▏'), '1, j and k typed');
      expect(f).not.toContain('❯ ');
      expect(h.actions.calls.some((c) => c[0] === 'command')).toBe(false);
    });

    it('↓ gives the list the keys: j/k move, Enter runs the highlighted one for the peer it opened on', async () => {
      h = renderDashboard([row({ state: 'idle', address: 'main:3.0' })]);
      await h.ready();
      const f = await openList(h, 'co');
      const top = /❯ \S+ (\/\w+)/u.exec(f)![1]!;
      expect(f).toContain(`${top}▏`);
      await h.press('j');
      const next = /❯ \S+ (\/\w+)/u.exec(await h.waitForFrame((fr) => !fr.includes(`❯ 🟢 ${top}`), 'j moved'))![1]!;
      await h.press('k');
      await h.waitForFrame((fr) => fr.includes(`${top}▏`), 'k moved back');
      await h.press('j');
      await h.waitForFrame((fr) => fr.includes(`${next}▏`), 'j again');
      await h.press(KEYS.enter);
      await h.waitForFrame(
        (fr) => !fr.includes('slash command for') && (fr.includes(`Run ${next}`) || h!.actions.calls.some((c) => c[1] === next)),
        'the highlighted one run',
      );
    });

    it('a digit runs the command shown so many rows down', async () => {
      h = renderDashboard([row({ state: 'idle' })]);
      await h.ready();
      const f = await openList(h, 'c');
      const rows = [...f.matchAll(/^ {0,2}(?:❯ )?\s*\S+ (\/[\w-]+)\s*$/gmu)].map((m) => m[1]!);
      expect(rows.length).toBeGreaterThanOrEqual(2);
      await h.press('2');
      await h.waitForFrame(
        (fr) => !fr.includes('slash command for') && (fr.includes(`Run ${rows[1]}`) || h!.actions.calls.some((c) => c[1] === rows[1])),
        `the second one (${rows[1]}) run`,
      );
    });

    it('Esc gives the keys back to the text, what is typed kept; Tab takes the highlighted one in to edit', async () => {
      h = renderDashboard([row({ state: 'idle' })]);
      await h.ready();
      await openList(h, 'mo');
      await h.press(KEYS.escape);
      await h.waitForFrame((f) => f.includes('/mo▏') && !f.includes('❯ '), 'typing again');
      await h.press('d');
      await h.waitForFrame((f) => f.includes('/mod▏'), 'typed into the text, not the list');
      await h.press(KEYS.down);
      await h.waitForFrame((f) => f.includes('❯ 🟢 /model'), 'the list again');
      await h.press(KEYS.tab);
      await h.waitForFrame((f) => f.includes('/model ▏') && !f.includes('❯ '), 'taken into the text');
      await h.press(...'opus'.split(''), KEYS.enter);
      await h.waitForFrame((f) => !f.includes('slash command for'));
      expect(h.actions.calls).toContainEqual(['command', '/model opus', false]);
    });

    it('↓ with no known command to choose says so and keeps typing', async () => {
      h = renderDashboard([row({ state: 'idle' })]);
      await h.ready();
      await h.press('c');
      await h.waitForFrame((f) => f.includes('slash command for'));
      await h.press('z', 'z', KEYS.down);
      await h.waitForFrame((f) => f.includes('no known command starts with /zz'), 'said');
      await h.press('q');
      await h.waitForFrame((f) => f.includes('/zzq▏'), 'still typing');
    });
  });

  it('red /clear asks, naming peer and command, defaulting to No: Enter cancels, Esc cancels, y runs', async () => {
    h = renderDashboard([row({ state: 'idle', address: 'main:5.0' })]);
    await h.ready();
    await pick(h, '/clear');
    const f = await h.waitForFrame((f) => f.includes('Run /clear in main:5.0?'));
    expect(f).toContain('destructive');
    await h.press(KEYS.enter); // the default is No
    await h.waitForFrame((f) => f.includes('/clear not run'));
    expect(h.actions.calls.some((c) => c[0] === 'command')).toBe(false);
    await pick(h, '/clear');
    await h.waitForFrame((f) => f.includes('Run /clear'));
    await h.press(KEYS.escape);
    await h.waitForFrame((f) => f.includes('/clear not run') && !f.includes('Run /clear'));
    expect(h.actions.calls.some((c) => c[0] === 'command')).toBe(false);
    await pick(h, '/clear');
    await h.waitForFrame((f) => f.includes('Run /clear'));
    await h.press('y');
    await h.waitForFrame((f) => !f.includes('Run /clear'));
    expect(h.actions.calls.filter((c) => c[0] === 'command')).toEqual([['command', '/clear', true]]);
  });

  it('yellow /compact asks a lighter question; → then Enter confirms', async () => {
    h = renderDashboard([row({ state: 'idle', address: 'main:6.0' })]);
    await h.ready();
    await pick(h, '/compact');
    const f = await h.waitForFrame((f) => f.includes('Run /compact in main:6.0?'));
    expect(f).not.toContain('destructive');
    await h.press(KEYS.right, KEYS.enter);
    await h.waitForFrame((f) => !f.includes('Run /compact'));
    expect(h.actions.calls).toContainEqual(['command', '/compact', true]);
  });

  it('f arms force loudly; force does not skip the red confirmation', async () => {
    h = renderDashboard([row({ state: 'busy' })]);
    await h.ready();
    await h.press('f');
    await h.waitForFrame((f) => f.includes('FORCE ARMED'));
    await pick(h, '/exit');
    await h.waitForFrame((f) => f.includes('Run /exit'), 'confirmation even with force');
    await h.press('n');
    await h.waitForFrame((f) => f.includes('/exit not run'));
    expect(h.actions.calls.some((c) => c[0] === 'command')).toBe(false);
    await h.press('f');
    await h.waitForFrame((f) => !f.includes('FORCE ARMED'), 'disarmed');
  });
});

describe('help', () => {
  it('the help bar changes with context: answer shows only on a modal', async () => {
    h = renderDashboard([bashModalRow({ address: 'main:1.0' }), row({ state: 'busy', address: 'main:2.0' })]);
    await h.ready();
    // The bar is the last lines under the peer pane's bottom border (it wraps on narrow screens).
    const bar = () => flat(h!.frame().split('└').at(-1)!.split('\n').slice(1).join('\n'));
    await h.waitForFrame(() => bar().includes('1-9 answer') && bar().includes('y/n yes/no'));
    await h.press('j');
    await h.waitForFrame(() => !bar().includes('answer'), 'answer gone from the bar');
    expect(bar()).toContain('e esc');
  });

  it('? lists every key of the keymap, with why a key is off now; any key closes it', async () => {
    h = renderDashboard([row({ state: 'idle', address: 'main:1.0' })]);
    await h.ready();
    await h.press('?');
    // Longer than the terminal: scroll to the end, keeping every frame.
    const frames = [flat(await h.waitForFrame((f) => f.includes('any other key closes this')))];
    while (!frames.at(-1)!.includes(KEYMAP.at(-1)!.description)) {
      const before = h.frame();
      await h.press('j');
      frames.push(flat(await h.waitForFrame((f) => f !== before, 'scrolled')));
    }
    for (const b of KEYMAP)
      expect(
        frames.some((f) => f.includes(`${keysLabel(b.keys)} ${b.description}`)),
        b.id,
      ).toBe(true);
    expect(frames[0]).toContain('now off: main:1.0 is idle, not on a modal');
    await h.press('x');
    await h.waitForFrame((f) => !f.includes('any other key closes this'));
  });
});

describe('triage information', () => {
  it('a blocked peer shows how long it has been waiting, and the figure moves on', async () => {
    // Times are read at whole steps of the clock: 55 s before this step, 1m at the next.
    h = renderDashboard([
      bashModalRow({ address: 'main:1.0', waitingSince: steppedNow(ELAPSED_STEP_MS) - 55_000 }),
      row({ state: 'idle', address: 'main:2.0' }),
    ]);
    const before = await h.waitForFrame((f) => /main:1\.0 .*🔴 modal \(permission\)\s+50s/u.test(f), 'waiting 50s');
    expect(before.split('\n').find((l) => l.includes('main:2.0'))).not.toMatch(/\ds\s+\ds/);
    await h.waitForFrame((f) => /main:1\.0 .*🔴 modal \(permission\)\s+1m/u.test(f), 'waiting 1m', ELAPSED_STEP_MS + 3000);
  });

  it('the oldest block sorts first; the name from the sessions record replaces the title', async () => {
    const now = steppedNow(ELAPSED_STEP_MS); // the instant the roster reads times at
    h = renderDashboard([
      bashModalRow({ address: 'main:1.0', waitingSince: now - 10_000, name: 'newer' }),
      bashModalRow({ address: 'main:2.0', waitingSince: now - 300_000, name: 'older' }),
    ]);
    const f = await h.waitForFrame((f) => f.includes('older'));
    expect(rowsInFrame(f)).toEqual(['main:2.0', 'main:1.0']);
    // Five minutes, counted from the clock's last whole minute (src/util/format.ts elapsedLabel): 4m or 5m.
    expect(f).toMatch(/main:2\.0 .*[45]m .*older/u);
  });

  it("a question's options show with their descriptions under each", async () => {
    const modal = findModal(loadCapture('2.1.197__question__1').screen)!;
    h = renderDashboard([row({ state: 'modal', subtype: 'question', prompt: 'question', modal })]);
    const f = await h.waitForFrame((f) => f.includes('Chat about this'));
    expect(f).toMatch(/[❯ ]1 Red\n\s+A bold red button\n[❯ ]2 Green\n\s+A calm green button\n[❯ ]3 Blue\n\s+The default blue/u);
  });
});

describe('small terminals and resizes', () => {
  const question = () =>
    row({ state: 'modal', subtype: 'question', prompt: 'question', modal: findModal(loadCapture('2.1.197__question__1').screen)! });

  it('at 60x16 the frame is 16 lines, one header line, and every option of the selected question', async () => {
    h = renderDashboard([question(), ...[1, 2, 3, 4].map(() => row({ state: 'idle' }))], {}, undefined, { columns: 60, rows: 16 });
    const f = await h.waitForFrame((f) => f.includes('Chat about this'));
    const lines = f.split('\n');
    expect(lines).toHaveLength(16);
    expect(lines[0]).toMatch(/^claude-dm 🔴1 🟠0 🟢4 🔵0 ⚫0/u);
    for (const o of ['1 Red', '2 Green', '3 Blue', '4 Type something.', '5 Chat about this']) expect(f).toContain(o);
    expect(lines.at(-1)).toMatch(/\? more\s+q quit$/);
  });

  it('follows a resize: the frame takes the new size', async () => {
    h = renderDashboard([question(), row({ state: 'idle' })], {}, undefined, { columns: 80, rows: 24 });
    await h.waitForFrame((f) => f.split('\n').length === 24);
    h.resize(110, 32);
    const f = await h.waitForFrame((f) => f.split('\n').length === 32, '32 lines');
    expect(f).toContain('🔴 modal (question)'); // wide enough for the full state word
    h.resize(70, 20);
    await h.waitForFrame((f) => f.split('\n').length === 20 && f.includes('🔴 question'), '20 lines, compact state');
  });
});

describe('first run and errors', () => {
  it('no peers: says so, and how to start one', async () => {
    h = renderDashboard([]);
    const f = flat(await h.waitForFrame((f) => f.includes('No Claude Code peers')));
    expect(f).toContain('press + (a new window, here)');
    expect(f).toContain('claude-dm spawn --name NAME --cwd DIR');
    expect(f).toContain('--socket PATH');
  });

  it('no tmux server: the error, then what to do', async () => {
    h = renderDashboard([], { error: 'no tmux server on socket /x: start tmux there, or pick another with --socket PATH / -L NAME' });
    const f = flat(await h.waitForFrame((f) => f.includes('no tmux server on socket /x')));
    expect(f).toContain('tmux new-session -d');
  });

  it('a filter that hides every peer says so', async () => {
    h = renderDashboard([row({ state: 'idle' })], { filter: 'zzz' });
    await h.waitForFrame((f) => f.includes('no peer matches the filter "zzz"'));
  });
});
