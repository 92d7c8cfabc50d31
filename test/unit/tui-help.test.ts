// claude-dm-tui --help names exactly the exit codes the entry point uses: read them from its
// own source (every process.exit(N) and quit(N)) and from the help the built bin prints.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../support/repo-root.js';

it('claude-dm-tui --help lists every exit code it uses, and no other', () => {
  const source = readFileSync(join(REPO_ROOT, 'components', 'dashboard-main.tsx'), 'utf8');
  const used = new Set([...source.matchAll(/\b(?:process\.exit|quit)\((\d+)\)/g)].map((m) => Number(m[1])));
  used.add(Number(/async function quit\(code = (\d+)\)/.exec(source)![1])); // quit()'s default
  const help = execFileSync(process.execPath, [join(REPO_ROOT, 'dist', 'components', 'main.js'), '--help'], { encoding: 'utf8' });
  const exitText = help.slice(help.indexOf('\nexit:'));
  const listed = new Set([...exitText.matchAll(/\b(\d{1,3})\b/g)].map((m) => Number(m[1])));
  expect([...listed].sort((a, b) => a - b)).toEqual([...used].sort((a, b) => a - b));
});
