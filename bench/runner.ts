// Runs benches one after another, each in its own node: a bench that crashes, cannot measure a
// figure (it exits 1 after its table) or hangs past its deadline is named at the end, and the ones
// after it still run. `npm run bench` chained them with `&&`, so one failure hid every later figure.
import { spawn } from 'node:child_process';

export interface BenchSpec {
  name: string;
  /** The compiled script to run. */
  file: string;
  nodeArgs?: readonly string[];
}

export interface BenchOutcome {
  name: string;
  ok: boolean;
  /** `exit 1`, `killed by SIGSEGV`, `timed out after 1800 s`; empty when ok. */
  failure: string;
  seconds: number;
}

export interface RunOptions {
  /** A bench still running after this long is stopped (SIGTERM, then SIGKILL) and counted failed. */
  timeoutMs: number;
  /** Where the runner's own lines go (a bench's output goes straight to this process's stdout and stderr). */
  say(line: string): void;
  env?: NodeJS.ProcessEnv;
}

function runOne(spec: BenchSpec, o: RunOptions): Promise<BenchOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.file], { stdio: 'inherit', env: o.env ?? process.env });
    let timedOut = false;
    let hardKill: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      hardKill = setTimeout(() => child.kill('SIGKILL'), 5000);
    }, o.timeoutMs);
    const done = (failure: string) => {
      clearTimeout(timer);
      clearTimeout(hardKill);
      resolve({ name: spec.name, ok: failure === '', failure, seconds: (Date.now() - started) / 1000 });
    };
    child.on('error', (err) => done(`did not start: ${err.message}`));
    child.on('exit', (code, signal) => {
      if (timedOut) done(`timed out after ${Math.round(o.timeoutMs / 1000)} s`);
      else if (signal) done(`killed by ${signal}`);
      else done(code === 0 ? '' : `exit ${code}`);
    });
  });
}

const duration = (s: number) => (s < 60 ? `${s.toFixed(0)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`);

/** Every bench in turn; then one line per bench and which failed. */
export async function runBenches(specs: readonly BenchSpec[], o: RunOptions): Promise<BenchOutcome[]> {
  const outcomes: BenchOutcome[] = [];
  for (const spec of specs) {
    o.say(`\n=== ${spec.name} ===`);
    const r = await runOne(spec, o);
    outcomes.push(r);
    o.say(`=== ${spec.name}: ${r.ok ? 'done' : `FAILED (${r.failure})`} in ${duration(r.seconds)} ===`);
  }
  const failed = outcomes.filter((r) => !r.ok);
  const total = outcomes.reduce((n, r) => n + r.seconds, 0);
  o.say(`\n${outcomes.length - failed.length} of ${outcomes.length} benches ran to their end in ${duration(total)}`);
  for (const r of outcomes) o.say(`  ${r.name.padEnd(22)} ${duration(r.seconds).padStart(12)}  ${r.ok ? 'ok' : `FAILED: ${r.failure}`}`);
  if (failed.length) o.say(`failed: ${failed.map((r) => `${r.name} (${r.failure})`).join(', ')}`);
  return outcomes;
}
