import { afterEach, describe, expect, it } from 'vitest';
import { KEYMAP } from '../../src/dashboard/keymap.js';
import { selectedRow } from '../../src/dashboard/store.js';
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
    const selectedAddr = () => h!.frame().split('\n').find((l) => l.startsWith('▶'))?.split(/\s+/)[1];
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
    h = renderDashboard([row({ state: 'idle', title: '✳ refactor parser' }), row({ state: 'idle', cwd: '/srv/web' }), row({ state: 'busy' })]);
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
    h = renderDashboard([r], { blocks: [{ role: 'user', text: 'hello' }, { role: 'assistant', text: 'hi\nthere' }], blocksFor: r.paneId });
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
  it('1 answers the selected modal in one keypress; y is "Yes"', async () => {
    h = renderDashboard([bashModalRow()]);
    await h.ready();
    const answers = () => h!.actions.calls.filter((c) => c[0] === 'answer');
    await h.press('1');
    await h.waitForFrame(() => answers().length === 1, 'the first answer');
    await h.press('y');
    await h.waitForFrame(() => answers().length === 2, 'the second answer');
    expect(answers()).toEqual([['answer', '1'], ['answer', 'y']]);
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
    await h.waitForFrame((f) => f.includes('Enter sends'));
    await h.press('h', 'i', KEYS.altEnter, 'y', 'o', KEYS.backspace, 'u');
    await h.waitForFrame((f) => f.includes('yu'));
    await h.press(KEYS.enter);
    await h.waitForFrame((f) => !f.includes('Enter sends'), 'compose closed');
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

  it('e presses Escape through the controller; o jumps; n spawns; q quits', async () => {
    h = renderDashboard([row({ state: 'busy' })]);
    await h.ready();
    const acts = () => h!.actions.calls.filter((c) => c[0] !== 'refreshFeed');
    await h.press('e');
    await h.waitForFrame(() => acts().length === 1, 'esc');
    await h.press('o');
    await h.waitForFrame(() => acts().length === 2, 'jump');
    await h.press('n');
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
});

describe('slash commands and confirmation', () => {
  async function pick(harness: Harness, command: string) {
    await harness.press('c');
    await harness.waitForFrame((f) => f.includes('slash command'));
    const order = ['/context', '/cost', '/compact', '/loop', '/schedule', '/clear', '/resume', '/reset', '/exit'];
    for (let i = 0; i < order.indexOf(command); i++) await harness.press(KEYS.down);
    await harness.press(KEYS.enter);
  }

  it('a green command runs at once, no dialog', async () => {
    h = renderDashboard([row({ state: 'idle' })]);
    await h.ready();
    await pick(h, '/context');
    await h.waitForFrame((f) => !f.includes('slash command'));
    expect(h.actions.calls).toContainEqual(['command', '/context', false]);
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
    await h.waitForFrame(() => bar().includes('1-9/y answer'));
    await h.press('j');
    await h.waitForFrame(() => !bar().includes('answer'), 'answer gone from the bar');
    expect(bar()).toContain('e esc');
  });

  it('? lists every key of the keymap, with why a key is off now; any key closes it', async () => {
    h = renderDashboard([row({ state: 'idle', address: 'main:1.0' })]);
    await h.ready();
    await h.press('?');
    const f = flat(await h.waitForFrame((f) => f.includes('any key closes this')));
    for (const b of KEYMAP) expect(f).toContain(`${b.keys} ${b.description}`);
    expect(f).toContain('now off: main:1.0 is idle, not on a modal');
    await h.press('x');
    await h.waitForFrame((f) => !f.includes('any key closes this'));
  });
});
