import { DmError, type CommandFailure } from '../../errors.js';
import { runAgent } from '../../remote/agent.js';
import type { VerbSpec } from '../verb.js';

export const serve: VerbSpec = {
  name: 'serve',
  summary: "a host's agent for another machine's roster, spoken to on standard input and output",
  usage: 'serve --stdio',
  details: [
    "Run by claude-dm itself, over a host's transport, for --host and the dashboard across machines: not for",
    "people. It streams what this machine's peers do (JSON lines: a hello, the roster and watch events as they",
    'change, a beat while nothing does) and runs the claude-dm command lines it is sent here, through this',
    "host's own gates, lock and audit log, each request id at most once. It listens on nothing: the transport",
    'that started it is the only way in. It ends when its standard input closes.',
  ],
  options: { stdio: { type: 'boolean', usage: '--stdio', description: 'speak on standard input and output (the only way)' } },
  positionals: { min: 0, max: 0 },
  examples: ["ssh build-box 'node ~/.cache/claude-dm/claude-dm-<hash>.mjs serve --stdio'"],
  viaRefused: 'serve is the agent claude-dm itself starts over a transport (--host, the dashboard across hosts)',
  reachesHosts: true,
  async run(ctx, _pos, values) {
    if (values.stdio !== true) throw new DmError('serve speaks only on standard input and output: claude-dm serve --stdio');
    // Each call is a claude-dm command line, run here by this CLI (its own verbs, gates, lock and audit log).
    return runAgent({
      session: ctx,
      output: ctx.io,
      input: ctx.stdinStream(),
      exec: async (argv, stdin) => {
        const stdout: string[] = [];
        const stderr: string[] = [];
        let failure: CommandFailure | undefined;
        const io = { out: (l: string) => stdout.push(l), err: (l: string) => stderr.push(l) };
        const code = await ctx.subcommand(argv, io, stdin, (f) => (failure = f));
        return { code, stdout, stderr, ...(failure ? { failure } : {}) };
      },
    });
  },
};
