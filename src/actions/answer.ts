// Which modal option a key means, and how to press it. Keys name meanings, never remembered
// positions: 2.1.332 moved No from 3 to 4 and made 3 "switch to auto mode", so `y` is the plain
// Yes, `n` the plain No, `a` the one "always" option; a digit is the number shown on screen, and
// an option that widens the peer's permissions needs --confirm whichever key picks it. The words an
// option is read by (widens, a mode switch, a No that does more than decline once) are in markers.ts.
import type { Classification } from '../classify/classify.js';
import { MARKERS } from '../classify/markers.js';
import type { Modal, ModalOption } from '../classify/screen.js';

/** How the choice reaches the peer. */
export type AnswerStroke =
  /** A numbered option: its digit. */
  | { kind: 'digit'; digit: string }
  /** An unnumbered list: move the cursor from `from` to `to` (0-based), read it back, then Enter. */
  | { kind: 'cursor'; from: number; to: number }
  /** A dialog: one key (Enter stays in auto mode, Escape cancels). */
  | { kind: 'key'; key: 'Enter' | 'Escape' };

export interface AnswerPlan {
  option: ModalOption;
  stroke: AnswerStroke;
  /** Picking it widens what the peer may do without asking (always allow, auto mode, accept edits…). */
  widens: boolean;
}

export type AnswerChoice = { ok: true; plan: AnswerPlan } | { ok: false; reason: string };

export const ANSWER_KEYS = ['y', 'n', 'a'] as const;

export function optionText(option: ModalOption): string {
  return option.detail ? `${option.label} ${option.detail}` : option.label;
}

export function optionWidens(modal: Modal, option: ModalOption): boolean {
  // The auto-mode dialog's Enter keeps auto mode with every action still asked: nothing widens.
  if (modal.style === 'dialog') return false;
  return MARKERS.widens.pattern.test(optionText(option));
}

/** What `key` picks on this peer's modal, or why it picks nothing. Pure: the screen decides. */
export function planAnswer(c: Pick<Classification, 'modal' | 'understood'>, key: string): AnswerChoice {
  const modal = c.modal;
  if (!modal) return { ok: false, reason: 'no options on screen that claude-dm can read: look at the peer (claude-dm peek / tmux)' };
  const k = key.trim().toLowerCase();
  const shown = () => modal.options.map((o) => (modal.style === 'numbered' ? `${o.key}. ${o.label}` : o.label)).join(', ');
  const pick = (option: ModalOption): AnswerChoice => ({
    ok: true,
    plan: { option, stroke: strokeFor(modal, option), widens: optionWidens(modal, option) },
  });

  if (modal.style === 'dialog') {
    if (k === 'y' || k === 'yes') return pick(modal.options.find((o) => o.key === 'Enter')!);
    if (k === 'n' || k === 'no') return pick(modal.options.find((o) => o.key === 'Escape')!);
    return {
      ok: false,
      reason: `the auto-mode dialog takes y (stay in auto mode, approve each action: Enter) or n (cancel: Esc), not ${JSON.stringify(key)}`,
    };
  }
  if (/^\d+$/u.test(k)) {
    if (c.understood === false)
      return {
        ok: false,
        reason: `the screen was not understood, so a number could pick anything: answer y or n by label, or look at the peer (options seen: ${shown()})`,
      };
    if (modal.style === 'cursor')
      return { ok: false, reason: `this prompt's options have no numbers: answer y or n (options: ${shown()})` };
    const option = modal.options.find((o) => o.key === k);
    return option ? pick(option) : { ok: false, reason: `no option ${JSON.stringify(k)} on screen (options: ${shown()})` };
  }
  if (k === 'y' || k === 'yes') {
    const yes = modal.options.filter((o) => MARKERS.yesLabel.pattern.test(o.label));
    const plain = yes.find((o) => !optionWidens(modal, o));
    if (plain) return pick(plain);
    if (yes.length > 0)
      return {
        ok: false,
        reason: `every Yes here widens the peer's permissions (${yes.map((o) => JSON.stringify(o.label)).join(', ')}): pick one by number with --confirm`,
      };
    return { ok: false, reason: `no Yes option on screen (options: ${shown()})` };
  }
  if (k === 'n' || k === 'no') {
    const no = modal.options.filter((o) => MARKERS.noLabel.pattern.test(o.label));
    const plain = no.find((o) => !MARKERS.persistentNo.pattern.test(o.label));
    if (plain) return pick(plain);
    return { ok: false, reason: `no plain No option on screen (options: ${shown()}); claude-dm esc cancels the prompt` };
  }
  if (k === 'a' || k === 'always') {
    const always = modal.options.filter(
      (o) => MARKERS.yesLabel.pattern.test(o.label) && optionWidens(modal, o) && !MARKERS.modeSwitch.pattern.test(optionText(o)),
    );
    if (always.length === 1) return pick(always[0]!);
    if (always.length === 0) return { ok: false, reason: `no "always allow" option on screen (options: ${shown()})` };
    return { ok: false, reason: `${always.length} "always" options on screen: pick one by number (options: ${shown()})` };
  }
  return { ok: false, reason: `key must be an option number or y, n, a; got ${JSON.stringify(key)}` };
}

function strokeFor(modal: Modal, option: ModalOption): AnswerStroke {
  if (modal.style === 'numbered') return { kind: 'digit', digit: option.key };
  if (modal.style === 'dialog') return { kind: 'key', key: option.key === 'Enter' ? 'Enter' : 'Escape' };
  const from = Math.max(
    0,
    modal.options.findIndex((o) => o.selected),
  );
  return { kind: 'cursor', from, to: modal.options.indexOf(option) };
}

export interface AnswerKeyRow {
  key: string;
  /** The option's label, or null when the key picks nothing here. */
  option: string | null;
  widens: boolean;
  /** Picking it needs --confirm (it widens permissions). */
  needsConfirm: boolean;
  /** Why the key picks nothing. */
  refused?: string;
}

/** For `status` and `answer --json`: what each key would pick now. */
export function answerKeyTable(c: Pick<Classification, 'modal' | 'understood'>): AnswerKeyRow[] {
  const modal = c.modal;
  const digits = modal?.style === 'numbered' ? modal.options.map((o) => o.key) : [];
  return [...ANSWER_KEYS, ...digits].map((key) => {
    const choice = planAnswer(c, key);
    if (!choice.ok) return { key, option: null, widens: false, needsConfirm: false, refused: choice.reason };
    return { key, option: optionText(choice.plan.option), widens: choice.plan.widens, needsConfirm: choice.plan.widens };
  });
}
