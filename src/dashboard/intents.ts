// What a person can ask of the dashboard, by name. Keys (src/dashboard/keymap/) call these;
// components only read the store. The policy lives here too: a slash command that is not green
// opens a confirmation instead of running, an answer is decided with the CLI's rules before
// anything is typed, and every way out of an overlay says what did not happen.
import { answerIntent } from './answer-keys.js';
import type { DashboardActions } from './dashboard-actions.js';
import { helpScrollMax } from './help-screen.js';
import type { KeyBinding } from './keymap/binding.js';
import type { TerminalSize } from './layout.js';
import { aimOf } from './rows.js';
import { completions, typedCommand } from './slash-commands.js';
import { moveSelection, selectedRow, update, type DashboardStore, type Notice, type Overlay } from './store.js';

export function openOverlay(store: DashboardStore, overlay: Overlay): void {
  update(store, { overlay });
}

export function closeOverlay(store: DashboardStore, notice?: Notice): void {
  update(store, notice ? { overlay: null, notice } : { overlay: null });
}

/** Something asked for that cannot be done now says why in the notice line (`answer 2: …`). */
export function refuse(store: DashboardStore, what: string, why: string): void {
  update(store, { notice: { kind: 'error', text: `${what}: ${why}` } });
}

export function selectPeer(store: DashboardStore, to: Parameters<typeof moveSelection>[1]): void {
  moveSelection(store, to);
}

export function setFilter(store: DashboardStore, filter: string): void {
  update(store, { filter });
}

export function editFilter(store: DashboardStore, edit: (filter: string) => string): void {
  setFilter(store, edit(store.getState().filter));
}

export function toggleForce(store: DashboardStore): void {
  const force = !store.getState().force;
  update(store, { force, notice: { kind: force ? 'error' : 'info', text: force ? 'FORCE armed for the next action' : 'force disarmed' } });
}

export function toggleSort(store: DashboardStore): void {
  update(store, { sort: store.getState().sort === 'triage' ? 'address' : 'triage' });
}

export function toggleMode(store: DashboardStore, controller: DashboardActions): void {
  update(store, { mode: store.getState().mode === 'peek' ? 'tail' : 'peek' });
  controller.refreshFeed();
}

/**
 * An answer key on the selected peer, decided with the CLI's rules before anything is typed:
 * a refused key says why; an option that widens the peer's permissions opens a confirmation naming it.
 */
export function answerSelected(store: DashboardStore, controller: DashboardActions, key: string): void {
  const row = selectedRow(store.getState());
  if (!row) return;
  const intent = answerIntent(row, key);
  if (intent.kind === 'refuse') refuse(store, `answer ${key}`, intent.reason);
  else if (intent.kind === 'confirm')
    openOverlay(store, { kind: 'widen', key, option: intent.option, address: row.address, yes: false, aim: aimOf(row) });
  // A No through claude-dm's hook can tell Claude why: asked first, in one line, Enter with none is a plain No.
  else if (/^(n|no)$/iu.test(key) && row.request) openOverlay(store, { kind: 'reason', text: '', address: row.address, aim: aimOf(row) });
  else void controller.answer(key, false, aimOf(row));
}

// The reason for a No through the hook.

export function editReason(store: DashboardStore, edit: (text: string) => string): void {
  patchOverlay(store, 'reason', (o) => ({ text: edit(o.text) }));
}

/** Enter: the No, with the reason when one was typed, for the prompt the box was opened on. */
export function submitReason(store: DashboardStore, controller: DashboardActions): void {
  const o = store.getState().overlay;
  if (o?.kind !== 'reason') return;
  closeOverlay(store);
  const text = o.text.trim();
  void controller.answer('n', false, o.aim, text === '' ? undefined : text);
}

/** Changes the open overlay if it is of that kind (a key from a stale chunk finds none). */
function patchOverlay<K extends Overlay['kind']>(
  store: DashboardStore,
  kind: K,
  patch: (o: Extract<Overlay, { kind: K }>) => Partial<Extract<Overlay, { kind: K }>>,
): void {
  const o = store.getState().overlay;
  if (o?.kind === kind) update(store, { overlay: { ...o, ...patch(o as Extract<Overlay, { kind: K }>) } as Overlay });
}

// The compose box (send / ask).

export function editCompose(store: DashboardStore, edit: (text: string) => string): void {
  patchOverlay(store, 'compose', (o) => ({ text: edit(o.text) }));
}

export function submitCompose(store: DashboardStore, controller: DashboardActions): void {
  const o = store.getState().overlay;
  if (o?.kind !== 'compose' || o.text.trim() === '') return;
  closeOverlay(store);
  void (o.verb === 'send' ? controller.send(o.text, o.target) : controller.ask(o.text, o.target));
}

// The slash-command picker.

export function editPicker(store: DashboardStore, edit: (typed: string) => string): void {
  patchOverlay(store, 'picker', (o) => ({ typed: edit(o.typed), pick: -1 }));
}

