// The repository root, found from this module whether it runs from test/ (vitest) or
// from dist/test/ (compiled for the benchmarks).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'claude-dm') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('claude-dm repository root not found');
    dir = up;
  }
}

export const REPO_ROOT = findRoot();
