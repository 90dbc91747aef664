// Lint = correctness basics + the layering rules of the design (VS Code style):
// core/ never reaches electron, react or the DOM; core/contract and core/domain are pure (zod
// only) because the renderer imports them; renderer/ imports nothing from node; main/ and
// preload/ only relay, so from core they may import just the contract and Node-only file utilities.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];
const noNode = [{ group: ['node:*'], message: 'This layer runs in the browser: no Node modules.' }];
const noUi = [
  { name: 'electron', message: 'core/ must not depend on Electron.' },
  { name: 'react', message: 'core/ must not depend on React.' },
  { name: 'react-dom', message: 'core/ must not depend on React.' },
  { name: 'zustand', message: 'core/ must not depend on UI state.' },
];

// Subpaths too (react/jsx-runtime, electron/main), and core never reaches up into main/ or renderer/.
const noUiPatterns = [
  {
    group: ['electron/*', 'react/*', 'react-dom/*', 'zustand/*'],
    message: 'core/ must not depend on Electron, React or UI state.',
  },
  {
    regex: '^(\\.\\./)+(main|renderer|preload)(/|$)',
    message: 'core/ must not import main/, preload/ or renderer/: they depend on core, not the other way.',
  },
];

// Node-only leaf modules main/ shares with the host rather than copying: the crash-safe file
// write and the JSON log. They import nothing but Node (enforced below), so main stays a relay.
const MAIN_CORE_UTILITIES = ['storage/atomic-write', 'monitoring/log'];

export default tseslint.config(
  {
    ignores: [
      '**/.scratch/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-restricted-globals': 'off',
    },
  },
  {
    files: ['bin/**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        process: 'readonly',
        __dirname: 'readonly',
        exports: 'writable',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: noUi, patterns: noUiPatterns }] },
  },
  {
    files: ['core/contract/**/*.ts', 'core/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...noUi,
            ...NODE_BUILTINS.map((name) => ({
              name,
              message: 'core/contract and core/domain are shared with the renderer: no Node modules.',
            })),
          ],
          patterns: [
            ...noNode,
            ...noUiPatterns,
            {
              group: [
                '../host/*',
                '../storage/*',
                '../../host/*',
                '../../storage/*',
                'better-sqlite3',
                'onnxruntime-node',
                'highs',
              ],
              message: 'Pure layer: no host, storage or engine imports.',
            },
          ],
        },
      ],
    },
  },
  // Hooks called in a fixed order, with every value they read listed as a dependency, and no state
  // set synchronously inside an effect. `incompatible-library` only tells the React Compiler to
  // skip a component (TanStack Virtual's hook); the app does not use the compiler.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    rules: { ...reactHooks.configs.flat.recommended.rules, 'react-hooks/incompatible-library': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer reaches the backend only through the contract.' },
            ...NODE_BUILTINS.map((name) => ({ name, message: 'No Node modules in the renderer.' })),
          ],
          patterns: [
            ...noNode,
            { group: ['electron/*'], message: 'The renderer reaches the backend only through the contract.' },
            {
              regex: '^(\\.\\./)+core/(?!contract/|domain/)',
              message: 'The renderer may import only core/contract and core/domain.',
            },
            {
              group: ['better-sqlite3', 'onnxruntime-node', 'highs', 'ws', 'exceljs'],
              message: 'Backend engines stay in the host.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts', 'preload/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+core/(?!contract/|${MAIN_CORE_UTILITIES.map((m) => `${m}$`).join('|')})`,
              message:
                'main/ and preload/ relay only: from core they may import just the contract (and the file utilities).',
            },
            {
              group: ['better-sqlite3', 'onnxruntime-node', 'highs'],
              message: 'Engines run in the host process, not in main.',
            },
          ],
        },
      ],
    },
  },
  {
    files: MAIN_CORE_UTILITIES.map((m) => `core/${m}.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noUi,
          patterns: [
            ...noUiPatterns,
            { regex: '^\\.', message: 'main/ imports this file: it may import only Node modules.' },
          ],
        },
      ],
    },
  },
);
