// The roster and the header as lines of styled text, sized from their content and the
// terminal's width (pure: the components only draw these).
import type { PeerState } from '../classify/classify.js';
import { stateLabel, STATE_TOKENS } from '../classify/state-token.js';
import { bareTitle, elapsedLabel } from '../util/format.js';
import { cells, fit, fitStart, printable, truncateLine, type StyledLine } from './cells.js';
import type { PeerRow } from '../watch/peer-row.js';
import { TRIAGE_ORDER } from './sort.js';

export interface RosterColumns {
  addr: number;
  state: number;
  compactState: boolean;
  /** 0 when no peer is waiting on a person (the column is left out). */
  wait: number;
  last: number;
  name: number;
  /** 0 when there is no room for it. */
  cwd: number;
  /** The version most peers run: others show theirs beside the name. */
  commonVersion: string | null;
}

const MARK = 2;
const TIME = 5; // `1h21m`, `3d20h`
/** Below this the state column drops the word `modal` (`🔴 permission`). */
export const FULL_STATE_MIN_WIDTH = 100;
/** What TITLE and CWD keep at least before ADDR is cut. */
const MIN_REST = 14;

export function displayName(row: PeerRow): string {
  // A peer that holds or refuses DMs says so first: a message to it will not reach Claude.
  const inbound = row.inbound ? `[${row.inbound === 'hold' ? 'holds DMs' : 'refuses DMs'}] ` : '';
  return `${inbound}${row.name ?? bareTitle(row.title)}`;
}

export function mostCommonVersion(rows: readonly PeerRow[]): string | null {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.version) counts.set(r.version, (counts.get(r.version) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of counts) if (best === null || n > counts.get(best)!) best = v;
  return best;
}

function versionTag(row: PeerRow, common: string | null): string {
  return row.version && common && row.version !== common ? ` v${row.version}` : '';
}

const STALE_MARK = '[stale] ';
const isStale = (row: PeerRow, stale: ReadonlySet<string>) => row.host !== null && stale.has(row.host);

/** `stale`: the hosts whose rows are shown stale (their names get the mark, and room for it). */
export function rosterColumns(rows: readonly PeerRow[], width: number, stale: ReadonlySet<string> = new Set()): RosterColumns {
  const compactState = width < FULL_STATE_MIN_WIDTH;
  const commonVersion = mostCommonVersion(rows);
  const addrWanted = Math.max(4, ...rows.map((r) => cells(r.address) + (r.self ? 1 : 0)));
  const state = Math.max(5, ...rows.map((r) => cells(stateLabel(r, compactState))));
  const wait = rows.some((r) => r.waitingSince !== null) ? TIME : 0;
  const fixed = MARK + 1 + (state + 1) + (wait ? wait + 1 : 0) + (TIME + 1);
  const addr = Math.max(4, Math.min(addrWanted, width - fixed - MIN_REST));
  const rest = Math.max(0, width - fixed - addr);
  const nameWanted = Math.max(
    4,
    ...rows.map((r) => cells(printable((isStale(r, stale) ? STALE_MARK : '') + displayName(r) + versionTag(r, commonVersion)))),
  );
  if (rest < 2 * MIN_REST) return { addr, state, compactState, wait, last: TIME, name: rest, cwd: 0, commonVersion };
  const name = Math.min(nameWanted, Math.max(MIN_REST, Math.ceil(rest * 0.55)));
  return { addr, state, compactState, wait, last: TIME, name, cwd: rest - name - 1, commonVersion };
}

export function rosterHeaderLine(cols: RosterColumns, width: number): StyledLine {
  const text =
    ' '.repeat(MARK) +
    fit('ADDR', cols.addr + 1) +
    fit('STATE', cols.state + 1) +
    (cols.wait ? fit('WAIT', cols.wait + 1) : '') +
    fit('LAST', cols.last + 1) +
    (cols.cwd ? fit('NAME', cols.name + 1) + 'CWD' : 'NAME');
  return truncateLine([{ text, dim: true }], width);
}

export interface RowTimes {
  last: string;
  wait: string;
}

export function rowTimes(row: PeerRow, now: number): RowTimes {
  return {
    last: row.lastWriteAt == null ? '-' : elapsedLabel(now, row.lastWriteAt),
    wait: row.waitingSince == null ? '' : elapsedLabel(now, row.waitingSince),
  };
}

/**
 * One peer's line. `stale`: its host's link is not up, so this is what the host last said: the line is
 * dim and its name says so.
 */
