// The one place that starts processes. Everything else takes a Runner, so tests can
// hand in a fake that checks the exact argv, or the real one on a private socket.
// Built on node:child_process rather than execa: importing execa costs ~100 ms, paid
// on every CLI call (measured by bench/list-bench.ts).
import { spawn } from 'node:child_process';

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface RunOptions {
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export interface Runner {
  run(file: string, args: readonly string[], opts?: RunOptions): Promise<RunResult>;
  /**
   * Each call starts a process (~10 ms of fork here): many tmux commands are then worth sending as one
   * script (capture-many.ts). Not so for a runner that keeps one tmux client (control.ts), or a fake.
   */
  readonly startsProcesses?: boolean;
}

export const processRunner: Runner = {
  startsProcesses: true,
  run(file, args, opts = {}) {
    return new Promise((resolve) => {
      const child = spawn(file, [...args], {
        env: opts.env ?? process.env,
        stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        ...(opts.timeoutMs ? { timeout: opts.timeoutMs } : {}),
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout?.on('data', (d: Buffer) => out.push(d));
      child.stderr?.on('data', (d: Buffer) => err.push(d));
      let spawnError: NodeJS.ErrnoException | null = null;
      child.on('error', (e: NodeJS.ErrnoException) => {
        spawnError = e;
      });
      child.on('close', (code) => {
        if (spawnError?.code === 'ENOENT') {
          resolve({ stdout: '', stderr: `${file}: command not found`, exitCode: 127 });
          return;
        }
        resolve({
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8') || (spawnError ? spawnError.message : ''),
          exitCode: code ?? 1,
        });
      });
      if (opts.input !== undefined && child.stdin) {
        child.stdin.on('error', () => undefined); // the child may exit before reading it all
        child.stdin.end(opts.input);
      }
    });
  },
};
