// Reads the layout of a Claude Code screen: the input box with its draft and footer,
// the spinner line above it, or the modal that replaces it. Pure: lines in, data out.
import { styledChars, stripAnsi, typedText } from './ansi.js';
import { MARKERS } from './markers.js';
import type { InputBox, Modal, ModalOption, Screen } from './types.js';

export type { InputBox, Modal, ModalOption, Screen } from './types.js';

export function screenFromText(text: string, ansiText?: string): Screen {
  const plain = text.replace(/\n$/, '').split('\n');
  if (ansiText === undefined) return { plain };
  return { plain, ansi: ansiText.replace(/\n$/, '').split('\n') };
}

/** A capture made with -e gives both views at once. */
export function screenFromAnsi(ansiText: string): Screen {
  const ansi = ansiText.replace(/\n$/, '').split('\n');
  return { plain: ansi.map(stripAnsi), ansi };
}

/** A full-width rule; 2.1.332 indents plan approval's rules by two columns. */
export function isRule(line: string): boolean {
  return /^ {0,4}─{10,}\s*$/u.test(line);
}

const OPTION = /^\s*(❯\s+)?(\d+)\.\s+(\S.*?)\s*$/u;

export function findInputBox(screen: Screen): InputBox | null {
  const { plain } = screen;
  let promptRow = -1;
  for (let i = plain.length - 1; i >= 0; i--) {
    if (plain[i]!.startsWith(MARKERS.inputPrompt.pattern)) {
      promptRow = i;
      break;
    }
  }
  if (promptRow < 0) return null;
  let topRuleRow = -1;
  for (let i = promptRow - 1; i >= 0 && i >= promptRow - 3; i--) {
    if (isRule(plain[i]!)) {
      topRuleRow = i;
      break;
    }
  }
  let bottomRuleRow: number | null = null;
  for (let i = promptRow + 1; i < plain.length; i++) {
    if (isRule(plain[i]!)) {
      bottomRuleRow = i;
      break;
    }
  }
  const lastBoxRow = bottomRuleRow === null ? lastNonBlank(plain, promptRow) : bottomRuleRow - 1;
  const draftLines: string[] = [];
  for (let row = promptRow; row <= lastBoxRow; row++) {
    draftLines.push(boxLineText(screen, row, row === promptRow));
  }
  const draft = draftLines.join('\n').replace(/\s+$/u, '');
  const promptChar = screen.ansi ? styledChars(screen.ansi[promptRow] ?? '')[0] : undefined;
  return {
    promptRow,
    topRuleRow,
    bottomRuleRow,
    draft,
    promptGrey: promptChar?.fg === MARKERS.busyGrey.pattern,
    footer: bottomRuleRow === null ? '' : (plain[bottomRuleRow + 1] ?? '').trim(),
  };
}

function boxLineText(screen: Screen, row: number, isPromptRow: boolean): string {
  const prefix = isPromptRow ? 2 : 0;
  const ansiLine = screen.ansi?.[row];
  if (ansiLine !== undefined) {
    let chars = styledChars(ansiLine).slice(prefix);
    if (!isPromptRow) chars = dropIndent(chars);
    return typedText(chars);
  }
  let text = (screen.plain[row] ?? '').slice(prefix).replace(/\s+$/u, '');
  if (!isPromptRow) text = text.replace(/^ {2}/u, '');
  // Without colours, a placeholder Claude Code draws dim in an empty box is told by its words.
  return MARKERS.plainPlaceholders.some((p) => p.pattern.test(text)) ? '' : text;
}

function dropIndent<T extends { ch: string }>(chars: T[]): T[] {
  let n = 0;
  while (n < 2 && chars[n]?.ch === ' ') n++;
  return chars.slice(n);
}

function lastNonBlank(lines: string[], from: number): number {
  let last = from;
  for (let i = from; i < lines.length; i++) if (lines[i]!.trim() !== '') last = i;
  return last;
}

/**
 * The spinner line of a busy peer: the first line at column 0 above the box's top rule
 * (indented lines are tips, tool output, queued messages and progress bars).
 */
export function spinnerLine(screen: Screen, box: InputBox): string | null {
  const start = box.topRuleRow >= 0 ? box.topRuleRow : box.promptRow;
  for (let i = start - 1; i >= 0; i--) {
    const line = screen.plain[i]!;
    if (line.trim() === '' || /^\s/u.test(line)) continue;
    return isSpinnerLine(line) ? line.trim() : null;
  }
  return null;
}

export function isSpinnerLine(line: string): boolean {
  return MARKERS.spinnerLine.pattern.test(line) || MARKERS.retryLine.pattern.test(line);
}

/**
 * The options of a modal: numbered ones first (read upward from the last one, so that numbered lists
 * inside the modal's body, such as a plan's steps, are not taken for options), else an unnumbered
 * cursor list, else the auto-mode dialog.
 */
