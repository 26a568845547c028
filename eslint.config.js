import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Every table, by the module that owns it (ARCHITECTURE.md, the module table; decision 0014). A module reads
// and changes only its own tables; everyone else asks the owner's front door (a name beside a row through
// `organizationNameOf`/`userDisplayNameOf`, a few rows by id, an existence check). `settings` and `jobs`
// belong to the platform (db/, jobs/), and `areas` (towns, postal codes, centroids: the reference geography
// the registry, overdose, directory and learning all place things in) is shared reference data that only
// migrations, the demo seed and the geography module's boundary import write. Add a table here when a module adds one.
const tablesByModule = {
  audit: ['audit_events', 'audit_head'],
  identity: ['users', 'memberships', 'sessions', 'api_tokens', 'access_grants'],
  organizations: ['organizations', 'locations'],
  directory: [
    'directory_organizations',
    'directory_locations',
    'directory_services',
    'directory_service_at_locations',
    'directory_schedules',
    'directory_capacities',
    'directory_capacity_history',
    'directory_taxonomies',
    'directory_taxonomy_terms',
    'directory_verification_reminders',
  ],
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
  notifications: ['notifications', 'email_outbox', 'webhook_subscriptions', 'webhook_deliveries'],
  referrals: [
    'referrals',
    'referral_transitions',
    'referral_handoffs',
    'referral_attachments',
    'referral_pathways',
    'referral_pathway_versions',
  ],
  worklist: ['worklist_tasks', 'worklist_contact_attempts'],
  gaps: ['gaps_runs', 'gaps_results'],
  geography: ['area_boundaries'],
  network: [
    'network_agreements',
    'network_agreement_parties',
    'network_agreement_pathways',
    'network_agreement_reminders',
    'network_courses',
    'network_training_completions',
  ],
  // Partner scorecards keep their targets in the platform's settings and read referrals and the directory through their front doors.
  scorecards: [],
  scenarios: ['scenario_runs'],
  overdose: [
    'overdose_events',
    'naloxone_distributions',
    'overdose_feedback_notices',
    'overdose_area_thresholds',
    'overdose_alerts',
    'overdose_alert_subscriptions',
  ],
  'person-index': ['source_records', 'person_index_links', 'person_index_decisions', 'network_identities', 'person_index_models'],
  learning: [
    'learning_runs',
    'learning_results',
    'learning_cascade',
    'learning_oud_estimates',
    'learning_measure_targets',
    'learning_annotations',
  ],
  linkage: ['linkage_jobs', 'linkage_job_files'],
  feeds: ['feed_sources', 'feed_messages', 'feed_daily_counts'],
  ehr: ['ehr_connections', 'ehr_user_links', 'cds_jwt_ids', 'cds_feedback', 'smart_launches'],
  // Credentials of the person's portal (like identity's users and sessions): they name which record a
  // principal is, and every read of that record still goes through the registry's chokepoint.
  portal: ['portal_accounts', 'portal_codes', 'portal_sessions'],
};
// Person-level tables among them (docs/privacy.md, ARCHITECTURE.md "Person-level data"). Care events (dispensings
// among them) live in `person_events`. The owner reads them only through `authorizeRecords` (registry/chokepoint.ts)
// or a named bulk source in registry/sources/.
const personTables = new Set([
  ...tablesByModule.registry,
  'referrals',
  'referral_transitions',
  'referral_handoffs',
  'referral_attachments',
  'worklist_tasks',
  'worklist_contact_attempts',
  'overdose_events',
  'naloxone_distributions',
  'overdose_feedback_notices',
  'source_records',
  'person_index_links',
  'person_index_decisions',
  'feed_messages',
]);
const serverSrc = 'packages/server/src';
// Exceptions, each on purpose: migrations create the tables, test support and the demo generator seed
// synthetic people (never real ones) and their organizations in bulk, tests read tables back to check what was written.
const tableExceptions = [
  `${serverSrc}/db/migrations/**`,
  `${serverSrc}/test-support/**`,
  `${serverSrc}/demo/**`,
  `${serverSrc}/**/*.test.ts`,
];

const personTableMessage =
  'Person-level data is read only through its owning module, which asks the registry chokepoint (decideAccess) for every record.';
const ownedTableMessage = "Another module's table: ask its front door, modules/<name>/index.ts (table ownership, decision 0014).";
// A query builder call naming the table (selectFrom, joins, writes), or `from`/`join`/`update`/`into` in a sql template.
function tableSelectors(tables, message) {
  if (tables.length === 0) return [];
  const names = tables.join('|');
  return [
    {
      selector: `CallExpression[callee.property.name=/^(selectFrom|updateTable|deleteFrom|insertInto|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin)$/] > Literal[value=/^(${names})( as \\w+)?$/]`,
      message,
    },
    {
      selector: `TaggedTemplateExpression[tag.name='sql'] TemplateElement[value.raw=/\\b(from|join|update|into)\\s+(${names})\\b/i]`,
      message,
    },
  ];
}
function foreignTableRule(tables) {
  return [
    'error',
    ...tableSelectors(
      tables.filter((t) => personTables.has(t)),
      personTableMessage,
    ),
    ...tableSelectors(
      tables.filter((t) => !personTables.has(t)),
      ownedTableMessage,
    ),
  ];
}
const allTables = Object.values(tablesByModule).flat();
const tableConfigs = [
  // Outside the owning modules (app, CLI, HTTP, jobs, a module without tables, a module not yet listed) no
  // module's table is touched directly.
  {
    files: [`${serverSrc}/**/*.ts`],
    ignores: [...Object.keys(tablesByModule).map((m) => `${serverSrc}/modules/${m}/**`), ...tableExceptions],
    rules: { 'no-restricted-syntax': foreignTableRule(allTables) },
  },
  // Inside a module, only its own tables.
  ...Object.entries(tablesByModule).map(([module, own]) => ({
    files: [`${serverSrc}/modules/${module}/**/*.ts`],
    ignores: tableExceptions,
    rules: { 'no-restricted-syntax': foreignTableRule(allTables.filter((t) => !own.includes(t))) },
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
  ...tableConfigs,
  ...frontDoorConfigs,
  ...webFrontDoorConfigs,
  {
    files: ['bench/**/*.ts', 'packages/server/src/cli.ts', 'packages/server/src/main.ts', 'packages/web/e2e/**'],
    rules: { 'no-console': 'off' },
  },
);
