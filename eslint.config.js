// Lint: type-aware rules that catch floating promises and non-exhaustive switches, and the folders' import boundaries.
import tseslint from 'typescript-eslint';
import { boundaries } from './eslint.boundaries.js';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'artifacts/**', '.tap/**', '**/*.js', '!eslint.config.js', '!eslint.boundaries.js'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      // three projects: Node code, the pages (DOM, no Node types), and the tests that drive the pages in Chromium
      parserOptions: { project: ['./tsconfig.json', './tsconfig.web.json', './tsconfig.page-tests.json'], tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      'no-unused-vars': 'off',
    },
  },
  ...boundaries,
  {
    // Test files: tap queues and awaits every `t.test(...)` itself, and the rule cannot tell tap's top-level
    // calls from others (tried allowForKnownSafeCalls: it does not match tap's exported instance). Source files keep it.
    files: ['test/**/*.test.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
);
