// The peer pane's text: a title rule, then the selected peer's transcript (its last lines
// that fit) or its modal. Pure, so that sizes can be tested without a terminal.
import { cells, truncateLine, wrapCells, type StyledLine } from './cells.js';
import type { TextBlock } from '../transcript/records.js';

/** Split blocks into display lines of at most `width` cells and keep the last `count`. */
export function lastLines(blocks: readonly Pick<TextBlock, 'role' | 'text' | 'dm'>[], width: number, count: number): string[] {
  if (count <= 0) return [];
  const lines: string[] = [];
  for (const b of blocks) {
    // A DM through the peer inbox is marked: the peer's human did not type it.
    const mark = b.dm ? '✉ DM ' : b.role === 'user' ? '❯ ' : '● ';
    b.text.split('\n').forEach((line, i) => {
      lines.push(...wrapCells((i === 0 ? mark : '  ') + line, Math.max(10, width)));
    });
  }
  return lines.slice(-count);
}

/** `── peek · main:2.0 · ~/work ─────…`, exactly `width` cells. */
export function paneRule(parts: string[], width: number): StyledLine {
  const text = `── ${parts.filter(Boolean).join(' · ')} `;
  const line = truncateLine([{ text, dim: true }], width);
  const used = cells(line.map((s) => s.text).join(''));
  return [...line, { text: '─'.repeat(Math.max(0, width - used)), dim: true }];
}
