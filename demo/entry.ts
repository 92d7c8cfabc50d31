// What claude-dm-tui --demo loads by path (src/dashboard/demo-loader.ts): the demo's dashboard, and the
// printed demo for a run without a terminal. Typed by the loader's DemoEntry, so the two cannot drift apart.
import type { DemoEntry } from '../src/dashboard/demo-loader.js';
import { openDemoDashboard } from './dashboard.js';

export const entry: DemoEntry = {
  openDemoDashboard,
  // main.ts runs the printed demo as it loads, and exits when it is done.
  runPrintedDemo: () => import('./main.js'),
};
