// One self-contained file that runs every CLI verb with plain node, no node_modules:
// dist/claude-dm-portable.mjs, and a copy as the skill's bin/claude-dm.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// string-width builds an Intl.Segmenter and its \p{RGI_Emoji} pattern when it loads (~20 ms,
// a fifth of a `claude-dm list`), and src/util/width.ts asks it only about a grapheme of
// several code points (a ZWJ emoji, a flag): in the bundle it loads on that first question.
// esbuild evaluates a bundled ES module that is require()d only when the require runs.
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      args.importer.endsWith(join('src', 'util', 'width.ts')) ? { path: 'string-width', namespace: 'lazy-string-width' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, () => ({
      contents: "export default function stringWidth(text, options) { return require('string-width').default(text, options); }",
      resolveDir: root,
      loader: 'js',
    }));
  },
};
const common = {
  entryPoints: [join(root, 'src', 'cli', 'main.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  // Parsing is a good part of starting a one-shot command: a smaller file starts sooner.
  minify: true,
  logLevel: 'warning',
  plugins: [lazyStringWidth],
  // jsonc-parser's `main` is a UMD build whose require() calls esbuild cannot follow: its ES module build bundles.
  mainFields: ['module', 'main'],
};
const out = join(root, 'dist', 'claude-dm-portable.mjs');
await build({ ...common, outfile: out, format: 'esm' });
chmodSync(out, 0o755);
// The installed bin: the same code as CommonJS, which node starts ~7 ms sooner than an ES
// module (a tenth of `node -e 0`; bench/list-bench.ts). The .mjs above stays the portable
// file (--via ships it, the skill's bin is a copy of it).
const bin = join(root, 'dist', 'claude-dm.cjs');
await build({
  ...common,
  outfile: bin,
  format: 'cjs',
  // import.meta.url has no CommonJS meaning: the file's own URL stands in for it, worked
  // out only by the verbs that ask (self, install-skill, --via).
  define: { 'import.meta.url': '__claude_dm.url' },
  banner: { js: 'const __claude_dm={get url(){return require("node:url").pathToFileURL(__filename).href}};' },
});
chmodSync(bin, 0o755);
const skillBin = join(root, 'skills', 'claude-dm', 'bin', 'claude-dm');
mkdirSync(dirname(skillBin), { recursive: true });
copyFileSync(out, skillBin);
chmodSync(skillBin, 0o755);
