// Reads a captured dashboard screen back into its regions and lists what is wrong with it.
// Pure: the suite asserts the list is empty, and test/tui-terminal/frame-check.test.ts shows
// it catches the breakage seen at 80x24 (a wrapped header, a two-line key bar, glued text).
export interface FrameExpectation {
  rows: number;
  /** Addresses of the peers the roster must show, one row each. */
  peers: string[];
  /** When the roster has rows for only some of them (a short terminal): how many it shows. */
  shown?: number;
  /** The selected peer's address. */
  selected?: string;
  /** When the selected peer is on a modal: its option lines as the pane must show them (`1 Yes`). */
  options?: string[];
}

export interface FrameRegions {
  header: string;
  columnHeader: string;
  peerRows: string[];
  rule: number;
  pane: string[];
  notice: string;
  bar: string;
}

const PEER_ROW = /^[▶ ] (\S+:\d+\.\d+)\*? /u;

export function regions(lines: string[]): FrameRegions {
  const rule = lines.findIndex((l, i) => i > 0 && l.startsWith('── '));
  const end = rule < 0 ? lines.length - 2 : rule;
  return {
    header: lines[0] ?? '',
    columnHeader: lines[1] ?? '',
    peerRows: lines.slice(2, end),
    rule,
    pane: rule < 0 ? [] : lines.slice(rule + 1, lines.length - 2),
    notice: lines.at(-2) ?? '',
    bar: lines.at(-1) ?? '',
  };
}

export function frameProblems(lines: string[], want: FrameExpectation): string[] {
  const problems: string[] = [];
  if (lines.length !== want.rows) problems.push(`${lines.length} rows on screen, the terminal has ${want.rows}`);
  const r = regions(lines);
  if (!/^claude-dm\s+🔴\s?\d+/u.test(r.header)) problems.push(`header is not one line starting "claude-dm 🔴 N": ${JSON.stringify(r.header)}`);
  for (const glyph of ['🔴', '🟠', '🟢', '🔵', '⚫']) {
    if (r.header.split(glyph).length !== 2) problems.push(`header should show ${glyph} once: ${JSON.stringify(r.header)}`);
  }
  if (!/^\s+ADDR\s+STATE\b/.test(r.columnHeader)) problems.push(`line 2 is not the column header: ${JSON.stringify(r.columnHeader)}`);
  if (r.rule < 0) problems.push('no peer pane rule (a line starting "── ")');
  const shown = r.peerRows.map((l) => PEER_ROW.exec(l)?.[1] ?? `(not a peer row: ${JSON.stringify(l)})`);
  const expected = [...want.peers].sort();
  if (want.shown !== undefined) {
    const unknown = shown.filter((a) => !want.peers.includes(a));
    if (shown.length !== want.shown || unknown.length > 0 || new Set(shown).size !== shown.length) {
      problems.push(`roster rows ${JSON.stringify(shown)}, want ${want.shown} different ones of ${JSON.stringify(expected)}`);
    }
  } else if (JSON.stringify([...shown].sort()) !== JSON.stringify(expected)) {
    problems.push(`roster rows ${JSON.stringify(shown)}, want one row each for ${JSON.stringify(expected)}`);
  }
  const selected = r.peerRows.filter((l) => l.startsWith('▶'));
  if (selected.length !== 1) problems.push(`${selected.length} selected rows`);
  else if (want.selected && PEER_ROW.exec(selected[0]!)?.[1] !== want.selected) problems.push(`selected ${selected[0]}, want ${want.selected}`);
  if (!/\bq quit\s*$/.test(r.bar) || !/\? (help|more)\b/.test(r.bar)) problems.push(`key bar is not one line ending "? … q quit": ${JSON.stringify(r.bar)}`);
  const barElsewhere = lines.slice(0, -1).find((l) => /↑↓\S* move|\bq quit\b|\? (help|more)\b/u.test(l));
  if (barElsewhere !== undefined) problems.push(`key bar is not one line: part of it on ${JSON.stringify(barElsewhere)}`);
  if (want.options) {
    const optionLines = r.pane.filter((l) => /^[❯ ]\d /u.test(l)).map((l) => l.slice(1).replace(/  \(asks first\)\s*$/u, '').trimEnd());
    // A label too long for the width ends in `…`: what is shown must be the start of the option.
    const same = optionLines.length === want.options.length && optionLines.every((l, i) => (l.endsWith('…') ? want.options![i]!.startsWith(l.slice(0, -1)) : l === want.options![i]));
    if (!same) problems.push(`modal options ${JSON.stringify(optionLines)}, want ${JSON.stringify(want.options)}`);
  }
  // Nothing after the pane's content: once a blank row comes, every row down to the notice is blank.
  const firstBlank = r.pane.findIndex((l) => l.trim() === '');
  if (firstBlank >= 0) {
    const stray = r.pane.slice(firstBlank).find((l) => l.trim() !== '');
    if (stray !== undefined) problems.push(`text below the pane's content (left over from an earlier frame?): ${JSON.stringify(stray)}`);
  }
  return problems;
}