/** ↓ in the text: the list of completions takes the keys (ink-select-input), its first one highlighted. */
export function focusPickerList(store: DashboardStore): void {
  patchOverlay(store, 'picker', (o) => (completions(o.typed).length > 0 ? { focus: 'list', pick: 0 } : {}));
}

/** Esc in the list: back to typing, what is typed as it was. */
export function focusPickerText(store: DashboardStore): void {
  patchOverlay(store, 'picker', () => ({ focus: 'text', pick: -1 }));
}

/** The list moved its highlight (its onHighlight): the input line shows that command and its tier. */
export function highlightPick(store: DashboardStore, command: string): void {
  patchOverlay(store, 'picker', (o) => ({ pick: completions(o.typed).indexOf(command) }));
}

/** Tab: what is typed becomes the highlighted (else the first) completion, to add arguments to; typing again. */
export function completePick(store: DashboardStore): void {
  patchOverlay(store, 'picker', (o) => {
    const to = completions(o.typed)[Math.max(0, o.pick)];
    return { typed: to ? `${to} ` : o.typed, pick: -1, focus: 'text' };
  });
}

/** The text Enter would run: the chosen completion, or what is typed. */
export function pickedText(o: Extract<Overlay, { kind: 'picker' }>): string {
  return (o.pick >= 0 ? completions(o.typed)[o.pick] : undefined) ?? o.typed;
}

/** Runs a green command at once; a yellow or red one opens the confirmation (default No). */
export function pickCommand(store: DashboardStore, controller: DashboardActions, text: string, target: string | null): void {
  const c = typedCommand(text);
  if (c.problem) refuse(store, 'command', c.problem);
  else if (c.tier === 'green') {
    closeOverlay(store);
    void controller.command(c.command, false, target);
  } else openOverlay(store, { kind: 'confirm', command: c.command, tier: c.tier, yes: false, target });
}

/** Enter in the picker's text: the command typed. */
export function runPickedCommand(store: DashboardStore, controller: DashboardActions): void {
  const o = store.getState().overlay;
  if (o?.kind === 'picker') pickCommand(store, controller, pickedText(o), o.target);
}

/** The list's onSelect (Enter, or a digit): that completion, for the peer the picker opened on. */
export function runChosenCommand(store: DashboardStore, controller: DashboardActions, command: string | undefined): void {
  const o = store.getState().overlay;
  if (o?.kind === 'picker' && o.focus === 'list' && command) pickCommand(store, controller, command, o.target);
}

// The confirmations (a red or yellow command; an answer that widens permissions).

export function toggleConfirm(store: DashboardStore): void {
  const o = store.getState().overlay;
  if (o?.kind === 'confirm' || o?.kind === 'widen') update(store, { overlay: { ...o, yes: !o.yes } });
}

export function confirmOverlay(store: DashboardStore, controller: DashboardActions): void {
  const o = store.getState().overlay;
  if (o?.kind === 'confirm') {
    closeOverlay(store);
    void controller.command(o.command, true, o.target);
  } else if (o?.kind === 'widen') {
    closeOverlay(store);
    // The prompt the dialog named: answered only if it is still the one on screen.
    void controller.answer(o.key, true, o.aim);
  }
}

/** Enter in a confirmation: what is highlighted, and No unless the person moved to Yes. */
export function chooseConfirm(store: DashboardStore, controller: DashboardActions): void {
  const o = store.getState().overlay;
  if ((o?.kind === 'confirm' || o?.kind === 'widen') && o.yes) confirmOverlay(store, controller);
  else cancelOverlay(store);
}

/** Leaves the open overlay, saying what did not happen. */
export function cancelOverlay(store: DashboardStore): void {
  const o = store.getState().overlay;
  if (!o) return;
  const info = (text: string): Notice => ({ kind: 'info', text });
  switch (o.kind) {
    case 'compose':
      return closeOverlay(store, info(`${o.verb} cancelled`));
    case 'picker':
      return closeOverlay(store, info('command cancelled'));
    case 'confirm':
      return closeOverlay(store, info(`${o.command} not run`));
    case 'widen':
      return closeOverlay(store, info(`${o.address}: not answered (${o.key} would widen its permissions)`));
    case 'reason':
      return closeOverlay(store, info(`${o.address}: not answered`));
    case 'filter':
      return update(store, { overlay: null, filter: '' });
    case 'help':
      return closeOverlay(store);
  }
}

// The `?` screen.

/** Scrolls the `?` screen (listing `keymap`) by `delta` lines, no further than its last line at the terminal's size. */
export function scrollHelp(store: DashboardStore, delta: number, keymap: readonly KeyBinding[], size?: TerminalSize): void {
  const max = helpScrollMax(store.getState(), keymap, size);
  patchOverlay(store, 'help', (o) => ({ top: Math.max(0, Math.min(max, o.top + delta)) }));
}
