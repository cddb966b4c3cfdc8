import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Tiers. `unit`: the rules and pure helpers, in process — no database, no browser, no
// child process, seconds. `cli`: the capstone command as a black box (a process per case).
// `integration`: the API and use-cases on a real PostgreSQL, one cloned database per file.
// `browser`: the pages in Chromium. `npm test` runs them all.
export default defineConfig({
  test: {
    // Every core: the database is its own process now, so workers no longer fight over an
    // in-process engine (measured on 2 cores: 233 s against 340 s with one worker).
    maxWorkers: availableParallelism(),
    testTimeout: 30_000,
    // Setting up an app (argon2 sign-ins, the demo data) can take a while on a loaded 2-core machine.
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'test/domain/**/*.test.ts',
            'test/documents/**/*.test.ts',
            'test/app/**/*.test.ts',
            'test/web/**/*.test.ts',
            'test/http/**/*.test.ts',
            'test/store/**/*.test.ts',
          ],
        },
      },
      { extends: true, test: { name: 'cli', include: ['test/cli/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/platform/**/*.test.ts'], globalSetup: ['test/database-setup.ts'] } },
      { extends: true, test: { name: 'browser', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/database-setup.ts', 'test/demo-setup.ts'] } },
    ],
  },
});
