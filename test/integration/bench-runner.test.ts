// npm run bench's runner (bench/runner.ts): every bench runs even when one before it crashed or hung,
// and the end names which failed. Plain node scripts stand in for the benches.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runBenches, type BenchSpec } from '../../bench/runner.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdm-bench-runner-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const script = (name: string, body: string): BenchSpec => {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, body);
  return { name, file };
};

it('runs every bench in turn past a crash and a hang, and lists the failed ones at the end', async () => {
  const ranLast = join(dir, 'last-ran');
  const specs = [
    script('crashes', 'undefined.toFixed(0);\n'),
    script('hangs', 'setInterval(() => {}, 1000);\n'),
    script('unmeasured', 'process.exitCode = 1;\n'),
    script('fine', `import('node:fs').then((fs) => fs.writeFileSync(${JSON.stringify(ranLast)}, 'x'));\n`),
  ];
  const said: string[] = [];
  // The hang is cut at this deadline; the crash and the miss fail on their own (each well within it on a busy machine).
  const outcomes = await runBenches(specs, { timeoutMs: 8000, say: (l) => said.push(l) });

  expect(outcomes.map((o) => [o.name, o.ok, o.failure])).toEqual([
    ['crashes', false, 'exit 1'],
    ['hangs', false, 'timed out after 8 s'],
    ['unmeasured', false, 'exit 1'],
    ['fine', true, ''],
  ]);
  expect(existsSync(ranLast)).toBe(true);
  expect(said).toContainEqual(expect.stringMatching(/^\n1 of 4 benches ran to their end in \d+ s$/u));
  expect(said.at(-1)).toBe('failed: crashes (exit 1), hangs (timed out after 8 s), unmeasured (exit 1)');
}, 30_000);
