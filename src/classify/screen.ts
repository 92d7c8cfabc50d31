// Reads the layout of a Claude Code screen: the input box with its draft and footer,
// the spinner line above it, or the modal that replaces it. Pure: lines in, data out.
import { styledChars, stripAnsi, typedText } from './ansi.js';

export interface Screen {
  /** capture-pane -p lines (plain text). */
  plain: string[];
  /** capture-pane -p -e lines, same rows as plain; absent when only text was saved. */
  ansi?: string[];
}

export interface InputBox {
  promptRow: number;
  topRuleRow: number;
  bottomRuleRow: number | null;
  /** What a person typed, placeholders and ghost suggestions removed; '' when empty. */
  draft: string;
  /** The ❯ glyph is drawn in the busy grey (38;5;246 in 2.1.x). */
  promptGrey: boolean;
  footer: string;
}

export interface ModalOption {
  key: string;
  label: string;
  selected: boolean;
}

export interface Modal {
  options: ModalOption[];
  /** First line of the modal (e.g. `Bash command`, `☐ Colour`, `Ready to code?`). */
  header: string;
  /** The modal's lines, trimmed, blank lines dropped: what it asks. */
  lines: string[];
}

export const INPUT_PROMPT = '❯\u00a0';
const BUSY_GREY = '38;5;246';

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

export function isRule(line: string): boolean {
  return /^─{10,}\s*$/u.test(line);
}

const OPTION = /^\s*(❯\s+)?(\d+)\.\s+(\S.*?)\s*$/u;

export function findInputBox(screen: Screen): InputBox | null {
  const { plain } = screen;
  let promptRow = -1;
  for (let i = plain.length - 1; i >= 0; i--) {
    if (plain[i]!.startsWith(INPUT_PROMPT)) {
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
    promptGrey: promptChar?.fg === BUSY_GREY,
    footer: bottomRuleRow === null ? '' : (plain[bottomRuleRow + 1] ?? '').trim(),
  };
}

// Placeholders Claude Code draws dim in an empty box; used only when no colours were captured.
const PLAIN_PLACEHOLDERS = [/^Press up to edit queued messages$/u, /^Try "[^"]*"$/u];

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
  return PLAIN_PLACEHOLDERS.some((p) => p.test(text)) ? '' : text;
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
  // `✢ Propagating… (2s · ↓ 15 tokens)` is busy; `✻ Worked for 1m 52s` (no ellipsis) is done.
  return /^[·✢*✶✻✽✳]\s+\S.*…/u.test(line) || /Retrying in \d+s/u.test(line);
}

/**
 * The numbered options of a modal, read upward from the last one so that numbered
 * lists inside the modal's body (a plan's steps) are not taken for options.
 */
export function findModal(screen: Screen): Modal | null {
  const { plain } = screen;
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
  const top = modalTop(plain, found[0]!.row);
  const lines = plain.slice(top, plain.length).map((l) => l.trim()).filter((l) => l !== '' && !isRule(l));
  return { options: found.map((f) => f.option), header: lines[0] ?? '', lines };
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
