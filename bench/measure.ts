// What every benchmark here needs: a pause, a median, a percentile, a process's CPU time
// from /proc, and when a peer's state last changed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { statFields } from '../src/peers/proc.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Milliseconds `fn` took. */
export function timeOnce(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}
/** undefined when there is no sample: a figure is then printed as `n/a (why)` by `fixed`, never as a crash. */
export const median = (xs: readonly number[]): number | undefined => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/**
 * The nearest-rank percentile: the smallest sample with at least p % of the samples at or below it. Of 20
 * samples, p95 is the 19th (it was the index floor(n·p/100), the 20th: every "p95" of 20 flips was their maximum).
 */
export const pct = (xs: readonly number[], p: number): number | undefined =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((xs.length * p) / 100) - 1))];

/** Figures that had no sample, with why, as `fixed` printed them: a bench ends non-zero when there is one. */
export const missingFigures: string[] = [];

/**
 * `x` with `digits` decimals and its unit, or `n/a (why)` when it could not be measured (no
 * sample, or a ratio of one that is missing); each miss is kept in `missingFigures`.
 */
export function fixed(x: number | undefined, digits: number, unit = '', why = 'no samples'): string {
  if (x === undefined || !Number.isFinite(x)) {
    missingFigures.push(why);
    return `n/a (${why})`;
  }
  return `${x.toFixed(digits)}${unit}`;
}

/**
 * At the end of a bench: exit code 1 when a figure could not be measured (it printed `n/a`), with
 * one line saying which; the table was printed whole before.
 */
export function endBench(name: string): void {
  if (missingFigures.length === 0) return;
  process.stderr.write(`${name}: ${missingFigures.length} figure(s) not measured: ${[...new Set(missingFigures)].join('; ')}\n`);
  process.exitCode = 1;
}
/** /proc reports CPU time in ticks of 1/100 s. */
export const CLK_TCK = 100;

/** The machine's CPU ticks so far, all cores: busy and in all (/proc/stat's first line). */
function machineTicks(): { busy: number; all: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/u).slice(1).map(Number);
  const all = f.slice(0, 8).reduce((a, b) => a + b, 0); // user … steal (guest time is inside user)
  return { busy: all - f[3]! - f[4]!, all };
}

/**
 * Waits, at least `minMs`, until the machine is quiet: a second in which its cores were busy less than
 * `busyShare` of the time (what a scene just started, or another program, leaves running). Gives up at
 * `maxMs`: the wait, and whether it ended quiet, for the bench to print beside its figures.
 */
export async function settle(minMs: number, maxMs = 30_000, busyShare = 0.15): Promise<{ waitedMs: number; quiet: boolean }> {
  const start = performance.now();
  await sleep(minMs);
  for (;;) {
    const a = machineTicks();
    await sleep(1000);
    const b = machineTicks();
    const waitedMs = performance.now() - start;
    if (b.all > a.all && (b.busy - a.busy) / (b.all - a.all) < busyShare) return { waitedMs, quiet: true };
    if (waitedMs >= maxMs) return { waitedMs, quiet: false };
  }
}

/**
 * utime + stime of a process, in ticks; with `waited`, plus the time of the children it has
 * waited for (each tmux it started and saw exit).
 */
export function cpuTicks(pid: number | 'self', waited = false): number {
  const f = statFields(pid === 'self' ? process.pid : pid);
  if (!f) throw new Error(`process ${pid} is gone`);
  return Number(f[11]) + Number(f[12]) + (waited ? Number(f[13]) + Number(f[14]) : 0);
}

/**
 * When a peer (real or synthetic) last wrote its sessions record, in ms since epoch: the
 * moment its state changed, from which the dashboard's latency is measured.
 */
export function sessionsWrittenAt(configDir: string): number {
  const dir = join(configDir, 'sessions');
  return Math.max(0, ...readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs));
}
