// Timestamps of the dashboard's steps (a watcher event, a tick, a frame, a paint), appended to
// $CLAUDE_DM_TUI_TRACE when it is set, for bench/profile-dashboard.ts to line up with the moment
// a sessions record changed. Does nothing otherwise.
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const file = process.env.CLAUDE_DM_TUI_TRACE;

export function trace(event: string): void {
  if (!file) return;
  try {
    appendFileSync(file, `${(performance.timeOrigin + performance.now()).toFixed(1)} ${event}\n`);
  } catch {
    // a benchmark's file: never the dashboard's problem
  }
}
