// The lint rules hold the layers: a deliberate violation in each direction is an error,
// and the same file without it is clean. (ESLint runs on the text given, at a real path.)
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/repo-root.js';

// Only the layer rule, and no type information: building the whole program for type-aware
// rules takes a minute on a loaded two-core machine, and the layer rule needs none of it.
const eslint = new ESLint({
  cwd: REPO_ROOT,
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});

async function restricted(path: string, extra: string): Promise<string[]> {
  const text = `${extra}\n${readFileSync(join(REPO_ROOT, path), 'utf8')}`;
  const [result] = await eslint.lintText(text, { filePath: join(REPO_ROOT, path) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint keeps the layers', () => {
  it('the engine importing the CLI fails, and the file as it is passes', async () => {
    expect(await restricted('src/actions/audit.ts', '')).toEqual([]);
    expect(await restricted('src/actions/audit.ts', "import '../cli/context.js';")).toEqual([
      expect.stringMatching(/only the CLI imports src\/cli/),
    ]);
  }, 60_000);

  it('a leaf importing the session, and the engine importing Ink, fail', async () => {
    expect(await restricted('src/classify/screen.ts', "import '../session/session.js';")).toEqual([
      expect.stringMatching(/below src\/session/),
    ]);
    expect(await restricted('src/session/peers.ts', "import 'ink';")).toEqual([expect.stringMatching(/never imports React or Ink/)]);
  }, 60_000);

  it('a component starting a process fails', async () => {
    expect(await restricted('components/Header.tsx', "import 'node:child_process';")).toEqual([
      expect.stringMatching(/never start processes/),
    ]);
  }, 60_000);
});
