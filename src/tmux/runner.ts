// The one place that starts processes. Everything else takes a Runner, so tests can
// hand in a fake that checks the exact argv, or the real one on a private socket.
// Built on node:child_process rather than execa: importing execa costs ~100 ms, paid
// on every CLI call (measured by bench/list-bench.ts).
import { spawn } from 'node:child_process';
import { closeSync, openSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface RunOptions {
  input?: string | Buffer;
  /**
   * Hand `input` over as a file rather than a pipe. A pipe's end-of-file is sent by our event loop, so a
   * child that reads all its input before it starts (`tmux source-file -`) waits while the caller does
   * synchronous work: `list` walks /proc meanwhile, and its captures ran after the walk instead of beside
   * it (500 panes: ~100 ms). A file is whole at once. Only for input that may touch the disk for a moment
   * (an unlinked 0600 file in the temp folder): a tmux script of captures, never a message's text.
   */
  inputFromFile?: boolean;
  /**
   * Each piece of standard output as it comes, before the process ends (the result still holds all of it):
   * `list` reads the pane list at the head of a script's output while tmux goes on capturing.
   */
  onStdout?: (chunk: Buffer) => void;
  /** Standard error is not read (the result's is ''): one pipe less to make (a tmux script's failed lines). */
  discardStderr?: boolean;
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
      const fromFile = opts.input !== undefined && opts.inputFromFile ? inputFile(opts.input) : null;
      let child: ReturnType<typeof spawn>;
      try {
        child = spawn(file, [...args], {
          env: opts.env ?? process.env,
          stdio: [fromFile ?? (opts.input === undefined ? 'ignore' : 'pipe'), 'pipe', opts.discardStderr ? 'ignore' : 'pipe'],
          ...(opts.timeoutMs ? { timeout: opts.timeoutMs } : {}),
        });
      } finally {
        // The child has its own copy of the descriptor now (or there is no child).
        if (fromFile !== null) closeSync(fromFile);
      }
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      const onStdout = opts.onStdout;
      child.stdout?.on('data', (d: Buffer) => {
        out.push(d);
        onStdout?.(d);
      });
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
      if (opts.input !== undefined && fromFile === null && child.stdin) {
        child.stdin.on('error', () => undefined); // the child may exit before reading it all
        child.stdin.end(opts.input);
      }
    });
  },
};

let inputFiles = 0;

/** `input` in a temporary file already unlinked, open for reading from its start; null when none could be made (then a pipe). */
function inputFile(input: string | Buffer): number | null {
  const path = join(tmpdir(), `claude-dm-input-${process.pid}-${++inputFiles}`);
  try {
    writeFileSync(path, input, { flag: 'wx', mode: 0o600 });
  } catch {
    return null; // an unwritable temp folder, or a file of that name there already: not ours to touch
  }
  try {
    return openSync(path, 'r');
  } catch {
    return null;
  } finally {
    try {
      unlinkSync(path);
    } catch {
      // removed by someone else meanwhile: the open descriptor still reads it
    }
  }
}
