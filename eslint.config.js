// ESLint (flat config): @eslint/js recommended + typescript-eslint strict (not
// type-checked), plus the rules of hooks for the preact views. `npm run lint`
// runs it; `npm test` runs it right after the typecheck.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Test fixtures stand in for third-party sign-in pages: they are not project code.
    ignores: ['dist/', 'node_modules/', 'coverage/', 'artifacts/', 'test-results/', 'test/fixtures/'],
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    extends: [js.configs.recommended, tseslint.configs.strict],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // tsconfig has noUncheckedIndexedAccess, and `bytes[i]!` / `row.name!` is the codebase's deliberate way to say "in bounds".
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Destructuring a field out to drop it (`const { ad: _ad, ...rest } = x`) is deliberate; anything else unused still fails.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    // Only these two: the plugin's other recommended rules check what the React Compiler assumes, and preact has no compiler.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.mjs', '*.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
);
