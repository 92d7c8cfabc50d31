// The drift check's report: situation → expected → what claude-dm read → match, one aligned row each.
import type { DriftRow } from './drift-run.js';
import type { ExpectedReading } from './situations.js';

const show = (r: ExpectedReading | null): string => (r ? [r.state, r.subtype, r.prompt].filter(Boolean).join(' ') : '-');

export function driftTable(rows: DriftRow[]): string {
  const cells = [
    ['situation', 'expected', 'claude-dm read', 'match'],
    ...rows.map((r) => [r.name, show(r.expected), r.read ? show(r.read) : 'not raised', r.match ? 'yes' : 'NO']),
  ];
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  return cells
    .map((c) =>
      c
        .map((v, i) => v.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
