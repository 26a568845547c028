import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

/** Browser journeys: Debian's Chromium against a real server on a fresh PGlite data directory. */
export default defineProject({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
