// Which modal option a key means. Digits are the option numbers shown on screen; y, n
// and a are shortcuts for "Yes", "No…" and the "always / don't ask again" option.
import type { Modal, ModalOption } from '../classify/screen.js';

export function resolveAnswerKey(modal: Modal, key: string): ModalOption | null {
  const k = key.trim().toLowerCase();
  if (/^\d+$/.test(k)) return modal.options.find((o) => o.key === k) ?? null;
  const find = (re: RegExp) => modal.options.find((o) => re.test(o.label)) ?? null;
  if (k === 'y' || k === 'yes') return find(/^Yes\b/i);
  if (k === 'n' || k === 'no') return find(/^No\b/i);
  if (k === 'a' || k === 'always') return find(/always|don't ask again|allow all/i);
  return null;
}

/** What the modal asks, minus its options and key hints: the tool and its command, file or URL. */
export function modalSubject(modal: Modal): string[] {
  return modal.lines.filter(
    (l) => !/^(❯\s*)?\d+\.\s/u.test(l) && !/^Esc to cancel|^Enter to select|^ctrl\+g to edit/u.test(l),
  );
}
