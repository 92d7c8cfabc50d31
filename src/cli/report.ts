// How a write verb reports its WriteResult: one line (stdout on success, stderr otherwise)
// or one JSON object. The engine returns results; only the CLI prints them.
import { writeReport } from '../actions/write-report.js';
import type { WriteResult } from '../actions/write.js';
import type { VerbContext } from './context.js';
import { exitForWrite } from './exit-codes.js';

/** How a write verb reports: one line (stdout on success, stderr otherwise) or one JSON object. */
export function reportWrite(ctx: VerbContext, r: WriteResult, successLine: string): number {
  if (ctx.json) ctx.io.out(JSON.stringify(writeReport(r)));
  else if (r.ok) ctx.io.out(successLine);
  else ctx.io.err(`claude-dm: ${r.peer.pane.address}: ${r.detail}`);
  return exitForWrite(r);
}
