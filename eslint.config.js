// Lint with the architecture's import boundaries: which layer may import what is enforced here,
// not remembered. tests/unit/platform/lint-boundaries.test.ts proves the rules fire.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`]);

const electron = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const nativeDb = [
  { name: 'better-sqlite3', message: 'SQLite is reached through db/ repositories from the main process only.' },
];

function restrict(paths, patterns = []) {
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

// The wall clock is read in one place (shared/dates/clock.ts): rules take the business date, services
// their runtime's injected clock, tests a pinned one. So the suite passes on any date.
const CLOCK = 'Read the clock through the injected `now` (ctx.now, runtime.now) or the business date; shared/dates/clock.ts is the only wall-clock read.';
const wallClock = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK },
  { selector: "MemberExpression[object.name='Date'][property.name='now']", message: CLOCK },
  { selector: "CallExpression[callee.name='Date']", message: CLOCK },
  { selector: "CallExpression[callee.name='dayjs'][arguments.length=0]", message: CLOCK },
];

const nodeOnly = nodeBuiltins.map((name) => ({ name, message: 'Node built-ins are not available here.' }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.electron-native/**', 'db/migrations/**', 'coverage/**', 'tests/tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-restricted-syntax': ['error', ...wallClock],
    },
  },
  {
    // No import cycles in the app's code: a module that needs its importer back has found a seam in the wrong place.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'db/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [electron, ...nativeDb, ...nodeOnly, { name: 'drizzle-orm', message: 'shared/ is pure: no database.' }],
      [
        { group: ['react', 'react-dom', 'antd', '@tanstack/*'], message: 'shared/ is pure: no UI.' },
        { group: ['**/db/**', '**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing else in the app.' },
      ],
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [electron, ...nativeDb, ...nodeOnly, { name: 'drizzle-orm', message: 'The renderer never sends SQL.' }],
        [
          { group: ['**/db/**', '**/electron/**'], message: 'The renderer calls the typed API client only.' },
          { group: ['exceljs'], message: 'exceljs needs Node streams: generate files in main or a worker.' },
        ],
      ),
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: restrict([electron], [{ group: ['**/electron/**', '**/renderer/**'], message: 'db/ sits below the services.' }]),
  },
  {
    files: ['electron/services/**/*.ts', 'electron/jobs/**/*.ts', 'electron/cli/**/*.{ts,mjs}', 'electron/host/**/*.ts'],
    rules: restrict([electron], [{ group: ['**/renderer/**'], message: 'The main side never imports renderer code.' }]),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: restrict([], [{ group: ['**/renderer/**'], message: 'The main side never imports renderer code.' }]),
  },
  {
    files: ['tests/**/*.ts'],
    rules: restrict([{ name: 'electron', message: 'Tests run under Node: drive Electron through playwright _electron.' }]),
  },
);
