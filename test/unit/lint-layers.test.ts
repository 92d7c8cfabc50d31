// The lint rules are the one guard of the layers (and of import circles): a deliberate violation of each rule is an error,
// in an import, an `export … from` and an `import('…')` call alike, and the same file without it is
// clean. (ESLint runs on the text given, at a real path.)
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/repo-root.js';

const LAYER_RULES = new Set(['no-restricted-imports', 'layers/no-restricted-import-calls']);
const CYCLE_RULE = new Set(['import-x/no-cycle']);
const RULES = new Set([...LAYER_RULES, ...CYCLE_RULE]);
// Only the layer rules, and no type information: building the whole program for type-aware
// rules takes a minute on a loaded two-core machine, and the layer rules need none of it.
const eslint = new ESLint({
  cwd: REPO_ROOT,
  ruleFilter: ({ ruleId }) => RULES.has(ruleId),
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});

/**
 * The layer rules' messages (or `rules`') on the file at `path` with `extra` put first (after a `#!` line); a
 * file that does not parse fails. (An engine file importing the CLI is a circle too: the layer rule says why.)
 */
async function restricted(path: string, extra: string, rules = LAYER_RULES): Promise<string[]> {
  const source = readFileSync(join(REPO_ROOT, path), 'utf8');
  const shebang = /^#!.*\n/.exec(source)?.[0] ?? '';
  const text = `${shebang}${extra}\n${source.slice(shebang.length)}`;
  const [result] = await eslint.lintText(text, { filePath: join(REPO_ROOT, path) });
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages.filter((m) => rules.has(m.ruleId ?? '')).map((m) => m.message);
}

const UI = /never imports React or Ink/;
const COMPONENTS = /never imports components\/ or hooks\//;
const CLI = /only the CLI imports src\/cli/;
const PROCESSES = /never start processes/;
const TMUX = /reach tmux only through the dashboard engine/;
const BELOW = /import only src\/dashboard\/\*\* and src\/errors\.ts/;
const HARNESS = /never imports demo\/, drift\/, bench\/ or test\/: the package does not carry them/;

