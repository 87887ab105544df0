import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'build', 'node_modules', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'MemberExpression[object.name="it"][property.name="only"]', message: 'no .only' },
      ],
    },
  },
  {
    // Handlers are plain CommonJS, as they are in a real function app folder.
    files: ['**/*.cjs', 'examples/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['runtime/core/**/*.ts'],
    ignores: ['runtime/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', '../node/*', '../../node/*', '../../../node/*'] },
      ],
    },
  },
  {
    // The host runs on Node and in a Web Worker: it reaches its surroundings only through the platform seam.
    files: ['runtime/host/**/*.ts'],
    ignores: ['runtime/host/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', '../node/*', '../../node/*', '../inpage/*', '../../inpage/*', '../../web/*'] },
      ],
    },
  },
  {
    // The in-page engine runs in workers of a sandboxed iframe: nothing from the Node platform.
    files: ['runtime/inpage/**/*.ts'],
    ignores: ['runtime/inpage/**/*.test.ts', 'runtime/inpage/handler/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+node/(platform|playgroundServer|control|cli|nodeHost)',
              message: 'runtime/inpage runs in the browser: use runtime/host or runtime/core',
            },
          ],
        },
      ],
    },
  },
);
