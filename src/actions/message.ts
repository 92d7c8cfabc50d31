// What may be typed into a peer. Control characters would be keystrokes (ESC, the
// bracketed-paste end marker, Ctrl-C, a bare CR = Enter, the C1 CSI 0x9b), so they are
// refused unless --raw. Newlines and tabs are text: a bracketed paste carries them intact.
// runWrite checks every write's message (WriteRequest.message), whoever calls it.
import { DmError } from '../errors.js';

const CONTROL = /[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]/u;

/** Why `text` may not be typed into a peer, or null when it may. */
export function messageProblem(text: string, raw: boolean): string | null {
  if (text === '') return 'the message is empty: nothing to send';
  if (raw) return null;
  const m = CONTROL.exec(text);
  if (!m) return null;
  const code = m[0].codePointAt(0)!.toString(16).padStart(2, '0');
  return `the message holds control character 0x${code} at index ${m.index} (it would act as a keystroke): remove it, or pass --raw`;
}

/** messageProblem as a usage error, for a front end that checks its input before a write starts. */
export function checkMessage(text: string, raw: boolean): void {
  const problem = messageProblem(text, raw);
  if (problem) throw new DmError(problem);
}

/** The prefix that tells a peer who is writing, so it can weigh the message as a DM. */
export function fromPrefix(callerAddress: string): string {
  return `DM from ${callerAddress}: `;
}
