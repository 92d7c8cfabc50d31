// The one keymap: every key the dashboard knows, in the scope where it works (the roster, or
// the overlay on top: compose box, command picker, confirmation, filter, `?` screen), with its
// keys as data, a label for the key bar, a description for the `?` screen and whether it works
// right now (and if not, why). Dispatch, each scope's key bar, the `?` screen and the README's
// table are all generated from this list; keymapConflicts() checks it.
import {
  answerSelected,
  cancelOverlay,
  chooseConfirm,
  closeOverlay,
  completePick,
  confirmOverlay,
  editCompose,
  editFilter,
  editPicker,
  movePick,
  openOverlay,
  refuse,
  runPickedCommand,
  scrollHelp,
  selectPeer,
  submitCompose,
  toggleConfirm,
  toggleForce,
  toggleMode,
  toggleSort,
} from './intents.js';
import { bindingsOf, isEnabled, scopeOf, type KeyBinding, type KeyEnv, type Scope } from './key-binding.js';
import { CONTROL_CHARS, keyMatches, specId, type KeyInfo, type KeySpec } from './keys.js';
import { selectedRow, type DashboardState } from './store.js';

export type { KeyInfo } from './keys.js';
export { bindingsOf, isEnabled, scopeOf, SCOPE_NAMES, type KeyBinding, type KeyEnv, type Scope } from './key-binding.js';

const needPeer = (s: DashboardState): true | string => (s.selected ? true : 'no peer selected');
const onModal = (s: DashboardState): true | string => {
  const row = selectedRow(s);
  if (!row) return 'no peer selected';
  return row.state === 'modal' ? true : `${row.address} is ${row.state}, not on a modal`;
};
const notPending = (s: DashboardState): true | string => (s.pending ? `waiting for ${s.pending}` : true);
const both =
  (...checks: Array<(s: DashboardState) => true | string>) =>
  (s: DashboardState): true | string => {
    for (const c of checks) {
      const r = c(s);
      if (r !== true) return r;
    }
    return true;
  };

const k = (key: string, mods: { ctrl?: boolean; meta?: boolean } = {}): KeySpec => ({ key, ...mods });
const TEXT: KeySpec = { text: true };
const DIGITS = [...'123456789'].map((d) => k(d));
/** Typed text: CR from a paste is a new line, never Enter. */
const typed = (input: string) => input.replace(/\r\n?/g, '\n');
const oneLine = (input: string) => input.replace(/[\r\n]/g, '');

