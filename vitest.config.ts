import { existsSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `npm test`: contracts and server (pure, PGlite or — with DATABASE_URL — PostgreSQL) and the web
 * components. Browser journeys run separately (`npm run e2e`), since they need Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'contracts',
          root: 'packages/contracts',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'server',
          root: 'packages/server',
          include: ['src/**/*.test.ts'],
          // The fault check kills real server processes; `.ci/run` runs it on its own (vitest.faults.config.ts).
          exclude: [...configDefaults.exclude, 'src/**/*.fault.test.ts'],
          environment: 'node',
          globalSetup: ['src/test-support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      ...(existsSync('packages/web/vitest.config.ts') ? ['packages/web/vitest.config.ts'] : []),
    ],
  },
});
