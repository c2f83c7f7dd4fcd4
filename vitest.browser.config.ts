import { defineConfig } from 'vitest/config';

// Tests that drive Debian's Chromium (playwright-core) and poppler's pdftoppm; `.ci/run`
// installs both. Screenshots and PDF pages go to output/ (ignored).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 300_000,
    pool: 'forks',
    globalSetup: ['test/helpers/temp-root.ts'],
  },
});
