import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'core/**/*.test.ts',
      'main/**/*.test.ts',
      'preload/**/*.test.ts',
      'tests/**/*.test.ts',
      'renderer/**/*.test.ts',
    ],
    environment: 'node',
    // The CLI, host and workers run from dist/: built once per run, when the sources are newer.
    globalSetup: ['tests/helpers/build-once.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Workers and HiGHS/ORT sessions are heavy: two files at a time suits a 2-core machine.
    maxWorkers: 2,
  },
});
