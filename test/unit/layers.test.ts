// The layers you can see: src/ is the engine and never imports React or Ink; the
// components and hooks never start processes or watch files themselves.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/repo-root.js';

function sources(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2]!,
  );
}

describe('layers', () => {
  it('src/ never imports React, Ink, components/ or hooks/', () => {
    const bad = sources('src').flatMap((f) =>
      imports(f)
        .filter((i) => /^(react|ink|ink-.*|zustand\/react)$/.test(i) || /\/(components|hooks)\//.test(i))
        .map((i) => `${relative(REPO_ROOT, f)}: ${i}`),
    );
    expect(bad).toEqual([]);
  });

  it('components/ and hooks/ never import execa, chokidar or child_process', () => {
    const bad = [...sources('components'), ...sources('hooks')].flatMap((f) =>
      imports(f)
        .filter((i) => /^(execa|chokidar|node:child_process|child_process)$/.test(i))
        .map((i) => `${relative(REPO_ROOT, f)}: ${i}`),
    );
    expect(bad).toEqual([]);
  });

  it('only the CLI (and the printed CLI demo) imports src/cli: the engine and the dashboard stand below it', () => {
    const outside = [
      ...sources('src').filter((f) => !relative(REPO_ROOT, f).startsWith('src/cli/') && relative(REPO_ROOT, f) !== 'src/demo/main.ts'),
      ...sources('components'),
      ...sources('hooks'),
    ];
    const bad = outside.flatMap((f) =>
      imports(f)
        .filter((i) => /(^|\/)cli\//.test(i))
        .map((i) => `${relative(REPO_ROOT, f)}: ${i}`),
    );
    expect(bad).toEqual([]);
  });

  it('the checks see the imports they look for', () => {
    // Guards the guard: the import reader finds a known import in a known file.
    expect(imports(join(REPO_ROOT, 'src/watch/observer.ts'))).toContain('chokidar');
    expect(imports(join(REPO_ROOT, 'components/App.tsx'))).toContain('ink');
    expect(imports(join(REPO_ROOT, 'src/demo/main.ts'))).toContain('../cli/run.js');
  });
});
