// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Node built-ins: allowed only in electron/, scripts and tests. */
const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'url', 'util', 'stream', 'zlib', 'worker_threads', 'node:*'];

const layerMessage = {
  shared: 'shared/ is pure TypeScript (STYLE.md): no DOM, Node, electron, react, dexie or leaflet. Move this code to renderer/ or electron/.',
  rendererToElectron: 'renderer/ never imports electron/ (STYLE.md). Talk to the main process through renderer/platform (the typed preload API).',
  electronToRenderer: 'electron/ never imports renderer/ (STYLE.md). Put what both need in shared/.',
  rendererNode: 'renderer/ runs sandboxed in a browser: no Node built-ins. Ask the main process through renderer/platform.',
  electronUi: 'electron/ is thin: it moves bytes and asks the OS. UI and database code belong in renderer/.',
  sharedOutward: 'shared/ imports nothing outside shared/ (STYLE.md): imports flow renderer → shared and electron → shared.',
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'release/', '.tsbuild/', 'test-results*/', 'playwright-report/', 'assets/', '*.tmp.mjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE.md).' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom', 'dexie', 'dexie-react-hooks', 'leaflet', 'react-leaflet', 'antd', ...nodeBuiltins.filter((n) => !n.includes('*'))].map((name) => ({ name, message: layerMessage.shared })),
          patterns: [
            { group: ['node:*', 'react*', 'dexie*', 'leaflet*', 'electron*', 'antd*', '@ant-design/*'], message: layerMessage.shared },
            { group: ['**/renderer/**', '**/electron/**', '../renderer*', '../electron*', '../../renderer*', '../../electron*'], message: layerMessage.sharedOutward },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'window', message: layerMessage.shared }, { name: 'document', message: layerMessage.shared }, { name: 'process', message: layerMessage.shared }, { name: 'Buffer', message: layerMessage.shared }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: layerMessage.rendererToElectron }, ...nodeBuiltins.filter((n) => !n.includes('*')).map((name) => ({ name, message: layerMessage.rendererNode }))],
          patterns: [
            { group: ['**/electron/**', '../electron*', '../../electron*', '../../../electron*'], message: layerMessage.rendererToElectron },
            { group: ['node:*'], message: layerMessage.rendererNode },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/vite.config.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['react', 'react-dom', 'dexie', 'leaflet', 'react-leaflet', 'antd'].map((name) => ({ name, message: layerMessage.electronUi })),
          patterns: [{ group: ['**/renderer/**', '../renderer*', '../../renderer*'], message: layerMessage.electronToRenderer }],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'scripts/**/*.{js,mjs,ts}', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[callee.property.name="only"]', message: '.only would skip the rest of the suite in CI.' },
      ],
    },
  },
  {
    files: ['playwright.config.ts', 'vitest.config.ts', 'eslint.config.js', 'tests/e2e/globalSetup.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
