import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Person-level tables, by the module that owns them (docs/privacy.md, ARCHITECTURE.md "Person-level data").
// Care events (dispensings among them) live in `person_events`. A module reads and changes only its own
// person-level tables, each through `authorizeRecords` (registry/chokepoint.ts) or a named bulk source in
// registry/sources/; everyone else asks the owner's front door. Add a table here when a module adds one.
const personTablesByModule = {
  registry: [
    'people',
    'person_names',
    'person_addresses',
    'person_identifiers',
    'care_team_members',
    'person_events',
    'person_merges',
    'consents',
    'consent_history',
    'break_glass_grants',
    'disclosures',
  ],
  referrals: ['referrals', 'referral_transitions', 'referral_handoffs', 'referral_attachments'],
  worklist: ['worklist_tasks', 'worklist_contact_attempts'],
  overdose: ['overdose_events', 'naloxone_distributions', 'overdose_feedback_notices'],
  'person-index': ['source_records', 'person_index_links', 'person_index_decisions'],
  feeds: ['feed_messages'],
};
const serverSrc = 'packages/server/src';
// Exceptions, each on purpose: migrations create the tables, test support and the demo generator seed
// synthetic people (never real ones) in bulk, tests read tables back to check what was written.
const personTableExceptions = [
  `${serverSrc}/db/migrations/**`,
  `${serverSrc}/test-support/**`,
  `${serverSrc}/demo/**`,
  `${serverSrc}/**/*.test.ts`,
];

function personTableRule(tables) {
  const names = tables.join('|');
  const message =
    'Person-level data is read only through its owning module, which asks the registry chokepoint (decideAccess) for every record.';
  return [
    'error',
    {
      selector: `CallExpression[callee.property.name=/^(selectFrom|updateTable|deleteFrom)$/] > Literal[value=/^(${names})( as \\w+)?$/]`,
      message,
    },
    { selector: `TaggedTemplateExpression[tag.name='sql'] TemplateElement[value.raw=/\\b(from|join|update)\\s+(${names})\\b/i]`, message },
  ];
}
const allPersonTables = Object.values(personTablesByModule).flat();
const personTableConfigs = [
  // Outside the owning modules no person-level table is touched directly.
  {
    files: [`${serverSrc}/**/*.ts`],
    ignores: [...Object.keys(personTablesByModule).map((m) => `${serverSrc}/modules/${m}/**`), ...personTableExceptions],
    rules: { 'no-restricted-syntax': personTableRule(allPersonTables) },
  },
  // Inside an owning module, only its own tables.
  ...Object.entries(personTablesByModule).map(([module, own]) => ({
    files: [`${serverSrc}/modules/${module}/**/*.ts`],
    ignores: personTableExceptions,
    rules: { 'no-restricted-syntax': personTableRule(allPersonTables.filter((t) => !own.includes(t))) },
  })),
];

// Front doors: a module imports its own files freely and another module only through that module's
// index.ts. The same holds for code outside modules/ (app, CLI, jobs, demo). Table types
// (`*.table.ts`) are assembled by db/schema.ts; tests may reach into a module to set up state.
const frontDoorMessage = 'Import another module only through its front door, modules/<name>/index.ts (decision 0014).';
const frontDoorIgnores = [
  `${serverSrc}/db/schema.ts`,
  `${serverSrc}/db/migrations/**`,
  `${serverSrc}/**/*.test.ts`,
  `${serverSrc}/test-support/**`,
];
// …/modules/<name>/<anything but index.ts>, from anywhere
const deepModulePath = { regex: '(^|/)modules/[^/]+/(?!index\\.ts$)', message: frontDoorMessage };
// from a file `depth` folders below modules/: a sibling module's internals, ../(../)<name>/<anything but index.ts>
const deepSibling = (depth) => ({ regex: `^(\\.\\./){${depth}}(?!\\.)[^/]+/(?!index\\.ts$)`, message: frontDoorMessage });
const frontDoorConfigs = [
  {
    files: [`${serverSrc}/**/*.ts`],
    ignores: [`${serverSrc}/modules/**`, ...frontDoorIgnores],
    rules: { 'no-restricted-imports': ['error', { patterns: [deepModulePath] }] },
  },
  ...[1, 2, 3].map((depth) => ({
    files: [`${serverSrc}/modules/${'*/'.repeat(depth)}*.ts`],
    ignores: frontDoorIgnores,
    rules: { 'no-restricted-imports': ['error', { patterns: [deepModulePath, deepSibling(depth)] }] },
  })),
];

// Web feature front doors (decision 0017): a feature imports its own files freely and another feature only through
// that feature's index.ts, which exports what others may use. Outside features/, the app shell and shared UI import
// a feature's index.ts, api/client.ts composes its api.ts and test support its fake-api.ts (decision 0015). The app
// mounts a feature's routes with a lazy import(), which is not a static import and stays its own chunk. Tests may
// reach into a feature to arrange state.
const webSrc = 'packages/web/src';
const webFrontDoorMessage = 'Import another web feature only through its front door, features/<name>/index.ts (decision 0017).';
const webTests = [`${webSrc}/**/*.test.{ts,tsx}`];
// …/features/<name>/<anything but the files allowed>, from outside features/
const webFeaturePath = (allowed) => ({ regex: `(^|/)features/[^/]+/(?!(${allowed.join('|')})\\.ts$)`, message: webFrontDoorMessage });
// from a file `depth` folders below features/: ../(../)<other feature>/<anything but index.ts>
const webSibling = (depth) => ({ regex: `^(\\.\\./){${depth}}(?!\\.)[^/]+/(?!index\\.ts$)`, message: webFrontDoorMessage });
const webFrontDoorConfigs = [
  ...[1, 2].map((depth) => ({
    files: [`${webSrc}/features/${'*/'.repeat(depth)}*.{ts,tsx}`],
    ignores: webTests,
    rules: { 'no-restricted-imports': ['error', { patterns: [webSibling(depth), webFeaturePath(['index'])] }] },
  })),
  {
    files: [`${webSrc}/*.{ts,tsx}`, `${webSrc}/app/**/*.{ts,tsx}`, `${webSrc}/ui/**/*.{ts,tsx}`],
    ignores: webTests,
    rules: { 'no-restricted-imports': ['error', { patterns: [webFeaturePath(['index'])] }] },
  },
  {
    files: [`${webSrc}/api/**/*.{ts,tsx}`],
    ignores: webTests,
    rules: { 'no-restricted-imports': ['error', { patterns: [webFeaturePath(['index', 'api'])] }] },
  },
  {
    files: [`${webSrc}/test-support/**/*.{ts,tsx}`],
    ignores: webTests,
    rules: { 'no-restricted-imports': ['error', { patterns: [webFeaturePath(['index', 'api', 'fake-api'])] }] },
  },
];

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
  ...personTableConfigs,
  ...frontDoorConfigs,
  ...webFrontDoorConfigs,
  {
    files: ['bench/**/*.ts', 'packages/server/src/cli.ts', 'packages/server/src/main.ts', 'packages/web/e2e/**'],
    rules: { 'no-console': 'off' },
  },
);
