import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // End-to-end tests (bundle in a vm, clasp, later the browser) can be slow
    // on a 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
