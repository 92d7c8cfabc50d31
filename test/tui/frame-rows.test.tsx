// The dashboard's row cache (components/frame-rows.ts) against Ink's own output: the same frame, byte for
// byte, from hand-made writes that Ink places in each of its ways, and from the dashboard itself.
import { afterEach, describe, expect, it } from 'vitest';
import { cachedFrame, frameRowStats, inkOutputClass, inkOwnGet, type InkOutput, type InkOutputClass } from '../../components/frame-rows.js';
import { bashModalRow, renderDashboard, row, rowMismatches } from '../support/tui-harness.js';
import { setRows } from '../../src/dashboard/store.js';

const ESC = '\x1b';
const green = (s: string) => `${ESC}[32m${s}${ESC}[39m`;
const inverse = (s: string) => `${ESC}[7m${s}${ESC}[27m`;
const upper = (line: string) => line.toUpperCase();
const numbered = (line: string, index: number) => `${index}:${line}`;

/** A frame of `ops` made through the cache (installed by the harness; null: left to Ink) and by Ink alone. */
function bothWays(Output: InkOutputClass, width: number, height: number, ops: (o: InkOutput) => void) {
  const make = () => {
    const o = new Output({ width, height });
    ops(o);
    return o;
  };
  return { ours: cachedFrame(make()), ink: inkOwnGet(make()).output };
}

const cases: Array<[string, number, number, (o: InkOutput) => void]> = [
  [
    'one styled text per row, shorter and longer than the width',
    10,
    3,
    (o) => {
      o.write(0, 0, green('●') + ' idle', { transformers: [] });
      o.write(0, 1, 'a row far wider than ten columns', { transformers: [] });
    },
  ],
  [
    'wide and combined characters, styled trailing spaces',
    20,
    3,
    (o) => {
      o.write(0, 0, `🟢 ${inverse('漢字 selected   ')}`, { transformers: [] });
      o.write(0, 2, 'e\u0301 ✳ task 👩‍💻', { transformers: [] });
    },
  ],
  [
    'a text of several lines through transformers that read the line index',
    12,
    4,
    (o) => {
      o.write(0, 1, 'one\ntwo\nthree', { transformers: [upper, numbered] });
    },
  ],
  [
    'lines past the bottom and a write above the top are dropped as Ink drops them',
    8,
    2,
    (o) => {
      o.write(0, 1, 'last\ngone\ngone too', { transformers: [] });
      o.write(0, -1, 'above\nfirst?', { transformers: [] });
    },
  ],
  [
    'two texts in one row, side by side and overlapping',
    16,
    2,
    (o) => {
      o.write(0, 0, green('❯ '), { transformers: [] });
      o.write(2, 0, '/clear', { transformers: [] });
      o.write(0, 1, 'xxxxxxxx', { transformers: [] });
      o.write(3, 1, inverse('ab'), { transformers: [] });
    },
  ],
  [
    'the same text from the first column and from the fourth',
    10,
    2,
    (o) => {
      o.write(0, 0, green('same'), { transformers: [] });
      o.write(3, 1, green('same'), { transformers: [] });
    },
  ],
];

describe('the row cache against Ink', () => {
  afterEach(() => {
    rowMismatches.length = 0;
  });

  it.each(cases)('%s', async (_what, width, height, ops) => {
    const Output = (await inkOutputClass())!;
    // Twice: the first made by Ink on a row of its own, the second from the cache.
    for (let i = 0; i < 2; i++) {
      const { ours, ink } = bothWays(Output, width, height, ops);
      expect(ours).toBe(ink);
    }
  });

  it('leaves a frame with a clipping box to Ink whole', async () => {
    const Output = (await inkOutputClass())!;
    const { ours, ink } = bothWays(Output, 10, 2, (o) => {
      o.clip({ x1: 0, x2: 4, y1: 0, y2: 1 });
      o.write(0, 0, 'clipped text', { transformers: [] });
      o.unclip();
      o.write(0, 1, 'free', { transformers: [] });
    });
    expect(ours).toBeNull();
    expect(ink).toBe('clip\nfree');
  });

  it('leaves a frame to Ink whole when a transformer puts a line break in a line', async () => {
    const Output = (await inkOutputClass())!;
    const { ours } = bothWays(Output, 10, 3, (o) => o.write(0, 0, 'ab', { transformers: [(line) => line.replace('a', 'a\n')] }));
    expect(ours).toBeNull();
  });

  it('finds no Output in an Ink that does not have it where 6.8 has it, or where another class sits', async () => {
    expect(await inkOutputClass('no-such-output.js')).toBeNull();
    // Ink's entry is a module, but its default export is no Output.
    expect(await inkOutputClass('index.js')).toBeNull();
    expect(await inkOutputClass()).not.toBeNull();
  });

  it('serves the rows of a dashboard from the cache, byte for byte as Ink makes them', async () => {
    const rows = [bashModalRow({ address: 'main:0.0', name: 'blocked' })];
    for (let i = 1; i < 40; i++)
      rows.push(row({ state: i % 5 === 0 ? 'busy' : 'idle', address: `main:${i}.0`, title: `✳ 任务 ${i}`, cwd: `/home/me/p${i % 7}` }));
    const h = renderDashboard(rows, {}, undefined, { columns: 120, rows: 40 });
    try {
      await h.ready();
      const before = { ...frameRowStats };
      rows[1] = { ...rows[1]!, title: '✳ renamed' };
      setRows(h.store, [...rows]);
      await h.waitForFrame((f) => /main:1\.0 .* renamed/.test(f), 'the first idle peer renamed');
      // Most rows of the new frame came from the cache; only the changed ones were made.
      expect(frameRowStats.cached - before.cached).toBeGreaterThan(20);
      expect(frameRowStats.made - before.made).toBeLessThan(5);
      h.resize(60, 15);
      await h.waitForFrame((f) => f.split('\n').length === 15, 'the frame at 60x15');
      expect(rowMismatches).toEqual([]);
    } finally {
      h.unmount(); // throws when a frame differed from Ink's
    }
  });
});
