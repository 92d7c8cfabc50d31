// One self-contained file that runs every CLI verb with plain node, no node_modules:
// dist/claude-dm-portable.mjs, and a copy as the skill's bin/claude-dm.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'claude-dm-portable.mjs');
await build({
  entryPoints: [join(root, 'src', 'cli', 'main.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  // Parsing is a good part of starting a one-shot command: a smaller file starts sooner.
  minify: true,
  logLevel: 'warning',
});
chmodSync(out, 0o755);
const skillBin = join(root, 'skills', 'claude-dm', 'bin', 'claude-dm');
mkdirSync(dirname(skillBin), { recursive: true });
copyFileSync(out, skillBin);
chmodSync(skillBin, 0o755);
