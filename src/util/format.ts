// How text looks in a terminal: elapsed times, display widths, aligned tables, short paths and titles.
// Shared by the CLI and the dashboard.

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

/** Terminal columns a string takes: emoji and East Asian wide characters count two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfe0f || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200d) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x2600 && cp <= 0x26ff && [0x26aa, 0x26ab, 0x26a1, 0x2614, 0x2615].includes(cp)) ||
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6)
  );
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Left-aligned columns; the last column is not padded. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : padEnd(c, widths[i]!)))
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
