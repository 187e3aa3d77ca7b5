import { defineConfig } from 'vitest/config';

const jsonOut = process.env.SMARTLIC_VITEST_JSON;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Per-user state (history, lab folders) goes to a temporary home, never the real one.
    setupFiles: ['test/helpers/isolated-home.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Real servers and real clients share two cores; keep file-level parallelism modest.
    maxWorkers: 2,
    // .ci/run reads the JSON summary to print the plain `N passed, N failed` line.
    ...(jsonOut ? { reporters: ['default', 'json'], outputFile: { json: jsonOut } } : {}),
  },
});
