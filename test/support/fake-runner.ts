// A Runner that checks the exact argv it is given and answers from a script.
import type { RunOptions, RunResult, Runner } from '../../src/tmux/runner.js';

export interface Expectation {
  args: readonly string[];
  result: Partial<RunResult>;
}

export class FakeRunner implements Runner {
  readonly calls: { file: string; args: string[]; opts?: RunOptions }[] = [];
  constructor(private readonly script: Expectation[] = []) {}

  async run(file: string, args: readonly string[], opts?: RunOptions): Promise<RunResult> {
    this.calls.push({ file, args: [...args], ...(opts ? { opts } : {}) });
    const next = this.script.shift();
    if (!next) throw new Error(`unexpected call: ${file} ${args.join(' ')}`);
    if (JSON.stringify(next.args) !== JSON.stringify(args)) {
      throw new Error(`argv mismatch:\n  want ${JSON.stringify(next.args)}\n  got  ${JSON.stringify(args)}`);
    }
    return { stdout: '', stderr: '', exitCode: 0, ...next.result };
  }
}
