// The scoped keymap without React: keys as data (matching and labels from one value), dispatch
// in the scope open now, and the intents the keys call.
import { describe, expect, it } from 'vitest';
import { barItems } from '../../src/dashboard/help-bar.js';
import { helpLines } from '../../src/dashboard/help-screen.js';
import { pickCommand, runChosenCommand } from '../../src/dashboard/intents.js';
import { dispatchInput, KEYMAP, scopeOf, type KeyEnv } from '../../src/dashboard/keymap/index.js';
import { keyLabel, keyMatches, keysLabel, type KeySpec } from '../../src/dashboard/keys.js';
import { createDashboardStore, setRows, update } from '../../src/dashboard/store.js';
import { bashModalRow, RecordingActions, row } from '../support/tui-harness.js';

describe('keys as data', () => {
  it('a plain letter is not the same letter with Ctrl or Alt', () => {
    const c: KeySpec = { key: 'c' };
    const ctrlC: KeySpec = { key: 'c', ctrl: true };
    expect(keyMatches(c, 'c', {})).toBe(true);
    expect(keyMatches(c, 'c', { ctrl: true })).toBe(false);
    expect(keyMatches(c, 'c', { meta: true })).toBe(false);
    expect(keyMatches(ctrlC, 'c', { ctrl: true })).toBe(true);
    expect(keyMatches(ctrlC, 'c', {})).toBe(false);
  });

  it('Enter and Alt-Enter differ; Escape matches although Ink sets meta on it; Ctrl-J is a bare line feed', () => {
    expect(keyMatches({ key: 'return' }, '', { return: true })).toBe(true);
    expect(keyMatches({ key: 'return' }, '', { return: true, meta: true })).toBe(false);
    expect(keyMatches({ key: 'return', meta: true }, '', { return: true, meta: true })).toBe(true);
    expect(keyMatches({ key: 'escape' }, '', { escape: true, meta: true })).toBe(true);
    expect(keyMatches({ key: 'linefeed' }, '\n', {})).toBe(true);
    expect(keyMatches({ key: 'linefeed' }, '', { return: true })).toBe(false);
  });

  it('text is typed characters only: not a named key, not with Ctrl or Alt', () => {
    const text: KeySpec = { text: true };
    expect(keyMatches(text, 'hello\rworld', {})).toBe(true);
    expect(keyMatches(text, '', { return: true })).toBe(false);
    expect(keyMatches(text, '', { upArrow: true })).toBe(false);
    expect(keyMatches(text, 'c', { ctrl: true })).toBe(false);
    expect(keyMatches(text, 'x', { meta: true })).toBe(false);
  });

  it('labels come from the same value: arrows, Ctrl, Alt, digit ranges', () => {
    expect(keysLabel([{ key: 'up' }, { key: 'k' }])).toBe('↑/k');
    expect(keyLabel({ key: 'c', ctrl: true })).toBe('Ctrl-C');
    expect(keysLabel([{ key: 'return', meta: true }, { key: 'linefeed' }])).toBe('Alt-enter/Ctrl-J');
    expect(keysLabel([...'123456789'].map((key) => ({ key })))).toBe('1-9');
    expect(keysLabel([{ key: '1' }, { key: '2' }])).toBe('1/2');
    expect(keyLabel({ key: ' ' })).toBe('space');
  });
});

function dashboard(rows = [row({ state: 'idle', address: 'main:1.0' })]) {
  const store = createDashboardStore('/s');
  setRows(store, rows);
  const controller = new RecordingActions();
  let quits = 0;
  const env: KeyEnv = { store, controller, quit: () => void quits++, size: { columns: 80, rows: 24 } };
  const type = (...keys: Array<string | [string, object]>) => {
    for (const k of keys) dispatchInput(env, ...(typeof k === 'string' ? ([k, {}] as const) : k));
  };
  const acts = () => controller.calls.filter((c) => c[0] !== 'refreshFeed');
  return { store, env, type, acts, quits: () => quits };
}

const ENTER: [string, object] = ['', { return: true }];
const ESC: [string, object] = ['', { escape: true, meta: true }];
const RIGHT: [string, object] = ['', { rightArrow: true }];
const DOWN: [string, object] = ['', { downArrow: true }];

