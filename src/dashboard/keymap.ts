// The one keymap: every key the dashboard knows, with its label for the help bar, its
// description for the `?` screen, and whether it works right now (and if not, why).
// Dispatch, the help bar and the help screen are all generated from this list.
import { moveSelection, selectedRow, update, type DashboardState, type DashboardStore } from './store.js';
import type { DashboardActions } from './controller.js';
import { answerIntent } from './answer-keys.js';

/** The parts of Ink's key object we look at (kept structural: src/ does not import Ink). */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  return?: boolean;
  tab?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  meta?: boolean;
}

export interface KeyEnv {
  store: DashboardStore;
  controller: DashboardActions;
  quit(): void;
}

export interface KeyBinding {
  id: string;
  /** As shown: `↑/k`. */
  keys: string;
  /** Short, for the help bar. */
  label: string;
  description: string;
  matches(input: string, key: KeyInfo): boolean;
  /** true, or why not. */
  enabled(s: DashboardState): true | string;
  /** Shown in the help bar only while enabled. */
  contextual?: boolean;
  /** Place in the one-line key bar (lower shows first, and stays when the bar is cut); absent: only on the `?` screen. */
  bar?: number;
  /** Keys and label as the bar shows them, when shorter than `keys` / `label`. */
  barKeys?: string;
  barLabel?: string;
  run(env: KeyEnv, input: string): void;
}

const always = (): true => true;
/** A letter key pressed on its own: Ctrl-C arrives as `c` with ctrl, and must not open the picker. */
const plain = (ch: string) => (i: string, k: KeyInfo): boolean => i === ch && k.ctrl !== true && k.meta !== true;
const needPeer = (s: DashboardState): true | string => (s.selected ? true : 'no peer selected');
const onModal = (s: DashboardState): true | string => {
  const row = selectedRow(s);
  if (!row) return 'no peer selected';
  return row.state === 'modal' ? true : `${row.address} is ${row.state}, not on a modal`;
};
const notPending = (s: DashboardState): true | string => (s.pending ? `waiting for ${s.pending}` : true);
const both = (...checks: Array<(s: DashboardState) => true | string>) => (s: DashboardState): true | string => {
  for (const c of checks) {
    const r = c(s);
    if (r !== true) return r;
  }
  return true;
};

