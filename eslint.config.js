import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.adminjs/', '.data/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Bundled for the browser by AdminJS: browser globals only, and nothing of the server's by value (types are erased).
    files: ['src/admin/components/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // node:…, anything of src/admin but the resource ids, anything of src/ but the pure modules the components share.
              regex: '^(node:|\\.\\./(?!resource-ids\\.ts$)[^.]|\\.\\./\\.\\./(?!(domain/[\\w-]+|i18n/text-direction|permissions/permission-names|templates/template-form)\\.ts$))',
              allowTypeImports: true,
              message: 'Components run in the browser: server modules only with `import type`; by value, only the pure modules listed in eslint.config.js.',
            },
          ],
        },
      ],
    },
  },
);