export function rosterLine(
  row: PeerRow,
  cols: RosterColumns,
  selected: boolean,
  times: RowTimes,
  width: number,
  stale = false,
): StyledLine {
  const tag = versionTag(row, cols.commonVersion);
  // Measured as drawn: a name holding a control character is wider shown (`^[`) than its characters count.
  const name = printable(`${stale ? STALE_MARK : ''}${displayName(row)}`);
  const nameText = cells(name + tag) <= cols.name ? name : fit(name, Math.max(1, cols.name - cells(tag)));
  const line: StyledLine = [
    { text: (selected ? '▶ ' : '  ') + fit(`${row.address}${row.self ? '*' : ''}`, cols.addr), inverse: selected },
    { text: ' ' },
    {
      text: fit(stateLabel(row, cols.compactState), cols.state),
      color: STATE_TOKENS[row.state].color,
      bold: row.state === 'modal',
    },
    { text: ' ' },
  ];
  if (cols.wait) line.push({ text: fit(times.wait, cols.wait), color: 'yellow', bold: true }, { text: ' ' });
  line.push({ text: fit(times.last, cols.last), dim: true }, { text: ' ' });
  line.push({ text: nameText });
  if (tag) line.push({ text: tag, color: 'magenta' });
  if (cols.cwd) {
    const used = cells(nameText) + cells(tag);
    line.push({ text: ' '.repeat(Math.max(1, cols.name - used + 1)) }, { text: fitStart(row.cwd, cols.cwd), dim: true });
  }
  return truncateLine(stale ? line.map(({ color: _color, bold: _bold, ...seg }) => ({ ...seg, dim: true })) : line, width);
}

/** A machine in the header: `build up`, or narrow `build✓`; stale says since when (`ci stale 12s`). */
export interface HostMark {
  name: string;
  kind: 'connecting' | 'up' | 'stale' | 'down';
  /** For stale: since when nothing was heard. */
  since?: number;
}

const HOST_MARK: Record<HostMark['kind'], { word: string; glyph: string; color: string }> = {
  up: { word: 'up', glyph: '✓', color: 'green' },
  connecting: { word: 'connecting', glyph: '…', color: 'yellow' },
  stale: { word: 'stale', glyph: '?', color: 'yellow' },
  down: { word: 'down', glyph: '✗', color: 'red' },
};

function hostTokens(hosts: readonly HostMark[], now: number, short: boolean): StyledLine {
  return hosts.flatMap((h, i) => {
    const m = HOST_MARK[h.kind];
    const since = h.kind === 'stale' && h.since !== undefined ? ` ${elapsedLabel(now, h.since)}` : '';
    const text = short ? `${h.name}${m.glyph}` : `${h.name} ${m.word}${since}`;
    return [{ text: i === 0 ? '  ' : short ? ' ' : '  ' }, { text, color: m.color }];
  });
}

/**
 * One line, whatever the width: the name, a count per state (`🔴 2 modal`, or `🔴2` when
 * narrow), each machine's state when there are other hosts (`local up  build up  ci down`, or
 * `local✓ build✓ ci✗`), then as much of sort, filter and socket as fits, right-aligned.
 */
export function headerLine(
  counts: Record<PeerState, number>,
  info: { sort: string; filter: string; socket: string; hosts?: readonly HostMark[]; now?: number },
  width: number,
): StyledLine {
  const title: StyledLine = [{ text: 'claude-dm', bold: true }];
  const full = TRIAGE_ORDER.map((s) => `${STATE_TOKENS[s].glyph} ${counts[s]} ${s}`);
  const short = TRIAGE_ORDER.map((s) => `${STATE_TOKENS[s].glyph}${counts[s]}`);
  const hosts = info.hosts ?? [];
  const now = info.now ?? Date.now();
  // With other machines the socket is this one's only: the hosts' marks say more.
  const right = [`sort: ${info.sort}`, ...(info.filter ? [`filter: ${info.filter}`] : []), ...(hosts.length ? [] : [info.socket])];
  const build = (tokens: string[], gap: string, shortHosts: boolean): StyledLine => [
    ...title,
    ...tokens.flatMap((t, i) => [{ text: gap }, { text: t, color: STATE_TOKENS[TRIAGE_ORDER[i]!].color }]),
    ...hostTokens(hosts, now, shortHosts),
  ];
  const leftCells = (l: StyledLine) => l.reduce((w, s) => w + cells(s.text), 0);
  let left = build(full, '  ', false);
  if (leftCells(left) > width) left = build(short, ' ', false);
  if (leftCells(left) > width) left = build(short, ' ', true);
  let used = leftCells(left);
  // Right side: drop from the end (socket first), keep what fits whole.
  let parts = right;
  while (parts.length > 0 && used + 2 + cells(parts.join('  ')) > width) parts = parts.slice(0, -1);
  if (parts.length === 0) return truncateLine(left, width);
  const text = parts.join('  ');
  used += cells(text);
  return [...left, { text: ' '.repeat(Math.max(2, width - used)) }, { text, dim: true }];
}
