// What may be typed into a peer. Control characters would be keystrokes (ESC, the
// bracketed-paste end marker, Ctrl-C, a bare CR = Enter), so they are refused unless
// --raw. Newlines and tabs are text: a bracketed paste carries them intact.
import { DmError } from '../errors.js';

const CONTROL = /[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]/u;

export function checkMessage(text: string, raw: boolean): void {
  if (text === '') throw new DmError('the message is empty: nothing to send');
  if (raw) return;
  const m = CONTROL.exec(text);
  if (m) {
    const code = m[0].codePointAt(0)!.toString(16).padStart(2, '0');
    throw new DmError(
      `the message holds control character 0x${code} at index ${m.index} (it would act as a keystroke): remove it, or pass --raw`,
    );
  }
}

/** The prefix that tells a peer who is writing, so it can weigh the message as a DM. */
export function fromPrefix(callerAddress: string): string {
  return `DM from ${callerAddress}: `;
}