describe('lint keeps the layers', () => {
  it('the engine importing the CLI fails, and the file as it is passes', async () => {
    expect(await restricted('src/actions/audit.ts', '')).toEqual([]);
    expect(await restricted('src/actions/audit.ts', "import '../cli/context.js';")).toEqual([expect.stringMatching(CLI)]);
  }, 60_000);

  it('a leaf importing the session, and the engine importing Ink, fail', async () => {
    expect(await restricted('src/classify/screen.ts', "import '../session/session.js';")).toEqual([
      expect.stringMatching(/below src\/session/),
    ]);
    expect(await restricted('src/session/peers.ts', "import 'ink';")).toEqual([expect.stringMatching(UI)]);
  }, 60_000);

  it('a component starting a process fails', async () => {
    expect(await restricted('components/Header.tsx', "import 'node:child_process';")).toEqual([expect.stringMatching(PROCESSES)]);
  }, 60_000);

  it.each([
    // Every file under src/ is engine, whatever its folder and however it imports, and so is the clone's
    // harness (demo/, drift/): React, Ink and the front end's components and hooks are refused.
    ['src/watch/observer.ts', "import 'react';", UI],
    ['src/remote/one-shot.ts', "import { render } from 'ink';", UI],
    ['src/dashboard/store.ts', "import type { Key } from 'ink';", UI],
    ['src/dashboard/start.ts', "const ink = await import('ink');", UI],
    ['src/classify/classify.ts', "type Ink = typeof import('ink');", UI],
    ['src/cli/run.ts', "import 'zustand/react';", UI],
    ['drift/main.ts', "import 'ink-testing-library';", UI],
    ['demo/main.ts', "import 'react/jsx-runtime';", UI],
    ['src/version.ts', "export { Box } from 'ink';", UI],
    ['src/dashboard/poller.ts', "import '../../hooks/use-now.js';", COMPONENTS],
    ['src/watch/events.ts', "export * from '../../components/App.js';", COMPONENTS],
    ['src/actions/lock.ts', "await import('../../components/App.js');", COMPONENTS],
    // Components and hooks start no process, watch no file, open no socket and reach tmux only through the engine.
    ['hooks/use-now.ts', "import 'execa';", PROCESSES],
    ['hooks/use-terminal-size.ts', "import { watch } from 'chokidar';", PROCESSES],
    ['components/App.tsx', "import { spawn } from 'child_process';", PROCESSES],
    ['components/Roster.tsx', "const cp = await import('node:child_process');", PROCESSES],
    ['components/PeerPane.tsx', "import 'node:net';", PROCESSES],
    ['components/Header.tsx', "import '../src/tmux/client.js';", TMUX],
    // Components and hooks take the engine's parts only through src/dashboard (for-components.ts).
    ['components/Roster.tsx', "import { ELAPSED_STEP_MS } from '../src/util/format.js';", BELOW],
    ['components/RosterRow.tsx', "import type { PeerRow } from '../src/watch/peer-row.js';", BELOW],
    ['hooks/use-now.ts', "export { visibleText } from '../src/util/visible.js';", BELOW],
    ['components/dashboard-main.tsx', "await import('../src/util/visible.js');", BELOW],
    // The product never imports the clone's harness: the package does not carry it (--demo loads it by path).
    ['components/dashboard-main.tsx', "await import('../demo/main.js');", HARNESS],
    ['components/App.tsx', "import { startTuiDemo } from '../demo/tui-demo.js';", HARNESS],
    ['src/dashboard/start.ts', "const { entry } = await import('../../demo/entry.js');", HARNESS],
    ['src/actions/audit.ts', "import type { FakeRunner } from '../../test/support/fake-runner.js';", HARNESS],
    ['src/cli/run.ts', "export { driftTable } from '../../drift/table.js';", HARNESS],
    ['src/classify/markers.ts', "import '../../bench/scene.js';", HARNESS],
  ])(
    '%s: %s fails',
    async (path, extra, message) => {
      expect(await restricted(path, '')).toEqual([]);
      expect(await restricted(path, extra)).toEqual([expect.stringMatching(message)]);
    },
    60_000,
  );

  // Only the CLI (and the clone's harness above it) imports src/cli: not the engine, the dashboard, components or hooks.
  it.each([
    ['src/dashboard/controller.ts', '../cli/run.js'],
    ['src/watch/observer.ts', '../cli/run.js'],
    ['src/remote/one-shot.ts', '../cli/run.js'],
    ['src/session/session.ts', '../cli/run.js'],
    ['src/peers/discover.ts', '../cli/run.js'],
    ['src/errors.ts', './cli/run.js'],
    ['components/App.tsx', '../src/cli/run.js'],
    ['hooks/use-keymap.ts', '../src/cli/run.js'],
  ])(
    '%s importing %s fails',
    async (path, cli) => {
      expect(await restricted(path, '')).toEqual([]);
      for (const extra of [`import { runCli } from '${cli}';`, `export { runCli } from '${cli}';`, `await import('${cli}');`]) {
        expect(await restricted(path, extra), extra).toEqual([expect.stringMatching(CLI)]);
      }
    },
    60_000,
  );

  it('the printed demo (demo/main.ts), drift and the CLI itself may import src/cli', async () => {
    expect(readFileSync(join(REPO_ROOT, 'demo/main.ts'), 'utf8')).toContain("from '../src/cli/run.js'");
    expect(await restricted('demo/main.ts', '')).toEqual([]);
    expect(await restricted('drift/main.ts', "import '../src/cli/run.js';")).toEqual([]);
    expect(await restricted('src/cli/verbs/list.ts', "import '../run.js';")).toEqual([]);
  }, 60_000);

  it('the engine below the front ends never imports the dashboard', async () => {
    for (const path of ['src/watch/sink.ts', 'src/remote/one-shot.ts', 'src/actions/audit.ts', 'src/cli/run.ts']) {
      expect(await restricted(path, "import '../dashboard/store.js';"), path).toEqual([
        expect.stringMatching(/never imports the dashboard/),
      ]);
    }
  }, 60_000);

  it('an import circle fails, in the engine and in the CLI; the files as they are pass', async () => {
    const circle = (path: string, extra: string) => restricted(path, extra, CYCLE_RULE);
    // screen.ts imports markers.ts: markers.ts importing screen.ts back closes a circle.
    expect(await circle('src/classify/markers.ts', '')).toEqual([]);
    expect(await circle('src/classify/markers.ts', "import { findModal } from './screen.js';")).toEqual([
      expect.stringMatching(/^Dependency cycle/),
    ]);
    // The write verbs print through report.ts: report.ts reaching for the verb table closes one in the CLI.
    expect(await circle('src/cli/report.ts', '')).toEqual([]);
    expect(await circle('src/cli/report.ts', "export { VERBS } from './verbs/index.js';")).toEqual([
      expect.stringMatching(/^Dependency cycle/),
    ]);
  }, 60_000);

  it('components and hooks may import src/dashboard/** and src/errors.ts', async () => {
    expect(await restricted('components/Header.tsx', "import { DmError } from '../src/errors.js';")).toEqual([]);
    expect(await restricted('hooks/use-now.ts', "import '../src/dashboard/keymap/index.js';")).toEqual([]);
  }, 60_000);
});