const ROSTER: KeyBinding[] = [
  {
    id: 'up',
    scope: 'roster',
    keys: [k('up'), k('k')],
    label: 'move',
    bar: 3,
    description: 'select the previous peer',
    run: ({ store }) => selectPeer(store, 'prev'),
  },
  {
    id: 'down',
    scope: 'roster',
    keys: [k('down'), k('j')],
    label: 'move',
    bar: 3,
    description: 'select the next peer',
    run: ({ store }) => selectPeer(store, 'next'),
  },
  {
    id: 'first',
    scope: 'roster',
    keys: [k('g')],
    label: 'first',
    description: 'select the first peer',
    run: ({ store }) => selectPeer(store, 'first'),
  },
  {
    id: 'last',
    scope: 'roster',
    keys: [k('G')],
    label: 'last',
    description: 'select the last peer',
    run: ({ store }) => selectPeer(store, 'last'),
  },
  {
    id: 'answer',
    scope: 'roster',
    keys: DIGITS,
    label: 'answer',
    contextual: true,
    bar: 1,
    description:
      "answer the selected peer's modal with the option of that number; one that widens the peer's permissions asks first (default No)",
    enabled: both(onModal, notPending),
    run: ({ store, controller }, key) => answerSelected(store, controller, key),
  },
  {
    id: 'yes',
    scope: 'roster',
    keys: [k('y')],
    label: 'yes',
    contextual: true,
    bar: 2,
    barLabel: 'yes/no',
    description: 'answer the selected prompt with its plain Yes, as claude-dm answer TARGET y (never an option that widens permissions)',
    enabled: both(onModal, notPending),
    run: ({ store, controller }, key) => answerSelected(store, controller, key),
  },
  {
    id: 'no',
    scope: 'roster',
    keys: [k('n')],
    label: 'no',
    contextual: true,
    bar: 2,
    barLabel: 'yes/no',
    description: 'answer the selected prompt with its plain No, as claude-dm answer TARGET n',
    enabled: both(onModal, notPending),
    run: ({ store, controller }, key) => answerSelected(store, controller, key),
  },
  {
    id: 'send',
    scope: 'roster',
    keys: [k('return'), k('m')],
    label: 'send',
    bar: 4,
    description: 'write a message to the selected peer (send gate)',
    enabled: both(needPeer, notPending),
    run: ({ store }) => openOverlay(store, { kind: 'compose', verb: 'send', text: '' }),
  },
  {
    id: 'ask',
    scope: 'roster',
    keys: [k('a')],
    label: 'ask',
    bar: 7,
    description: 'ask the selected peer and show its reply (ask gate)',
    enabled: both(needPeer, notPending),
    run: ({ store }) => openOverlay(store, { kind: 'compose', verb: 'ask', text: '' }),
  },
  {
    id: 'esc',
    scope: 'roster',
    keys: [k('e')],
    label: 'esc',
    bar: 5,
    description: 'press Escape in the selected peer: interrupt or cancel (refused on drafting)',
    enabled: both(needPeer, notPending),
    run: ({ controller }) => void controller.esc(),
  },
  {
    id: 'command',
    scope: 'roster',
    keys: [k('c')],
    label: 'cmd',
    bar: 6,
    description:
      'run a slash command in the selected peer: type any, Tab completes the known ones, the tier shows as you type; yellow and red ones ask first',
    enabled: both(needPeer, notPending),
    run: ({ store }) => openOverlay(store, { kind: 'picker', typed: '/', pick: -1 }),
  },
  {
    id: 'force',
    scope: 'roster',
    keys: [k('f')],
    label: 'force',
    bar: 13,
    description: 'arm --force for the next action only (never skips a red-tier confirmation)',
    run: ({ store }) => toggleForce(store),
  },
  {
    id: 'mode',
    scope: 'roster',
    keys: [k('tab')],
    label: 'peek/tail',
    bar: 8,
    description: 'switch the peer pane between peek (the conversation) and tail (everything, tool calls included)',
    run: ({ store, controller }) => toggleMode(store, controller),
  },
  {
    id: 'sort',
    scope: 'roster',
    keys: [k('s')],
    label: 'sort',
    bar: 12,
    description: 'sort by triage (modal, drafting, idle, busy) or by address',
    run: ({ store }) => toggleSort(store),
  },
  {
    id: 'filter',
    scope: 'roster',
    keys: [k('/')],
    label: 'filter',
    bar: 11,
    description: 'filter peers by address, name, title or cwd',
    run: ({ store }) => openOverlay(store, { kind: 'filter' }),
  },
  {
    id: 'spawn',
    scope: 'roster',
    keys: [k('+')],
    label: 'new',
    bar: 10,
    description: "start a new Claude Code peer in a new window, in the selected peer's folder (as claude-dm spawn)",
    enabled: notPending,
    run: ({ controller }) => void controller.spawn(),
  },
  {
    id: 'jump',
    scope: 'roster',
    keys: [k('o')],
    label: 'open',
    bar: 9,
    description: "jump to the selected peer's pane (when the dashboard runs inside tmux, on the same server)",
    enabled: needPeer,
    run: ({ controller }) => void controller.jump(),
  },
  {
    id: 'help',
    scope: 'roster',
    keys: [k('?')],
    label: 'help',
    bar: 98,
    description: 'show every key',
    run: ({ store }) => openOverlay(store, { kind: 'help', top: 0 }),
  },
  {
    id: 'quit',
    scope: 'roster',
    keys: [k('q')],
    label: 'quit',
    bar: 99,
    description: 'quit and restore the terminal',
    run: ({ quit }) => quit(),
  },
];

