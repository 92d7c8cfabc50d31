// The shape of a verb. The table of verbs (verbs/index.ts) feeds dispatch, the
// top-level help and each verb's --help, so they cannot drift apart.
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
