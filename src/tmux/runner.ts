// The one place that starts processes. Everything else takes a Runner, so tests can
// hand in a fake that checks the exact argv, or the real one on a private socket.
import { execa } from 'execa';

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
}

export const execaRunner: Runner = {
  async run(file, args, opts = {}) {
    const r = await execa(file, [...args], {
      reject: false,
      stripFinalNewline: false,
      ...(opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' as const }),
      ...(opts.env ? { env: opts.env, extendEnv: false } : {}),
      ...(opts.timeoutMs ? { timeout: opts.timeoutMs } : {}),
    });
    if (r.exitCode === undefined && (r as { code?: string }).code === 'ENOENT') {
      return { stdout: '', stderr: `${file}: command not found`, exitCode: 127 };
    }
    return { stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), exitCode: r.exitCode ?? 1 };
  },
};