const COMPOSE: KeyBinding[] = [
  {
    id: 'compose-send',
    scope: 'compose',
    keys: [k('return')],
    label: 'send',
    bar: 1,
    description: 'send the message (ask: and wait for the reply)',
    run: ({ store, controller }) => submitCompose(store, controller),
  },
  {
    id: 'compose-newline',
    scope: 'compose',
    keys: [k('return', { meta: true }), k('linefeed')],
    label: 'new line',
    bar: 3,
    description: 'start a new line',
    run: ({ store }) => editCompose(store, (t) => `${t}\n`),
  },
  {
    id: 'compose-delete',
    scope: 'compose',
    keys: [k('backspace'), k('delete')],
    label: 'delete',
    description: 'delete the last character',
    run: ({ store }) => editCompose(store, (t) => t.slice(0, -1)),
  },
  {
    id: 'compose-cancel',
    scope: 'compose',
    keys: [k('escape')],
    label: 'cancel',
    bar: 2,
    description: 'close the box; nothing is sent',
    run: ({ store }) => cancelOverlay(store),
  },
  {
    id: 'compose-type',
    scope: 'compose',
    keys: [TEXT],
    label: 'type',
    description: 'the message (a paste arrives whole, its lines kept)',
    run: ({ store }, input) => editCompose(store, (t) => t + typed(input)),
  },
];

const PICKER: KeyBinding[] = [
  {
    id: 'picker-run',
    scope: 'picker',
    keys: [k('return')],
    label: 'run',
    bar: 1,
    description: 'run the command shown (green at once; yellow and red ask first)',
    run: ({ store, controller }) => runPickedCommand(store, controller),
  },
  {
    id: 'picker-complete',
    scope: 'picker',
    keys: [k('tab')],
    label: 'complete',
    bar: 3,
    description: 'complete to the chosen (else the first) known command',
    run: ({ store }) => completePick(store),
  },
  {
    id: 'picker-up',
    scope: 'picker',
    keys: [k('up')],
    label: 'choose',
    bar: 4,
    description: 'choose the previous completion',
    run: ({ store }) => movePick(store, -1),
  },
  {
    id: 'picker-down',
    scope: 'picker',
    keys: [k('down')],
    label: 'choose',
    bar: 4,
    description: 'choose the next completion',
    run: ({ store }) => movePick(store, 1),
  },
  {
    id: 'picker-delete',
    scope: 'picker',
    keys: [k('backspace'), k('delete')],
    label: 'delete',
    description: 'delete the last character (the / stays)',
    run: ({ store }) => editPicker(store, (t) => (t.length > 1 ? t.slice(0, -1) : t)),
  },
  {
    id: 'picker-cancel',
    scope: 'picker',
    keys: [k('escape')],
    label: 'cancel',
    bar: 2,
    description: 'close the picker; nothing runs',
    run: ({ store }) => cancelOverlay(store),
  },
  {
    id: 'picker-type',
    scope: 'picker',
    keys: [TEXT],
    label: 'type',
    description: 'any command, a skill or a custom one included; its tier shows as you type',
    run: ({ store }, input) => editPicker(store, (t) => oneLine(t === '/' && input.startsWith('/') ? input : t + input)),
  },
];

const CONFIRM: KeyBinding[] = [
  {
    id: 'confirm-yes',
    scope: 'confirm',
    keys: [k('y')],
    label: 'yes',
    bar: 1,
    description: 'yes: run the command, or give the answer',
    run: ({ store, controller }) => confirmOverlay(store, controller),
  },
  {
    id: 'confirm-no',
    scope: 'confirm',
    keys: [k('n'), k('escape')],
    label: 'no',
    bar: 2,
    description: 'no: nothing is run or answered',
    run: ({ store }) => cancelOverlay(store),
  },
  {
    id: 'confirm-left',
    scope: 'confirm',
    keys: [k('left')],
    label: 'move',
    bar: 3,
    description: 'move between No and Yes',
    run: ({ store }) => toggleConfirm(store),
  },
  {
    id: 'confirm-right',
    scope: 'confirm',
    keys: [k('right'), k('tab')],
    label: 'move',
    bar: 3,
    description: 'move between No and Yes',
    run: ({ store }) => toggleConfirm(store),
  },
  {
    id: 'confirm-choose',
    scope: 'confirm',
    keys: [k('return')],
    label: 'choose',
    bar: 4,
    description: 'take what is highlighted (No until you move to Yes)',
    run: ({ store, controller }) => chooseConfirm(store, controller),
  },
];

