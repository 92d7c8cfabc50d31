// What an answer key does on the selected peer, decided before anything is typed, with the
// CLI's own rules (src/actions/answer.ts: y the plain Yes, n the plain No, a digit the number
// on screen; an option that widens the peer's permissions needs a confirmation). The write
// itself (answerModal) reads the screen again and plans again just before the keystroke.
import { answerKeyTable, optionText, planAnswer } from '../actions/answer.js';
import type { Modal } from '../classify/screen.js';
import type { PeerRow } from '../watch/peer-row.js';

export type AnswerIntent =
  { kind: 'answer'; key: string } | { kind: 'confirm'; key: string; option: string } | { kind: 'refuse'; reason: string };

export function answerIntent(row: Pick<PeerRow, 'modal' | 'understood'>, key: string): AnswerIntent {
  const choice = planAnswer({ modal: row.modal ?? undefined, understood: row.understood ?? undefined }, key);
  if (!choice.ok) return { kind: 'refuse', reason: choice.reason };
  if (choice.plan.widens) return { kind: 'confirm', key, option: optionText(choice.plan.option) };
  return { kind: 'answer', key };
}

/** Digits of the options that widen the peer's permissions (they ask first). */
export function wideningKeys(row: Pick<PeerRow, 'modal' | 'understood'>): Set<string> {
  return new Set(
    answerKeyTable({ modal: row.modal ?? undefined, understood: row.understood ?? undefined })
      .filter((r) => r.widens && /^\d+$/.test(r.key))
      .map((r) => r.key),
  );
}

/** The pane's key hint: `1-4 answer · y Yes · n No · 2,3 ask first`, from what each key picks now. */
export function modalHint(row: Pick<PeerRow, 'modal' | 'understood'>): string {
  const table = answerKeyTable({ modal: row.modal ?? undefined, understood: row.understood ?? undefined });
  const digits = table.filter((r) => /^\d+$/.test(r.key) && r.option !== null).map((r) => r.key);
  const parts: string[] = [];
  if (digits.length > 0) parts.push(`${digits[0]}${digits.length > 1 ? `-${digits.at(-1)}` : ''} answer`);
  for (const k of ['y', 'n']) {
    const r = table.find((x) => x.key === k);
    if (r?.option) parts.push(`${k} ${firstWords(r.option)}`);
  }
  const widening = digits.filter((d) => table.find((r) => r.key === d)?.widens);
  if (widening.length > 0) parts.push(`${widening.join(',')} ask first`);
  return parts.join(' · ');
}

/** `Yes`, `No`, `Stay in auto mode`: the option's words up to its first comma. */
function firstWords(option: string): string {
  return option.split(/,|\s·\s|\(/)[0]!.trim();
}

export type { Modal };
