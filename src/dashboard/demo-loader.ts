// The demo (the top-level demo/ of a clone: a fake Anthropic API and real Claude Code peers) is a test
// harness and stays out of the package. claude-dm-tui --demo loads it by path, so nothing in the product
// imports it, and an installed package without it says in one line where the demo runs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DmError } from '../errors.js';
import type { Dashboard, PollingOptions } from './start.js';

/** What demo/entry.ts gives the dashboard. */
export interface DemoEntry {
  /** The dashboard on the demo's own server, its peers started first and stopped last. */
  openDemoDashboard(opts: PollingOptions, log: (line: string) => void): Promise<Dashboard>;
  /** The printed demo (`claude-dm list`, `status`, … on the demo's peers), for a run without a terminal. */
  runPrintedDemo(): Promise<unknown>;
}

export const DEMO_NOT_INSTALLED =
  '--demo runs from a clone of claude-dm, not from an installed package (it needs the fake API and Claude Code): clone the repository, then run `npm ci && npm run demo` there';

/** Where the demo's entry is built: dist/demo/entry.js beside dist/src/dashboard/ (demo/entry.ts beside src/ under vitest). */
export const DEMO_ENTRY = new URL('../../demo/entry.js', import.meta.url);

/** The demo, or a DmError (`not-found`) saying where it runs when this install does not carry it. */
export async function loadDemo(entry: URL = DEMO_ENTRY): Promise<DemoEntry> {
  const path = fileURLToPath(entry);
  // Under vitest the sources are .ts beside where the .js would be built.
  if (!existsSync(path) && !existsSync(path.replace(/\.js$/, '.ts'))) throw new DmError(DEMO_NOT_INSTALLED, 'not-found');
  return ((await import(entry.href)) as { entry: DemoEntry }).entry;
}