const FILTER: KeyBinding[] = [
  {
    id: 'filter-keep',
    scope: 'filter',
    keys: [k('return')],
    label: 'keep',
    bar: 1,
    description: 'close the filter line and keep the filter',
    run: ({ store }) => closeOverlay(store),
  },
  {
    id: 'filter-clear',
    scope: 'filter',
    keys: [k('escape')],
    label: 'clear',
    bar: 2,
    description: 'close the filter line and show every peer again',
    run: ({ store }) => cancelOverlay(store),
  },
  {
    id: 'filter-delete',
    scope: 'filter',
    keys: [k('backspace'), k('delete')],
    label: 'delete',
    description: 'delete the last character',
    run: ({ store }) => editFilter(store, (f) => f.slice(0, -1)),
  },
  {
    id: 'filter-type',
    scope: 'filter',
    keys: [TEXT],
    label: 'type',
    description: 'narrow the roster as you type: address, name, title or cwd',
    run: ({ store }, input) => editFilter(store, (f) => oneLine(f + input)),
  },
];

const HELP: KeyBinding[] = [
  {
    id: 'help-up',
    scope: 'help',
    keys: [k('up'), k('k')],
    label: 'scroll',
    bar: 1,
    description: 'scroll up',
    run: ({ store, size }) => scrollHelp(store, -1, KEYMAP, size),
  },
  {
    id: 'help-down',
    scope: 'help',
    keys: [k('down'), k('j')],
    label: 'scroll',
    bar: 1,
    description: 'scroll down',
    run: ({ store, size }) => scrollHelp(store, 1, KEYMAP, size),
  },
  {
    id: 'help-close',
    scope: 'help',
    keys: [{ any: true }],
    label: 'closes this',
    bar: 2,
    description: 'close this screen',
    run: ({ store }) => cancelOverlay(store),
  },
];

const GLOBAL: KeyBinding[] = [
  {
    id: 'interrupt',
    scope: 'global',
    keys: [k('c', { ctrl: true })],
    label: 'quit',
    description: 'quit and restore the terminal, from anywhere (an open box is dropped, nothing is sent)',
    run: ({ quit }) => quit(),
  },
];

export const KEYMAP: readonly KeyBinding[] = [...ROSTER, ...COMPOSE, ...PICKER, ...CONFIRM, ...FILTER, ...HELP, ...GLOBAL];

export function findBinding(s: DashboardState, input: string, key: KeyInfo, keymap: readonly KeyBinding[] = KEYMAP): KeyBinding | null {
  const scope = scopeOf(s);
  const candidates = [...bindingsOf('global', keymap), ...bindingsOf(scope, keymap)];
  return candidates.find((b) => b.keys.some((spec) => keyMatches(spec, input, key))) ?? null;
}

export interface Dispatch {
  binding: KeyBinding;
  /** true when it ran; otherwise why it did not. */
  ran: true | string;
}

/** Finds the binding for a key press in the scope open now and runs it, or reports why it is disabled. */
export function dispatchKey(env: KeyEnv, input: string, key: KeyInfo, keymap: readonly KeyBinding[] = KEYMAP): Dispatch | null {
  const binding = findBinding(env.store.getState(), input, key, keymap);
  if (!binding) return null;
  const enabled = isEnabled(binding, env.store.getState());
  if (enabled !== true) {
    refuse(env.store, binding.label, enabled);
    return { binding, ran: enabled };
  }
  binding.run(env, input);
  return { binding, ran: true };
}

/** Scopes where several characters at once are text (a paste), not keys. */
const takesText = (scope: Scope, keymap: readonly KeyBinding[]): boolean =>
  bindingsOf(scope, keymap).some((b) => b.keys.some((s) => 'text' in s));

