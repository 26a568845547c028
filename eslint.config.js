import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const personTables =
  'people|person_names|person_addresses|person_identifiers|care_team_members|person_events|person_merges|consents|consent_history|break_glass_grants|disclosures';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '**/.test-artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
      // Person-first language: these words never appear in identifiers (see DEVELOPERS' language rule).
      'id-denylist': ['error', 'addict', 'addicts', 'abuser', 'abusers', 'junkie'],
    },
  },
  {
    files: ['packages/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Only config.ts reads the environment; test support and benchmarks choose their engine from it.
    files: ['packages/server/src/**/*.ts'],
    ignores: ['packages/server/src/config.ts', 'packages/server/src/test-support/**', 'packages/server/src/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through config.ts (loadConfig) and pass it explicitly.' },
      ],
    },
  },
  {
    // 42 CFR Part 2 by construction: person-level tables are read and changed only inside the
    // registry module, whose chokepoint decides access and records every disclosure.
    files: ['packages/server/src/**/*.ts'],
    ignores: [
      'packages/server/src/modules/registry/**',
      'packages/server/src/db/migrations/**',
      'packages/server/src/test-support/**',
      'packages/server/src/**/*.test.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `CallExpression[callee.property.name=/^(selectFrom|updateTable|deleteFrom)$/] > Literal[value=/^(${personTables})( as \\w+)?$/]`,
          message: 'Person-level data is read only through the registry chokepoint (modules/registry/chokepoint.ts).',
        },
        {
          selector: `TaggedTemplateExpression[tag.name='sql'] TemplateElement[value.raw=/\\b(from|join|update)\\s+(${personTables})\\b/i]`,
          message: 'Person-level data is read only through the registry chokepoint (modules/registry/chokepoint.ts).',
        },
      ],
    },
  },
  {
    files: ['bench/**/*.ts', 'packages/server/src/cli.ts', 'packages/server/src/main.ts', 'packages/web/e2e/**'],
    rules: { 'no-console': 'off' },
  },
);
