// Lint that holds the layers: entries → front ends (src/cli; src/dashboard + components + hooks) →
// src/actions → src/session → leaves (src/classify, src/gates, src/peers, src/transcript, src/tmux,
// src/util). An arrow may only point down. Plus the rules that catch real bugs in async TypeScript
// and React hooks. Formatting is Prettier's (eslint-config-prettier turns the style rules off).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const UI = [
  {
    group: ['react', 'react/*', 'ink', 'ink-*', 'zustand/react'],
    message: 'the engine never imports React or Ink: put it in components/ or hooks/',
  },
  { group: ['**/components/**', '**/hooks/**'], message: 'the engine never imports components/ or hooks/' },
];
const CLI = [
  { group: ['**/cli/**'], message: 'only the CLI imports src/cli: move what you need into src/session, src/actions or src/util' },
];
const DASHBOARD = [{ group: ['**/dashboard/**'], message: 'the engine never imports the dashboard' }];
const ACTIONS = [{ group: ['**/actions/**'], message: 'this layer sits below src/actions' }];
const SESSION = [{ group: ['**/session/**'], message: 'the leaves sit below src/session' }];
const PROCESSES = [
  {
    group: ['node:child_process', 'child_process', 'execa', 'chokidar', 'node:net'],
    message: 'components and hooks never start processes, watch files or open sockets: the engine does',
  },
  { group: ['**/src/tmux/**'], message: 'components and hooks reach tmux only through the dashboard engine (src/dashboard)' },
];
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

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
    rules: { ...reactHooks.configs.recommended.rules, ...restrict([...PROCESSES, ...CLI]) },
  },
  // The layers of the engine, top down.
  { files: ['src/dashboard/**/*.ts'], rules: restrict([...UI, ...CLI]) },
  { files: ['src/actions/**/*.ts', 'src/remote/**/*.ts', 'src/watch/**/*.ts'], rules: restrict([...UI, ...CLI, ...DASHBOARD]) },
  { files: ['src/session/**/*.ts'], rules: restrict([...UI, ...CLI, ...DASHBOARD, ...ACTIONS]) },
  {
    files: ['src/{classify,gates,peers,transcript,tmux,util,inbox}/**/*.ts', 'src/errors.ts', 'src/version.ts'],
    rules: restrict([...UI, ...CLI, ...DASHBOARD, ...ACTIONS, ...SESSION]),
  },
  { files: ['src/cli/**/*.ts'], rules: restrict([...UI, ...DASHBOARD]) },
  { files: ['src/demo/**/*.ts'], ignores: ['src/demo/main.ts'], rules: restrict([...UI, ...CLI]) },
  prettier,
);
