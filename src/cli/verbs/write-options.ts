// Options shared by the write verbs, so their help says the same thing everywhere.
import type { OptionSpec } from '../verb.js';

export const FORCE: OptionSpec = {
  type: 'boolean',
  usage: '--force',
  description: 'type even where the gate refuses (busy, drafting, modal); never skips --confirm',
};
