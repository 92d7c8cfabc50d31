// Lint that holds the layers: entries → front ends (src/cli; src/dashboard + components + hooks) →
// the engine (src/actions, src/watch, src/remote) → src/session → leaves (src/classify, src/gates,
// src/peers, src/transcript, src/tmux, src/inbox, src/util). An arrow may only point down. It is the
// one layer guard: test/unit/lint-layers.test.ts shows each rule failing on a deliberate violation.
// No import circle anywhere in the product (import-x/no-cycle, type imports included: a circle of types is
// still a knot a reader must untie), held by the same test.
// Plus the rules that catch real bugs in async TypeScript and React hooks. Formatting is Prettier's
// (eslint-config-prettier turns the style rules off).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Each rule is a regular expression over the import's source text, so that `import`, `export … from`
// (no-restricted-imports) and `import('…')` (layers/no-restricted-import-calls, below) read it alike.
const UI = [
  {
    regex: '^(react|ink|zustand/react)(/|$)|^ink-',
    message: 'the engine never imports React or Ink: put it in components/ or hooks/',
  },
  { regex: '(^|/)(components|hooks)/', message: 'the engine never imports components/ or hooks/' },
];
const CLI = [
  {
    regex: '(^|/)cli/',
    message: 'only the CLI imports src/cli: move what you need into src/session, src/actions or src/util',
  },
];
const DASHBOARD = [{ regex: '(^|/)dashboard/', message: 'the engine never imports the dashboard' }];
const ACTIONS = [{ regex: '(^|/)actions/', message: 'this layer sits below src/actions' }];
const SESSION = [{ regex: '(^|/)session/', message: 'the leaves sit below src/session' }];
const PROCESSES = [
  {
    regex: '^((node:)?(child_process|net)|execa|chokidar)(/|$)',
    message: 'components and hooks never start processes, watch files or open sockets: the engine does',
  },
  { regex: '(^|/)src/tmux/', message: 'components and hooks reach tmux only through the dashboard engine (src/dashboard)' },
];
// demo/, drift/, bench/ and test/ are a clone's, not the package's: the product never imports them
// (claude-dm-tui --demo loads demo/ by path, src/dashboard/demo-loader.ts).
const HARNESS = [
  {
    regex: '^(\\.\\./)+(demo|drift|bench|test)/',
    message: 'the product never imports demo/, drift/, bench/ or test/: the package does not carry them',
  },
];
const BELOW_DASHBOARD = [
  {
    // tmux and the CLI are refused above, in their own words.
    regex: '(^|/)src/(?!dashboard/|errors\\.js$|tmux/|cli/)',
    message: 'components and hooks import only src/dashboard/** and src/errors.ts: add what they need to src/dashboard/for-components.ts',
  },
];

// no-restricted-imports reads import and export declarations, not `import('…')` calls (nor
// `typeof import('…')` types): this rule reads those against the same patterns.
const layers = {
  rules: {
    'no-restricted-import-calls': {
      meta: { type: 'problem', schema: [{ type: 'object', properties: { patterns: { type: 'array' } } }] },
      create(context) {
        const patterns = context.options[0].patterns.map((p) => ({ test: new RegExp(p.regex, 'u'), message: p.message }));
        const check = (node, source) => {
          if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
          for (const p of patterns)
            if (p.test.test(source.value)) context.report({ node, message: `'${source.value}' import is restricted: ${p.message}` });
        };
        return {
          ImportExpression: (node) => check(node, node.source),
          TSImportType: (node) => check(node, node.source ?? node.argument?.literal),
        };
      },
    },
  },
};
const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((p) => ({ ...p, caseSensitive: true })) }],
  'layers/no-restricted-import-calls': ['error', { patterns }],
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'skills/**/bin/**',
      'test/fixtures/**',
      'portable/**',
      '**/*.mjs',
      '**/*.cjs',
      '.vitest-report.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { layers },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Terminal output: ANSI escapes and control characters are the point in these patterns.
      'no-control-regex': 'off',
    },
  },
  // Tests read free-form JSON (SSE events, transcript records) by field.
  { files: ['test/**/*.{ts,tsx}'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    files: ['components/**/*.{ts,tsx}', 'hooks/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, ...restrict([...PROCESSES, ...CLI, ...BELOW_DASHBOARD, ...HARNESS]) },
  },
  // The layers of the engine, top down. Every file under src/ (src/dashboard and any new folder) is refused
  // React, Ink, the CLI and the clone's harness; the blocks after it refuse more, or less. A later block's
  // list replaces an earlier one's, so each lists all it refuses.
  { files: ['src/**/*.{ts,tsx}'], rules: restrict([...UI, ...CLI, ...HARNESS]) },
  {
    files: ['src/actions/**/*.ts', 'src/remote/**/*.ts', 'src/watch/**/*.ts', 'src/hook/**/*.ts'],
    rules: restrict([...UI, ...CLI, ...DASHBOARD, ...HARNESS]),
  },
  { files: ['src/session/**/*.ts'], rules: restrict([...UI, ...CLI, ...DASHBOARD, ...ACTIONS, ...HARNESS]) },
  {
    files: ['src/{classify,gates,peers,transcript,tmux,util,inbox}/**/*.ts', 'src/errors.ts', 'src/version.ts'],
    rules: restrict([...UI, ...CLI, ...DASHBOARD, ...ACTIONS, ...SESSION, ...HARNESS]),
  },
  { files: ['src/cli/**/*.ts'], rules: restrict([...UI, ...DASHBOARD, ...HARNESS]) },
  // The clone's harness (demo/: the fake API, real peers, the demos; drift/: `npm run drift`) sits above
  // the product and may use all of it, the CLI included (the printed demo runs it), but no React or Ink.
  { files: ['demo/**/*.ts', 'drift/**/*.ts'], rules: restrict(UI) },
  {
    files: ['{src,components,hooks,demo,drift}/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // The sources import each other as `./x.js`: resolved to the `.ts` or `.tsx` beside it.
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  prettier,
);
