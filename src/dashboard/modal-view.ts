// What the selected peer's modal asks, as lines that fit a given height: the options always
// show; the question (or the tool and its command) and the options' descriptions give way
// first, in that order, when rows are short.
import type { Modal, ModalOption } from '../classify/screen.js';
import { requestSubject, type RequestFacts } from '../hook/on-screen.js';
import { cells, truncate, truncateLine, type StyledLine } from './cells.js';

export interface ModalOptionView extends ModalOption {
  /** The lines Claude Code draws under the option (a question's option descriptions). */
  description: string[];
}

export interface ModalParts {
  header: string;
  /** What it asks: the tool and its exact command, file or URL, or the question. */
  subject: string[];
  options: ModalOptionView[];
}

const OPTION_LINE = /^(❯\s*)?\d+\.\s/u;
const FOOTER = /^(Esc to cancel|Enter to (select|confirm)|ctrl\+g to edit|↑\/↓ to navigate)/u;
const RULE = /^[\s─╌━┄▔▁═-]+$/u;

/** Splits the modal's lines into the header, what it asks, and each option with its description. */
export function modalParts(modal: Modal): ModalParts {
  const [first, ...rest] = modal.lines;
  const header = modal.header || first || '';
  const subject: string[] = [];
  const descriptions: string[][] = modal.options.map(() => []);
  let option = -1;
  for (const line of modal.header ? modal.lines.slice(modal.lines[0] === modal.header ? 1 : 0) : rest) {
    if (FOOTER.test(line) || RULE.test(line) || line.trim() === '') continue;
    if (OPTION_LINE.test(line)) {
      option++;
      continue;
    }
    // Unnumbered options (`❯ No` / `Yes`) are lines of their own: keep them out of the subject.
    if (modal.options.some((o) => line.replace(/^❯\s*/u, '') === o.label)) continue;
    if (option < 0) subject.push(line);
    else if (option < descriptions.length) descriptions[option]!.push(line);
  }
  return {
    header,
    subject,
    // The classifier's own reading of the lines under an option wins (2.1.3xx); else the lines between options.
    options: modal.options.map((o, i) => ({ ...o, description: o.detail ? [o.detail] : (descriptions[i] ?? []) })),
  };
}

export interface ModalViewInput {
  modal: Modal;
  subtype: string | null;
  prompt: string | null;
  /** The keys that answer (`1-4 answer · y Yes · n No`), shown on the last line when there is room. */
  hint: string;
  /** Digits of options that widen the peer's permissions: marked, they ask first. */
  widening?: ReadonlySet<string>;
  /**
   * The prompt's request pending in claude-dm's hook: what it asks is shown whole from it (the screen cuts a long
   * command), and the head says that y, n and a go through the hook.
   */
  request?: Pick<RequestFacts, 'tool' | 'input'> | null;
}

/** The head's mark for a prompt answered through claude-dm's hook. */
export const HOOK_MARK = ' ⚓ hook';

/** `text` in lines of at most `width` cells (a long command, whole). */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let rest = para;
    while (cells(rest) > width) {
      const cut = truncate(rest, width + 1).replace(/…$/u, '');
      out.push(cut);
      rest = rest.slice(cut.length);
    }
    out.push(rest);
  }
  return out;
}

/** Marks an option that widens the peer's permissions (a digit for it asks first). */
export const WIDENS_MARK = '  (asks first)';

/** At most `height` lines of at most `width` cells. */
export function modalLines(input: ModalViewInput, width: number, height: number): StyledLine[] {
  const parts = modalParts(input.modal);
  const head: StyledLine = [
    { text: `${input.subtype === 'question' ? '❓' : '🔐'} ${parts.header} `, color: 'red', bold: true },
    { text: `(${input.prompt ?? 'modal'})`, dim: true },
    ...(input.request ? [{ text: HOOK_MARK, color: 'green' as const, bold: true }] : []),
  ];
  const style = input.modal.style ?? 'numbered';
  // Numbered: the digit answers. Unnumbered (2.1.332's `❯ No / Yes`): y and n answer, so no digit is shown.
  // The auto-mode dialog: its keys.
  const key = (o: ModalOptionView) => (style === 'numbered' ? o.key : style === 'dialog' ? `${o.key}:` : ' ');
  const optionLine = (o: ModalOptionView): StyledLine => {
    const widens = style === 'numbered' && input.widening?.has(o.key) === true;
    const head = `${o.selected ? '❯' : ' '}${key(o)} `;
    // The mark must show whatever the width: the label gives way to it.
    const room = Math.max(1, width - cells(head) - (widens ? cells(WIDENS_MARK) : 0));
    return [
      { text: o.selected ? '❯' : ' ', color: 'cyan' },
      { text: key(o), color: 'yellow', bold: true },
      { text: ` ${truncate(o.label, room)}` },
      ...(widens ? [{ text: WIDENS_MARK, color: 'yellow' }] : []),
    ];
  };
  const n = parts.options.length;
  let room = height - n;
  const showHead = room >= 1;
  if (showHead) room--;
  const showHint = room >= 1 && input.hint !== '';
  if (showHint) room--;
  const whole = input.request ? requestSubject(input.request) : null;
  const asked = whole !== null ? [input.request!.tool, ...wrap(whole, Math.max(1, width - 2))] : parts.subject;
  const subject = asked.slice(0, Math.max(0, room));
  room -= subject.length;
  const lines: StyledLine[] = [];
  if (showHead) lines.push(head);
  for (const s of subject) lines.push([{ text: `  ${s}` }]);
  for (const o of parts.options) {
    lines.push(optionLine(o));
    if (o.description.length > 0 && o.description.length <= room) {
      for (const d of o.description) lines.push([{ text: `    ${d}`, dim: true }]);
      room -= o.description.length;
    }
  }
  if (showHint) lines.push([{ text: input.hint, dim: true }]);
  // Too short even for the options: keep the options (they come last when cut from the top).
  return lines.slice(-Math.max(0, height)).map((l) => truncateLine(l, width));
}