describe('dispatch in the scope open now', () => {
  it('in the command picker q is a letter of the command, not quit; Esc says nothing ran', () => {
    const d = dashboard();
    d.type('c');
    expect(scopeOf(d.store.getState())).toBe('picker');
    d.type('q', 'u');
    expect(d.store.getState().overlay).toMatchObject({ kind: 'picker', typed: '/qu' });
    expect(d.quits()).toBe(0);
    d.type(ESC);
    expect(d.store.getState()).toMatchObject({ overlay: null, notice: { text: 'command cancelled' } });
    expect(d.acts()).toEqual([]);
  });

  it('keys typed fast in one chunk each go to the scope open by then: "/ab" filters by "ab"', () => {
    const d = dashboard([row({ state: 'idle', address: 'ab:1.0' }), row({ state: 'idle', address: 'zz:1.0' })]);
    d.type('/ab');
    expect(d.store.getState()).toMatchObject({ overlay: { kind: 'filter' }, filter: 'ab' });
    expect(d.store.getState().visible).toHaveLength(1);
    d.type(ESC);
    expect(d.store.getState()).toMatchObject({ overlay: null, filter: '' });
  });

  it('a paste into the compose box is text, its CR a new line, never Enter', () => {
    const d = dashboard();
    d.type(ENTER, 'one\rtwo');
    expect(d.store.getState().overlay).toEqual({ kind: 'compose', verb: 'send', text: 'one\ntwo', target: d.store.getState().selected });
    expect(d.acts()).toEqual([]);
    d.type(ENTER);
    expect(d.acts()).toEqual([['send', 'one\ntwo']]);
    expect(d.store.getState().overlay).toBeNull();
  });

  it('the compose box and the picker send to the peer selected when they opened, wherever the selection moved', () => {
    const a = row({ state: 'idle', paneId: 'build:%1', host: 'build' });
    const b = row({ state: 'idle', paneId: '%2' });
    const d = dashboard([a, b]);
    update(d.store, { selected: a.paneId });
    d.type(ENTER, 'hi');
    update(d.store, { selected: b.paneId }); // a host's rows came and went under the open box
    d.type(ENTER);
    update(d.store, { selected: a.paneId });
    d.type('c', '/cost');
    update(d.store, { selected: b.paneId });
    d.type(ENTER);
    expect(d.acts()).toEqual([
      ['send', 'hi'],
      ['command', '/cost', false],
    ]);
    expect((d.env.controller as RecordingActions).targets).toEqual([a.paneId, a.paneId]);
  });

  it('Ctrl-C quits from any scope; an empty compose box does not send on Enter', () => {
    const d = dashboard();
    d.type('a', ENTER);
    expect(d.store.getState().overlay).toMatchObject({ kind: 'compose', verb: 'ask' });
    d.type(['c', { ctrl: true }]);
    expect(d.quits()).toBe(1);
    expect(d.acts()).toEqual([]);
  });

  it('a confirmation opens on No: Enter cancels; → then Enter confirms', () => {
    const d = dashboard();
    pickCommand(d.store, d.env.controller, '/clear', null);
    expect(d.store.getState().overlay).toEqual({ kind: 'confirm', command: '/clear', tier: 'red', yes: false, target: null });
    d.type(ENTER);
    expect(d.store.getState()).toMatchObject({ overlay: null, notice: { text: '/clear not run' } });
    pickCommand(d.store, d.env.controller, '/compact', null);
    d.type(RIGHT, ENTER);
    expect(d.acts()).toEqual([['command', '/compact', true]]);
  });

  it('pickCommand runs a green command at once and refuses text that is not a command', () => {
    const d = dashboard();
    pickCommand(d.store, d.env.controller, 'hello', null);
    expect(d.store.getState().notice).toEqual({ kind: 'error', text: 'command: a command starts with /' });
    pickCommand(d.store, d.env.controller, '/context', null);
    expect(d.acts()).toEqual([['command', '/context', false]]);
  });

  it('a digit that widens permissions opens the confirmation naming the option; n leaves the prompt', () => {
    const modal = bashModalRow({ address: 'main:9.0' });
    const d = dashboard([modal]);
    d.type('2');
    expect(d.store.getState().overlay).toMatchObject({ kind: 'widen', key: '2', address: 'main:9.0', yes: false });
    d.type('n');
    expect(d.store.getState().overlay).toBeNull();
    expect(d.acts()).toEqual([]);
    d.type('2', 'y');
    expect(d.acts()).toEqual([['answer', '2', 'confirmed']]);
  });

  it("the picker's list holds its own keys: dispatch leaves ↑↓ j k, Enter and digits to it, runs Esc and Tab", () => {
    const d = dashboard();
    d.type('c', 'c', 'o', DOWN);
    expect(scopeOf(d.store.getState())).toBe('picker-list');
    expect(d.store.getState().overlay).toMatchObject({ kind: 'picker', typed: '/co', focus: 'list', pick: 0 });
    const before = d.store.getState();
    d.type('j', 'k', '1', ENTER, DOWN);
    expect(d.store.getState()).toBe(before); // nothing changed: ink-select-input reads those
    expect(d.acts()).toEqual([]);
    d.type(ESC);
    expect(d.store.getState().overlay).toMatchObject({ kind: 'picker', typed: '/co', focus: 'text', pick: -1 });
    d.type(DOWN, ['', { tab: true }]);
    expect(d.store.getState().overlay).toMatchObject({ typed: expect.stringMatching(/^\/co\w+ $/u), focus: 'text' });
  });

  it("the list's choice runs only while the list has the keys", () => {
    const d = dashboard();
    d.type('c', 'c', 'o');
    runChosenCommand(d.store, d.env.controller, '/context');
    expect(d.acts()).toEqual([]); // typing: a choice nobody made in the list
    d.type(DOWN);
    runChosenCommand(d.store, d.env.controller, undefined); // Enter on an empty list
    expect(d.acts()).toEqual([]);
    runChosenCommand(d.store, d.env.controller, '/context');
    expect(d.acts()).toEqual([['command', '/context', false]]);
  });

  it("n on a prompt held by claude-dm's hook asks for a reason first: Enter sends it with the No, Esc answers nothing", () => {
    const request = { id: 'rq-0123456789ab', tool: 'Bash', input: { command: 'rm -rf build' }, suggestions: [], since: 1 };
    const d = dashboard([bashModalRow({ address: 'main:9.0', request })]);
    d.type('n');
    expect(scopeOf(d.store.getState())).toBe('reason');
    expect(d.acts()).toEqual([]);
    d.type('use make clean');
    d.type(ENTER);
    expect(d.acts()).toEqual([['answer', 'n', 'use make clean']]);
    d.type('n', ENTER); // none typed: a plain No
    d.type('n', 'x', ESC);
    expect(d.acts()).toEqual([
      ['answer', 'n', 'use make clean'],
      ['answer', 'n'],
    ]);
    expect(d.store.getState().notice).toMatchObject({ text: 'main:9.0: not answered' });
    // Without a request, n answers at once, as ever.
    const plain = dashboard([bashModalRow({ address: 'main:8.0' })]);
    plain.type('n');
    expect(plain.acts()).toEqual([['answer', 'n']]);
  });

  it('keys typed ahead never answer a dialog they opened: "2y" asks about 2 and waits; "?x" leaves help open', () => {
    const d = dashboard([bashModalRow({ address: 'main:9.0' })]);
    d.type('2y');
    expect(d.store.getState().overlay).toMatchObject({ kind: 'widen', key: '2', yes: false });
    expect(d.acts()).toEqual([]);
    d.type(ESC, '?x');
    expect(d.store.getState().overlay).toMatchObject({ kind: 'help' });
  });

  it('Backspace inside a chunk of text deletes; other control characters are dropped, never typed', () => {
    const d = dashboard();
    d.type(ENTER, 'hi\x7f\x7fyo\x01u\bx');
    expect(d.store.getState().overlay).toMatchObject({ kind: 'compose', text: 'yox' });
    d.type(ESC, 'c', 'cl\x7fo\x07');
    expect(d.store.getState().overlay).toMatchObject({ kind: 'picker', typed: '/co' });
  });

  it('the ? screen scrolls no further than its last line, and any other key closes it', () => {
    const d = dashboard();
    d.type('?');
    const lines = helpLines(d.store.getState(), 80, KEYMAP).length;
    const max = lines - (24 - 3 - 1);
    expect(max).toBeGreaterThan(0);
    for (let i = 0; i < max + 5; i++) d.type(DOWN);
    expect(d.store.getState().overlay).toEqual({ kind: 'help', top: max });
    d.type('x');
    expect(d.store.getState().overlay).toBeNull();
  });
});

