// `npm run bench`: every bench, in this order, through bench/runner.ts; exits 1 when any failed.
// `npm run bench -- hosts-bench watch-bench` runs only those. BENCH_TIMEOUT_S bounds each (default 1800).
import { fileURLToPath } from 'node:url';
import { runBenches, type BenchSpec } from './runner.js';

const BENCHES: ReadonlyArray<{ name: string; nodeArgs?: string[] }> = [
  { name: 'speed-bench' },
  { name: 'list-bench' },
  { name: 'status-line-bench' },
  { name: 'dashboard-bench' },
  { name: 'frame-bench' },
  // --expose-gc: it collects before measuring peek's memory.
  { name: 'scale-bench', nodeArgs: ['--expose-gc'] },
  { name: 'real-vs-synthetic' },
  { name: 'control-mode-bench' },
  { name: 'toctou-bench' },
  { name: 'watch-bench' },
  { name: 'hosts-bench' },
  { name: 'hook-bench' },
];

const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !BENCHES.some((b) => b.name === a));
if (unknown.length) {
  process.stderr.write(`no bench named ${unknown.join(', ')}: the benches are ${BENCHES.map((b) => b.name).join(', ')}\n`);
  process.exit(2);
}
const specs: BenchSpec[] = BENCHES.filter((b) => asked.length === 0 || asked.includes(b.name)).map((b) => ({
  ...b,
  file: fileURLToPath(new URL(`./${b.name}.js`, import.meta.url)),
}));
const outcomes = await runBenches(specs, {
  timeoutMs: Number(process.env.BENCH_TIMEOUT_S ?? 1800) * 1000,
  say: (line) => process.stdout.write(`${line}\n`),
});
if (outcomes.some((r) => !r.ok)) process.exitCode = 1;
