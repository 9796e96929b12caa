// @ts-check
/**
 * Lint rules for the grader, the solution and the stencil: typescript-eslint's recommended set
 * (syntax only, no type information, so `npm run lint` stays fast on a 2-core machine) plus a
 * few habits of DESIGN §6. Formatting is Prettier's job (.prettierrc.json), not ESLint's.
 */
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  {
    // Built output, installed packages and deliberately broken student code (the grader compiles
    // fixtures/submissions itself; linting them would flag the bugs they exist to contain).
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'reports/out/**',
      'bench-results/**',
      '.device-kit/**',
      'fixtures/submissions/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      // Unused names are noise for the next reader; a leading underscore marks a deliberate one.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
      // Stripping terminal control characters from student text is the sanitiser's job (and its tests').
      'no-control-regex': 'off',
      'prefer-const': 'error',
    },
  },
  {
    // The stencil's stubs name the parameters and fields students will use; unused until filled in.
    files: ['stencil/src/**'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    // Plain CommonJS scripts (bin/, scripts/, Jest configs) may require().
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