describe('each scope has its own key bar', () => {
  const bar = (d: ReturnType<typeof dashboard>) => barItems(d.store.getState()).map((i) => `${i.keys} ${i.label}`);

  it('roster, compose box, picker, confirmation, filter', () => {
    const d = dashboard();
    expect(bar(d)).toEqual([
      '↑↓ move',
      'enter send',
      'e esc',
      'c cmd',
      'a ask',
      'tab peek/tail',
      'o open',
      '+ new',
      '/ filter',
      's sort',
      'f force',
      '? help',
      'q quit',
    ]);
    d.type(ENTER);
    expect(bar(d)).toEqual(['enter send', 'esc cancel', 'Alt-enter new line']);
    d.type(ESC, 'c');
    expect(bar(d)).toEqual(['enter run', 'esc cancel', 'tab complete', '↓ list']);
    d.type(DOWN);
    expect(bar(d)).toEqual(['enter run', 'esc type', 'tab edit', '↑↓ choose', '1-9 run N']);
    pickCommand(d.store, d.env.controller, '/clear', null);
    expect(bar(d)).toEqual(['y yes', 'n no', '←→ move', 'enter choose']);
    d.type(ESC, '/');
    expect(bar(d)).toEqual(['enter keep', 'esc clear']);
  });

  it('the answer keys show on a modal only', () => {
    const d = dashboard([bashModalRow()]);
    expect(bar(d).slice(0, 2)).toEqual(['1-9 answer', 'y/n yes/no']);
  });
});
