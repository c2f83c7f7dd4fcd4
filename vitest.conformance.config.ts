import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/conformance/**/*.test.ts'],
    testTimeout: 300_000,
    pool: 'forks',
    globalSetup: ['test/helpers/temp-root.ts'],
  },
});
