#!/usr/bin/env node
// `list`'s own bundle (dist/claude-dm-list.cjs): the verb a status line runs every few seconds and a conductor
// most often. The full bundle holds every verb, and a call pays to load all of it: ~290 KB of text to read and
// hash, and its code cache to read and make into functions, before a verb runs. This one holds `list` and what it
// calls, ~120 KB: from the bin to the bundle running ~12 → ~8 ms (README, performance, the fifth round). The bin
// (src/cli/cached-start.cjs) runs it when argv's first plain word is `list`; a command line that word does not
// make a plain `list` (`-L list status`, `--via`) it declines, and the bin runs the full bundle instead.
import { runsVerbHere } from './argv.js';
import { startCli } from './cli-process.js';
import { list } from './verbs/list.js';

/** Read by the bin once this has run: true when argv is not this bundle's to run (nothing was done). */
export const declined = !runsVerbHere(process.argv.slice(2), list.name);
if (!declined) void startCli([list]);