export function findModal(screen: Screen): Modal | null {
  return numberedModal(screen.plain) ?? cursorModal(screen.plain) ?? autoModeDialog(screen.plain);
}

function numberedModal(plain: string[]): Modal | null {
  let row = plain.length - 1;
  while (row >= 0 && !OPTION.test(plain[row]!)) row--;
  if (row < 0) return null;
  const found: { row: number; option: ModalOption }[] = [];
  let expect = Number(OPTION.exec(plain[row]!)![2]);
  for (let i = row; i >= 0 && expect >= 1; i--) {
    const m = OPTION.exec(plain[i]!);
    if (!m) continue;
    if (Number(m[2]) !== expect) break;
    found.unshift({ row: i, option: { key: m[2]!, label: m[3]!, selected: m[1] !== undefined } });
    expect--;
  }
  if (found.length < 2 || expect !== 0) return null;
  for (const [i, f] of found.entries()) {
    const labelColumn = plain[f.row]!.indexOf(f.option.label);
    const detail = optionDetail(plain, f.row + 1, found[i + 1]?.row ?? plain.length, labelColumn);
    if (detail) f.option.detail = detail;
  }
  return modalFrom(
    plain,
    found[0]!.row,
    found.map((f) => f.option),
    'numbered',
  );
}

// 2.1.332's auto-mode prompt: ` ❯ No` / `   Yes` — a cursor (❯ and an ordinary space) on one of two
// or more lines whose labels start in one column, below the modal's top rule and with no rule under it
// (scrollback prompts `❯ text` sit above a rule, and their neighbours are `●`/`⎿` lines).
const CURSOR = /^(\s*)❯ (\S.*?)\s*$/u;

function cursorModal(plain: string[]): Modal | null {
  let row = plain.length - 1;
  while (row >= 0 && !CURSOR.test(plain[row]!)) row--;
  if (row < 0) return null;
  if (plain.slice(row + 1).some(isRule)) return null;
  const column = CURSOR.exec(plain[row]!)![1]!.length + 2;
  const isSibling = (line: string) => line.length > column && line.slice(0, column).trim() === '' && !/^[\s⎿●✻]/u.test(line.slice(column));
  let first = row;
  while (first > 0 && isSibling(plain[first - 1]!)) first--;
  let last = row;
  while (last < plain.length - 1 && isSibling(plain[last + 1]!)) last++;
  if (last === first) return null;
  const options: ModalOption[] = [];
  for (let i = first; i <= last; i++) {
    options.push({ key: String(options.length + 1), label: plain[i]!.slice(column).trim(), selected: i === row });
  }
  const modal = modalFrom(plain, first, options, 'cursor');
  return modal.lines.length > options.length ? modal : null;
}

// The auto-mode dialog (2.1.332) has no options to read: Enter stays in auto mode, shift+Tab leaves
// for accept-edits mode (wider permissions), Esc cancels. Only Enter and Esc are offered.
function autoModeDialog(plain: string[]): Modal | null {
  const row = plain.findLastIndex((l) => MARKERS.autoModeDialog.pattern.test(l));
  if (row < 0) return null;
  const options: ModalOption[] = [
    { key: 'Enter', label: 'Stay in auto mode (approve each action yourself)', selected: true },
    { key: 'Escape', label: 'Cancel', selected: false },
  ];
  return modalFrom(plain, row, options, 'dialog');
}

function modalFrom(plain: string[], firstOptionRow: number, options: ModalOption[], style: Modal['style']): Modal {
  const top = modalTop(plain, firstOptionRow);
  const lines = plain
    .slice(top, plain.length)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !isRule(l));
  return { options, style, header: lines[0] ?? '', lines };
}

/** Lines between two options indented at least to the label's column, joined. */
function optionDetail(plain: string[], from: number, to: number, labelColumn: number): string {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const line = plain[i]!;
    if (line.trim() === '' || isRule(line)) break;
    if (line.length - line.trimStart().length < labelColumn) break;
    out.push(line.trim());
  }
  return out.join(' ');
}

// Walks up from the first option to the highest rule that still belongs to the modal:
// scrollback (`● …`, `✻ …`, `❯ prompt`, `  ⎿ …`) marks where the conversation above ends.
function modalTop(plain: string[], firstOptionRow: number): number {
  let top = firstOptionRow;
  for (let i = firstOptionRow - 1; i >= 0; i--) {
    const line = plain[i]!;
    if (/^(●|✻|❯ (?!\d+\.))|^\s+⎿/u.test(line)) break;
    if (isRule(line)) top = i + 1;
  }
  return top;
}

/** What the modal asks, minus its options and key hints: the tool and its command, file or URL. */
export function modalSubject(modal: Modal): string[] {
  const labels = new Set(modal.options.map((o) => o.label));
  return modal.lines.filter(
    (l) => !/^(❯\s*)?\d+\.\s/u.test(l) && !labels.has(l.replace(/^❯\s*/u, '')) && !MARKERS.modalKeyHints.pattern.test(l),
  );
}
