import { defineProject, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

/** Component tests: jsdom, a fake API client, no server. */
export default mergeConfig(
  viteConfig,
  defineProject({
    test: {
      name: 'web',
      environment: 'jsdom',
      include: ['src/**/*.test.{ts,tsx}'],
      setupFiles: ['src/test-support/setup.ts'],
      // Typing through user-event in jsdom is slow on a busy 2-core runner; correctness, not speed, is tested here.
      testTimeout: 20_000,
    },
  }),
);
