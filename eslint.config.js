// Lint rules of the project (run by `npm run lint`, part of `npm test`).
//
// Beyond the recommended sets, three families matter here:
// - promises: a floating or misused promise in the sidebar or the local runtime is
//   a click that fails silently;
// - layering (core <- reports, sql <- functions/addon <- gas): the pure layers import
//   nothing above them, only src/gas touches Apps Script, and nothing under src/ or
//   sidebar/ uses Node (Apps Script and the browser have none of it);
// - no import circles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import noAppsScriptOutsideGas from './tools/eslint/noAppsScriptOutsideGas.js';

const local = { rules: { 'no-apps-script-outside-gas': noAppsScriptOutsideGas } };

// Apps Script's global services: used only in src/gas.
const APPS_SCRIPT_GLOBALS = [
  'SpreadsheetApp',
  'ScriptApp',
  'HtmlService',
  'MailApp',
  'GmailApp',
  'PropertiesService',
  'LockService',
  'CacheService',
  'Session',
  'Utilities',
  'Logger',
  'Charts',
  'UrlFetchApp',
  'DriveApp',
  'DocumentApp',
  'Browser',
  'ContentService',
  'BigQuery',
].map((name) => ({ name, message: 'Only src/gas may touch Apps Script services.' }));

// Node's and the browser's globals that Apps Script does not have.
const NODE_GLOBALS = ['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'setImmediate'].map((name) => ({
  name,
  message: 'Apps Script and the sidebar run without Node: no Node globals under src/ or sidebar/.',
}));
const TIMER_GLOBALS = ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask'].map((name) => ({
  name,
  message: 'Apps Script has no timers (Utilities.sleep waits, in src/gas).',
}));

// Who may not import whom: each zone's `target` imports nothing from its `from`.
const layer = (target, from, message) => ({ target, from, message });
const LAYERS = [
  layer(
    './src/i18n',
    ['./src/core', './src/reports', './src/mail', './src/sql', './src/functions', './src/addon', './src/gas', './src/main.js'],
    'src/i18n is the lowest layer: it imports nothing.',
  ),
  layer(
    './src/core',
    ['./src/reports', './src/mail', './src/sql', './src/functions', './src/addon', './src/gas', './src/main.js'],
    'src/core is pure analytics: it imports only src/i18n.',
  ),
  layer(
    './src/reports',
    ['./src/mail', './src/functions', './src/addon', './src/gas', './src/main.js'],
    'src/reports builds SheetSpecs from the core: it imports only src/core and src/i18n.',
  ),
  layer(
    './src/mail',
    ['./src/reports', './src/functions', './src/addon', './src/gas', './src/main.js'],
    'src/mail composes e-mails from the core: it imports only src/core and src/i18n.',
  ),
  layer(
    './src/sql',
    ['./src/reports', './src/mail', './src/functions', './src/addon', './src/gas', './src/main.js'],
    'src/sql writes the warehouse queries from the core rules: it imports only src/core and src/i18n.',
  ),
  layer(
    './src/gas',
    ['./src/functions', './src/addon', './src/main.js'],
    'src/gas is below the adapters: functions and addon call it, not the other way round.',
  ),
  layer('./src/functions', ['./src/addon', './src/main.js'], 'Custom functions and the add-on are siblings: what both need lives lower.'),
  layer('./src/addon', ['./src/functions', './src/main.js'], 'Custom functions and the add-on are siblings: what both need lives lower.'),
  layer(
    ['./src', './sidebar'],
    ['./local', './test', './bench', './scripts', './examples', './tools'],
    'The shipped code never imports tools, tests or the local runtime.',
  ),
  layer(
    './sidebar',
    ['./src/gas', './src/functions', './src/reports', './src/mail', './src/main.js'],
    'The sidebar runs in the browser: it takes only types from src/addon/api and text from src/i18n.',
  ),
];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'dist-warehouse/', 'out/', 'coverage/', 'test-results/', '.sidebar-out/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        // The first project that holds a file types it: the Apps Script bundle,
        // then the sidebar, then the Node side (tests, local runtime, tools).
        project: ['./tsconfig.gas.json', './tsconfig.sidebar.json', './tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.{ts,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js', '.mjs'] } } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: LAYERS }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['src/**/*.{ts,js}', 'sidebar/**/*.ts'],
    ignores: ['sidebar/dev/**'],
    plugins: { 'import-x': importX },
    rules: { 'import-x/no-nodejs-modules': 'error' },
  },
  {
    files: ['sidebar/**/*.ts'],
    ignores: ['sidebar/dev/**'],
    rules: { 'no-restricted-globals': ['error', ...NODE_GLOBALS] },
  },
  {
    files: ['src/gas/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...NODE_GLOBALS, ...TIMER_GLOBALS] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/gas/**'],
    plugins: { local },
    rules: {
      'no-restricted-globals': ['error', ...NODE_GLOBALS, ...TIMER_GLOBALS, ...APPS_SCRIPT_GLOBALS],
      'local/no-apps-script-outside-gas': 'error',
    },
  },
  {
    // The entry files only assign the exports to webpack's `global`.
    files: ['src/main.js', 'src/main.warehouse.js'],
    languageOptions: { globals: { global: 'writable' } },
  },
  {
    // The benchmark drops its inputs (`o = null`) so that the collector can take them.
    files: ['bench/**'],
    rules: { 'no-useless-assignment': 'off' },
  },
  {
    files: ['local/**', 'test/**', 'bench/**', 'scripts/**', 'examples/**', 'tools/**', '*.config.{js,ts}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
      },
    },
  },
);
