import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // web/src's component tests run in happy-dom (a `@vitest-environment` line in each file).
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    exclude: ['test/conformance/**', 'test/browser/**', 'node_modules/**'],
    testTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/helpers/temp-root.ts'],
  },
});
