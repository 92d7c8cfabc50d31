// The shape of a verb. The table of verbs (verbs/index.ts, handed to runCli by main.ts) feeds dispatch,
// the top-level help, each verb's --help and how it runs for another host's peers, so they cannot drift
// apart: a new verb is one file and one line in the table.
import type { VerbContext } from './context.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Given more than once (`--host a --host b`): the verb gets every value, in order. */
  multiple?: boolean;
  short?: string;
  /** e.g. `--title T` */
  usage: string;
  description: string;
}

export interface VerbSpec {
  name: string;
  /** One line for the verb list. */
  summary: string;
  /** e.g. `peek <target> [N]` */
  usage: string;
  /** More lines for `claude-dm <verb> --help`. */
  details: string[];
  options: Record<string, OptionSpec>;
  positionals: { min: number; max: number };
  /** Examples for --help. */
  examples: string[];
  /** Why it cannot run through a one-shot command over a transport (`--via`, a HOST: target); absent: it can. */
  viaRefused?: string;
  /** It reaches other hosts itself, through persistent links (`--host`): its targets are never run over there. */
  reachesHosts?: boolean;
  /** Its message may be `-`, read from standard input: here, and carried across to another host. */
  messageFromStdin?: boolean;
  /** It writes to a peer (gates, lock, audit log): run on another host, one audit line here names the host. */
  writes?: boolean;
  /** Runs the verb; returns its exit code. The context's tmux client connects only when a verb calls it (status --explain-file never does). */
  run(ctx: VerbContext, positionals: string[], values: OptionValues, line: CommandLine): Promise<number>;
}

/** The parsed options: a string, a boolean, or every value of an option given more than once (`multiple`). */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** Where the words stood on the command line, for verbs whose positionals mean different things around `--`. */
export interface CommandLine {
  /** How many positionals came before `--` (`ask T1 T2 -- msg`: 2); null when there was no `--`. */
  beforeTerminator: number | null;
}
