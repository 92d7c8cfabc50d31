// One self-contained file that runs every CLI verb with plain node, no node_modules:
// dist/claude-dm-portable.mjs, and a copy as the skill's bin/claude-dm.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// A package whose module code does work when it loads, and that only some verbs use, is a stand-in here whose
// functions require() the package on first call: esbuild evaluates a bundled ES module that is require()d only
// when the require runs. string-width builds an Intl.Segmenter and its \p{RGI_Emoji} pattern when it loads
// (~20 ms, a fifth of a `claude-dm list`), and src/util/width.ts asks it only about a grapheme of several code
// points (a ZWJ emoji, a flag). chokidar (and readdirp under it) builds classes on node:stream and calls os and
// fs/promises at load, ~10 ms, for the verbs that watch files (watch, the dashboard, serve) alone. jsonc-parser's
// formatter fills tables of indentation strings when it loads (~6 ms of every call, --version's too), and only the
// hook's settings file (src/hook/settings-file.ts) is parsed with it.
const LAZY_PACKAGES = {
  'string-width': "export default function stringWidth(text, options) { return require('string-width').default(text, options); }",
  // Its lookup tables are built when it loads (~1 ms of every call); src/util/width.ts asks it about a character
  // past ASCII only. Called per character: the module is kept after the first call, not required each time.
  'get-east-asian-width':
    "let m; export function eastAsianWidth(codePoint, options) { return (m ??= require('get-east-asian-width')).eastAsianWidth(codePoint, options); }",
  chokidar: "export function watch(paths, options) { return require('chokidar').watch(paths, options); }",
  'jsonc-parser': ['parseTree', 'findNodeAtLocation', 'printParseErrorCode']
    .map((name) => `export function ${name}(...args) { return require('jsonc-parser').${name}(...args); }`)
    .join('\n'),
};
// valibot has its emoji pattern as a literal (`const EMOJI_REGEX = /…\p{Emoji}…/u`) that esbuild lowers to
// `new RegExp(…)`, and keeps at load though nothing calls valibot's emoji check (a `new` it cannot prove free of
// effects): V8 then builds the Unicode property sets, ~0.25 ms of every call. Written as that `new` marked pure, it
// goes with the check. (A valibot whose line reads otherwise is bundled as it is.)
const VALIBOT_UNUSED_PATTERNS = ['EMOJI_REGEX'];
const valibotPure = {
  name: 'valibot-pure',
  setup(b) {
    b.onLoad({ filter: /[\\/]valibot[\\/]dist[\\/]index\.mjs$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/^const ([A-Z_]+) = \/(.+)\/([a-z]*);$/gmu, (line, name, body, flags) =>
        VALIBOT_UNUSED_PATTERNS.includes(name)
          ? `const ${name} = /* @__PURE__ */ new RegExp(${JSON.stringify(body)}, ${JSON.stringify(flags)});`
          : line,
      ),
      loader: 'js',
    }));
  },
};
const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    const names = Object.keys(LAZY_PACKAGES);
    b.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) =>
      args.namespace === 'lazy-packages' ? undefined : { path: args.path, namespace: 'lazy-packages' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-packages' }, (args) => ({
      contents: LAZY_PACKAGES[args.path],
      resolveDir: root,
      loader: 'js',
    }));
  },
};
// Node's built-in modules that are not in its start-up snapshot cost ~15 ms to load (child_process 6 ms with
// net and stream, fs/promises 3, perf_hooks 2: `node --cpu-prof`), and a bundle loads every import before
// main runs, so `claude-dm --version` paid for them all. Each of these is a stand-in
// whose properties load the real module on first use (in both files): a verb loads what it calls. The names are this
// Node's own (the bundle targets the Node that builds it, node20 or newer, whose modules only add names).
const LAZY_BUILTINS = ['child_process', 'crypto', 'fs/promises', 'net', 'os', 'perf_hooks', 'readline', 'stream', 'timers/promises'];
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    const lazy = new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|').replace('/', '\\/')})$`);
    b.onResolve({ filter: lazy }, (args) =>
      args.namespace === 'lazy-builtins'
        ? { path: args.path, external: true }
        : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtins' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtins' }, async (args) => {
      const names = Object.keys(await import(`node:${args.path}`)).filter((n) => n !== 'default');
      return {
        // The module's names are looked up on a Proxy in its prototype chain, not defined one by one: esbuild's
        // import interop copies a module's own names into a namespace object at start-up (__toESM), ~200 getters
        // defined twice for these nine modules, ~1.5 ms of every call. A namespace made from this one inherits the
        // Proxy and copies nothing; a name read on it loads the module. `__esModule`, which the interop may ask
        // about, answers without loading it.
        contents: [
          `let m; const load = () => (m ??= require('node:${args.path}'));`,
          `const names = new Set(${JSON.stringify(names)});`,
          `module.exports = Object.create(new Proxy({}, {`,
          `  get: (_, k) => (k === '__esModule' ? undefined : load()[k]),`,
          `  has: (_, k) => names.has(k),`,
          `}));`,
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};
/**
 * Writes every character past ASCII in `file` as a \\u escape. esbuild escapes them in strings but leaves
 * them in regular expressions (the classifier's markers: ✳, ❯, ─…), and one such character makes node decode
 * the whole file the slow way and hold it as two bytes a character: reading the bundle took 2.4 ms instead of
 * 0.1, and V8 then hashes twice the bytes to check its code cache (--version ~7 ms sooner, bench/speed-bench.ts).
 * The same escape means the same character in a string, an identifier, a regular expression (with or without
 * the u flag: a surrogate pair of escapes is one code point under u) and a comment; only a backslash right
 * before such a character would change meaning, and the build stops if it finds one.
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  const escaped = /\\[^\x00-\x7f]/u.exec(text);
  if (escaped) throw new Error(`${file}: a backslash before ${JSON.stringify(escaped[0])}: cannot write it as ASCII`);
  const units = (ch) => [...Array(ch.length).keys()].map((i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
  writeFileSync(file, text.replace(/[^\x00-\x7f]/gu, units));
}

// The bin finds the function in the bundle by these two (src/cli/cached-start.cjs has them too: a test holds them the same).
const CJS_FUNCTION = '(function (exports, require, module, __filename, __dirname) {';
const CJS_CALL = '.call(this, exports, require, module, __filename, __dirname);';

const common = {
  entryPoints: [join(root, 'src', 'cli', 'main.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  // Parsing is a good part of starting a one-shot command: a smaller file starts sooner.
  minify: true,
  logLevel: 'warning',
  plugins: [lazyPackages, valibotPure],
  // jsonc-parser's `main` is a UMD build whose require() calls esbuild cannot follow: its ES module build bundles.
  mainFields: ['module', 'main'],
};
const out = join(root, 'dist', 'claude-dm-portable.mjs');
await build({
  ...common,
  outfile: out,
  format: 'esm',
  plugins: [...common.plugins, lazyBuiltins],
  // The stand-ins' require() (lazyBuiltins) in an ES module: the one require of the file.
  banner: { js: 'import{createRequire as __cdmRequire}from"node:module";const require=__cdmRequire(import.meta.url);' },
});
asciiOnly(out);
chmodSync(out, 0o755);
// The installed bin's bundle: the same code as CommonJS, which node starts ~7 ms sooner than an ES
// module (a tenth of `node -e 0`; bench/list-bench.ts). The .mjs above stays the portable
// file (--via ships it, the skill's bin is a copy of it).
async function cjsBundle(entry, file) {
  const bin = join(root, 'dist', file);
  await build({
    ...common,
    entryPoints: [join(root, 'src', 'cli', entry)],
    outfile: bin,
    format: 'cjs',
    plugins: [...common.plugins, lazyBuiltins],
    // import.meta.url has no CommonJS meaning: the file's own URL stands in for it, worked
    // out only by the verbs that ask (self, install-skill, --via).
    define: { 'import.meta.url': '__claude_dm.url' },
    // The code is the function node's CommonJS loader would wrap it in, called at the end: run as a file, it runs
    // as any module does; the bin (cached-start.cjs) compiles the function alone, a slice of the file's text,
    // where wrapping it would copy all of it (a 290 KB string made twice: ~70 pages of memory on every call).
    banner: { js: `${CJS_FUNCTION}const __claude_dm={get url(){return require("node:url").pathToFileURL(__filename).href}};` },
    footer: { js: `})${CJS_CALL}` },
  });
  asciiOnly(bin);
  chmodSync(bin, 0o755);
}
await cjsBundle('main.ts', 'claude-dm-cli.cjs');
// Verbs with a bundle of their own, beside the full one: what a call of the verb loads (src/cli/main-list.ts says
// why). The bin (cached-start.cjs) has the same list: a test holds them the same.
const OWN_BUNDLE_VERBS = ['list'];
for (const verb of OWN_BUNDLE_VERBS) await cjsBundle(`main-${verb}.ts`, `claude-dm-${verb}.cjs`);
// The installed bin runs that bundle through V8's code cache (src/cli/cached-start.cjs says why).
const start = join(root, 'dist', 'claude-dm.cjs');
copyFileSync(join(root, 'src', 'cli', 'cached-start.cjs'), start);
chmodSync(start, 0o755);
const skillBin = join(root, 'skills', 'claude-dm', 'bin', 'claude-dm');
mkdirSync(dirname(skillBin), { recursive: true });
copyFileSync(out, skillBin);
chmodSync(skillBin, 0o755);
