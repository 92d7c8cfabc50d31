// What one frame of the dashboard costs (React, Ink's layout and output, no terminal): 100 peers,
// one row changing per frame, at 80x24 and 200x60. Prints figures; asserts nothing.
import { performance } from 'node:perf_hooks';
import { fixed, pct } from './measure.js';
import type { PeerRow } from '../src/watch/peer-row.js';

// As claude-dm-tui runs (components/main.tsx): React's production build, chosen before it loads.
process.env.NODE_ENV ??= 'production';
// The row cache as the dashboard has it (the TUI harness would check every frame against Ink's own, twice the work).
const { frameRows, installFrameRows } = await import('../components/frame-rows.js');
await installFrameRows();
const { setRows } = await import('../src/dashboard/store.js');
const { bashModalRow, renderDashboard, row } = await import('../test/support/tui-harness.js');

const PEERS = Number(process.env.BENCH_PANES ?? 100);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 40);
const tick = () => new Promise<void>((r) => setImmediate(r));

function peers(): PeerRow[] {
  const out: PeerRow[] = [bashModalRow({ address: 'main:0.0', name: 'blocked', waitingSince: Date.now() - 42_000 })];
  for (let i = 1; i < PEERS; i++)
    out.push(
      row({
        state: i % 7 === 0 ? 'busy' : 'idle',
        address: `main:${i}.0`,
        title: `✳ task ${i}`,
        cwd: `/home/me/src/project-${i % 13}`,
        lastWriteAt: Date.now() - i * 17_000,
      }),
    );
  return out;
}

console.log(`one frame of the dashboard, ${PEERS} peers, ${FRAMES} frames each; a row changes each frame`);
for (const size of [
  { columns: 80, rows: 24 },
  { columns: 200, rows: 60 },
]) {
  for (const cached of [false, true]) {
    frameRows.on = cached;
    const rows = peers();
    const h = renderDashboard(rows, {}, undefined, size);
    await h.ready();
    const times: number[] = [];
    for (let i = 0; i < FRAMES; i++) {
      const before = h.rawFrame();
      const k = 1 + (i % 5);
      rows[k] = { ...rows[k]!, state: rows[k]!.state === 'busy' ? 'idle' : 'busy' };
      const t0 = performance.now();
      setRows(h.store, [...rows]);
      while (h.rawFrame() === before) await tick();
      times.push(performance.now() - t0);
    }
    h.unmount();
    const how = cached ? 'rows Ink made before from the cache' : "every row made by Ink's own output";
    console.log(
      `${size.columns}x${size.rows}, ${how}: median ${fixed(pct(times, 50), 1, ' ms')}, p90 ${fixed(pct(times, 90), 1, ' ms')} per frame`,
    );
  }
}
