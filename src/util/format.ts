// How text looks in a terminal: elapsed times, display widths, aligned tables, short paths and titles.
// Shared by the CLI and the dashboard; widths are src/util/width.ts's, the dashboard's own count.
import { visibleText } from './visible.js';
import { cells } from './width.js';

/** Compact elapsed time: `17s`, `8m`, `1h21m`, `3d20h`. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${m % 60 ? `${m % 60}m` : ''}`;
  const d = Math.floor(h / 24);
  return `${d}d${h % 24 ? `${h % 24}h` : ''}`;
}

/** The step formatElapsedCoarse moves in under a minute. */
export const ELAPSED_STEP_MS = 10_000;

/**
 * formatElapsed in ELAPSED_STEP_MS steps under a minute. The dashboard's LAST and WAIT columns
 * use it: redrawing 100 rows costs tens of ms, so a column that changes every second right after
 * a turn cost ~3 % of a core at 100 peers; every 10 s it costs a tenth of that.
 */
export function formatElapsedCoarse(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const step = ELAPSED_STEP_MS / 1000;
  return s < 60 ? `${Math.floor(s / step) * step}s` : formatElapsed(ms);
}

const MINUTE_MS = 60_000;

/**
 * The dashboard's age of something that happened `at`, read at `now` (a whole ELAPSED_STEP_MS step): under
 * a minute formatElapsedCoarse's, from a minute on in minutes counted from the clock's last whole minute.
 * Every row's minutes then move at the same instant, once a minute (a frame of 100 rows is ~50 ms of Ink),
 * instead of one row or another at nearly every step; a minute figure lags by under a minute.
 */
export function elapsedLabel(now: number, at: number): string {
  const age = now - at;
  if (age < MINUTE_MS) return formatElapsedCoarse(age);
  return formatElapsed(Math.max(MINUTE_MS, Math.floor(now / MINUTE_MS) * MINUTE_MS - at));
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - cells(text)));
}

/** Left-aligned columns; the last column is not padded. A cell is one line of visible text, measured as printed. */
export function table(header: string[], given: string[][]): string[] {
  const rows = given.map((r) => r.map((c) => visibleText(c, { newlines: 'show' })));
  const widths = header.map((h, i) => Math.max(cells(h), ...rows.map((r) => cells(r[i] ?? ''))));
  const line = (row: string[]) =>
    row
      .map((c, i) => (i === row.length - 1 ? c : padEnd(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function tildePath(path: string, home: string): string {
  return home && (path === home || path.startsWith(`${home}/`)) ? `~${path.slice(home.length)}` : path;
}

/** The pane title without Claude Code's state glyph (the STATE column shows it). */
export function bareTitle(title: string): string {
  return title.replace(/^[✳\u2800-\u28ff]\s*/u, '');
}
