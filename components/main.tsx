#!/usr/bin/env node
// claude-dm-tui's entry: settle what Ink and React read when they load, then load the
// dashboard.
// - React's development build costs several times the CPU (bench/dashboard-bench.ts).
// - Ink draws nothing but a last frame when it sees CI=true; on a terminal a person is
//   watching, so it must draw (this is what failed the dashboard's e2e test under CI).
process.env.NODE_ENV ??= 'production';
if (process.stdout.isTTY) {
  for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) if (key in process.env) process.env[key] = '0';
}
await import('./dashboard-main.js');
export {};