/** Backspace as terminals send it (DEL, or BS): inside a chunk Ink hands it over as a character. */
const ERASE = /[\x7f\b]/;
const EVERY_CONTROL_CHAR = new RegExp(CONTROL_CHARS.source, 'g');

/**
 * Keys typed quickly (or read late, under load) arrive in one chunk, and Ink hands the
 * chunk over whole: "g1" is g, then 1. Escape sequences (arrows) stay whole.
 */
export function splitKeys(input: string, key: KeyInfo): Array<[string, KeyInfo]> {
  if (input.length <= 1 || key.ctrl || key.meta || input.includes('\x1b')) return [[input, key]];
  return [...input].map((ch): [string, KeyInfo] =>
    ch === '\r' ? ['', { return: true }] : ch === '\t' ? ['', { tab: true }] : ERASE.test(ch) ? ['', { backspace: true }] : [ch, {}],
  );
}

/**
 * Text for a scope that takes it: runs of typed characters (a paste arrives whole, CR and tab
 * kept for the scope to read), each Backspace a key of its own, other control characters dropped.
 */
function textPieces(input: string): Array<[string, KeyInfo]> {
  const out: Array<[string, KeyInfo]> = [];
  for (const part of input.split(/([\x7f\b])/)) {
    if (ERASE.test(part)) out.push(['', { backspace: true }]);
    else {
      const text = part.replace(EVERY_CONTROL_CHAR, '');
      if (text) out.push([text, {}]);
    }
  }
  return out;
}

/**
 * One chunk of input: in a scope that takes text it is text (a paste arrives whole);
 * elsewhere one key at a time, each in the scope open by then ("/ab" typed fast opens the
 * filter and types "ab" into it). A key that opens a dialog (a confirmation, the `?` screen)
 * ends the chunk: what was typed ahead never answers a question nobody has seen.
 */
export function dispatchInput(env: KeyEnv, input: string, key: KeyInfo, keymap: readonly KeyBinding[] = KEYMAP): void {
  const pieces = splitKeys(input, key);
  for (let i = 0; i < pieces.length; i++) {
    const scope = scopeOf(env.store.getState());
    if (pieces.length > 1 && takesText(scope, keymap)) {
      const rest = pieces.slice(i).map(([ch, k]) => ch || (k.return ? '\r' : k.tab ? '\t' : '\x7f'));
      for (const [text, k] of textPieces(rest.join(''))) dispatchKey(env, text, k, keymap);
      return;
    }
    const [ch, k] = pieces[i]!;
    dispatchKey(env, ch, k, keymap);
    const now = scopeOf(env.store.getState());
    if (now !== scope && !takesText(now, keymap)) return;
  }
}

/**
 * Problems with a keymap: two bindings of one scope (or one and a global one) claiming the
 * same key, or a binding that a catch-all before it (`text`, `any`) would never let run.
 */
export function keymapConflicts(keymap: readonly KeyBinding[] = KEYMAP): string[] {
  const problems: string[] = [];
  const globalIds = new Map(bindingsOf('global', keymap).flatMap((b) => b.keys.map((s) => [specId(s), b.id] as const)));
  const scopes = [...new Set(keymap.map((b) => b.scope))];
  for (const scope of scopes) {
    const owner = new Map<string, string>(scope === 'global' ? [] : globalIds);
    let catchAll: string | null = null;
    for (const b of bindingsOf(scope, keymap)) {
      for (const spec of b.keys) {
        const id = specId(spec);
        if (catchAll === 'any' || (catchAll === 'text' && 'key' in spec && spec.key.length === 1 && !spec.ctrl && !spec.meta))
          problems.push(`${scope}: ${b.id} comes after a catch-all (${catchAll}) and never runs for ${id}`);
        const first = owner.get(id);
        if (first !== undefined) problems.push(`${scope}: ${id} is claimed by ${first} and ${b.id}`);
        else owner.set(id, b.id);
        if ('any' in spec || 'text' in spec) catchAll ??= id;
      }
    }
  }
  return problems;
}
