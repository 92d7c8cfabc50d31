// The benches' figures when a sample is missing: `n/a (why)` and a miss counted (the bench then
// exits 1), never `undefined.toFixed` (bench/real-vs-synthetic.ts crashed so and hid the benches after it).
import { describe, expect, it } from 'vitest';
import { fixed, median, missingFigures, pct } from '../../bench/measure.js';

describe('bench figures', () => {
  it('a median or percentile of no samples is undefined, not a number', () => {
    expect(median([])).toBeUndefined();
    expect(pct([], 95)).toBeUndefined();
    expect(pct([30, 10, 20], 50)).toBe(20);
    expect(median([3, 1, 2])).toBe(2);
  });

  it('a percentile is the nearest rank: p95 of 20 samples is the 19th, not the largest', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => 20 - i); // 20 … 1, unsorted on purpose
    expect(pct(twenty, 95)).toBe(19);
    expect(pct(twenty, 50)).toBe(10);
    expect(pct(twenty, 100)).toBe(20);
    expect(pct(twenty, 0)).toBe(1);
    expect(pct([7], 95)).toBe(7);
    expect(
      pct(
        Array.from({ length: 40 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(38);
  });

  it('fixed prints a figure with its unit, or n/a with the reason and counts the miss', () => {
    missingFigures.length = 0;
    expect(fixed(12.345, 1, ' ms')).toBe('12.3 ms');
    expect(missingFigures).toEqual([]);
    expect(fixed(pct([], 50), 0, ' ms', 'no modal shown in 5 flips')).toBe('n/a (no modal shown in 5 flips)');
    expect(fixed(Math.max(...[]), 1, ' ms')).toBe('n/a (no samples)');
    expect(missingFigures).toEqual(['no modal shown in 5 flips', 'no samples']);
    missingFigures.length = 0;
  });
});
