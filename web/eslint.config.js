// ESLint for the staff console (flat config): the recommended JavaScript and
// typescript-eslint rules, and the rules of hooks (with the React Compiler's
// checks: refs, purity, state set in effects). `npm run lint` fails on any
// error or warning. typescript-eslint needs the JavaScript compiler API, which
// TypeScript 7 no longer ships: package.json installs TypeScript 7 as
// `@typescript/native` (its `tsc` does the type check) and names the TS 6 API
// package `typescript` (what typescript-eslint loads), as the TS 7 release
// notes advise for running both side by side.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}', 'vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs['recommended-latest'].rules,
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
