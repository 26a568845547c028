import { defineConfig } from 'vitest/config';

/**
 * The fault check (src/faults/*.fault.test.ts): SIGKILL of the real server during concurrent audited
 * writes, on PGlite, or on PostgreSQL when DATABASE_URL is set. `.ci/run` runs it once per engine;
 * `npm test` leaves it out because it starts the server several times.
 */
export default defineConfig({
  test: {
    name: 'faults',
    root: import.meta.dirname,
    include: ['src/**/*.fault.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