export const KEYMAP: readonly KeyBinding[] = [
  { id: 'down', keys: '↓/j', label: 'move', bar: 3, barKeys: '↑↓', description: 'select the next peer', matches: (i, k) => k.downArrow === true || plain('j')(i, k), enabled: always, run: ({ store }) => moveSelection(store, 'next') },
  { id: 'up', keys: '↑/k', label: 'move', bar: 3, barKeys: '↑↓', description: 'select the previous peer', matches: (i, k) => k.upArrow === true || plain('k')(i, k), enabled: always, run: ({ store }) => moveSelection(store, 'prev') },
  { id: 'first', keys: 'g', label: 'first', description: 'select the first peer', matches: plain('g'), enabled: always, run: ({ store }) => moveSelection(store, 'first') },
  { id: 'last', keys: 'G', label: 'last', description: 'select the last peer', matches: plain('G'), enabled: always, run: ({ store }) => moveSelection(store, 'last') },
  {
    id: 'answer', keys: '1-9', label: 'answer', contextual: true, bar: 1,
    description: "answer the selected peer's modal with the option of that number; one that widens the peer's permissions asks first (default No)",
    matches: (i, k) => k.ctrl !== true && k.meta !== true && /^[1-9]$/.test(i),
    enabled: both(onModal, notPending),
    run: answerWith,
  },
  {
    id: 'yes', keys: 'y', label: 'yes', contextual: true, bar: 2, barKeys: 'y/n', barLabel: 'yes/no',
    description: 'answer the selected prompt with its plain Yes, as claude-dm answer TARGET y (never an option that widens permissions)',
    matches: plain('y'), enabled: both(onModal, notPending), run: answerWith,
  },
  {
    id: 'no', keys: 'n', label: 'no', contextual: true, bar: 2, barKeys: 'y/n', barLabel: 'yes/no',
    description: 'answer the selected prompt with its plain No, as claude-dm answer TARGET n',
    matches: plain('n'), enabled: both(onModal, notPending), run: answerWith,
  },
  { id: 'send', keys: 'enter/m', label: 'send', bar: 4, barKeys: 'enter', description: 'write a message to the selected peer (send gate)', matches: (i, k) => (k.return === true && k.meta !== true) || plain('m')(i, k), enabled: both(needPeer, notPending), run: ({ store }) => update(store, { overlay: { kind: 'compose', verb: 'send' } }) },
  { id: 'ask', keys: 'a', label: 'ask', bar: 7, description: 'ask the selected peer and show its reply (ask gate)', matches: plain('a'), enabled: both(needPeer, notPending), run: ({ store }) => update(store, { overlay: { kind: 'compose', verb: 'ask' } }) },
  { id: 'esc', keys: 'e', label: 'esc', bar: 5, description: 'press Escape in the selected peer: interrupt or cancel (refused on drafting)', matches: plain('e'), enabled: both(needPeer, notPending), run: ({ controller }) => void controller.esc() },
  { id: 'command', keys: 'c', label: 'command', bar: 6, barLabel: 'cmd', description: 'run a slash command in the selected peer: type any, Tab completes the known ones, the tier shows as you type; yellow and red ones ask first', matches: plain('c'), enabled: both(needPeer, notPending), run: ({ store }) => update(store, { overlay: { kind: 'picker' } }) },
  {
    id: 'force', keys: 'f', label: 'force', bar: 13, description: 'arm --force for the next action only (never skips a red-tier confirmation)',
    matches: plain('f'), enabled: always,
    run: ({ store }) => {
      const force = !store.getState().force;
      update(store, { force, notice: { kind: force ? 'error' : 'info', text: force ? 'FORCE armed for the next action' : 'force disarmed' } });
    },
  },
  { id: 'mode', keys: 'tab', label: 'peek/tail', bar: 8, description: 'switch the peer pane between peek (the conversation) and tail (everything, tool calls included)', matches: (_i, k) => k.tab === true, enabled: always, run: ({ store, controller }) => { update(store, { mode: store.getState().mode === 'peek' ? 'tail' : 'peek' }); controller.refreshFeed(); } },
  { id: 'sort', keys: 's', label: 'sort', bar: 12, description: 'sort by triage (modal, drafting, idle, busy) or by address', matches: plain('s'), enabled: always, run: ({ store }) => update(store, { sort: store.getState().sort === 'triage' ? 'address' : 'triage' }) },
  { id: 'filter', keys: '/', label: 'filter', bar: 11, description: 'filter peers by address, name, title or cwd', matches: plain('/'), enabled: always, run: ({ store }) => update(store, { overlay: { kind: 'filter' } }) },
  { id: 'spawn', keys: '+', label: 'new', bar: 10, description: 'start a new Claude Code peer in a new window, in the selected peer\'s folder (as claude-dm spawn)', matches: plain('+'), enabled: notPending, run: ({ controller }) => void controller.spawn() },
  { id: 'jump', keys: 'o', label: 'open', bar: 9, description: 'jump to the selected peer\'s pane (when the dashboard runs inside tmux, on the same server)', matches: plain('o'), enabled: needPeer, run: ({ controller }) => void controller.jump() },
  { id: 'help', keys: '?', label: 'help', bar: 98, description: 'show every key', matches: plain('?'), enabled: always, run: ({ store }) => update(store, { overlay: { kind: 'help' } }) },
  { id: 'quit', keys: 'q', label: 'quit', bar: 99, description: 'quit and restore the terminal (Ctrl-C too)', matches: (i, k) => plain('q')(i, k) || (k.ctrl === true && i === 'c'), enabled: always, run: ({ quit }) => quit() },
];

/**
 * An answer key: decided here with the CLI's rules before anything is typed. Refused keys say
 * why; an option that widens the peer's permissions opens a confirmation naming it.
 */
function answerWith({ store, controller }: KeyEnv, key: string): void {
  const row = selectedRow(store.getState());
  if (!row) return;
  const intent = answerIntent(row, key);
  if (intent.kind === 'refuse') update(store, { notice: { kind: 'error', text: `answer ${key}: ${intent.reason}` } });
  else if (intent.kind === 'confirm') update(store, { overlay: { kind: 'widen', key, option: intent.option, address: row.address } });
  else void controller.answer(key);
}

export interface Dispatch {
  binding: KeyBinding;
  /** true when it ran; otherwise why it did not. */
  ran: true | string;
}

/** Finds the binding for a key press and runs it, or reports why it is disabled. */
export function dispatchKey(env: KeyEnv, input: string, key: KeyInfo, keymap: readonly KeyBinding[] = KEYMAP): Dispatch | null {
  const binding = keymap.find((b) => b.matches(input, key));
  if (!binding) return null;
  const enabled = binding.enabled(env.store.getState());
  if (enabled !== true) {
    update(env.store, { notice: { kind: 'error', text: `${binding.label}: ${enabled}` } });
    return { binding, ran: enabled };
  }
  binding.run(env, input);
  return { binding, ran: true };
}
