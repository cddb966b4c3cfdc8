import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Tiers. `unit`: the rules and pure helpers, in process — no database, no browser, no
// child process, seconds. `cli`: the capstone command as a black box (a process per case).
// `integration`: the API and use-cases on a real PostgreSQL, one cloned database per file.
// `browser`: the pages in Chromium. `npm test` runs them all.
// Files that mock a module. Every other file shares its worker's modules with the files
// before it (isolate: false): importing the app once per worker instead of once per file
// took a third off the integration tier. Each file still opens its own app and database.
const MOCKS_MODULES = ['test/platform/sign-in-throttle.test.ts'];

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
          isolate: false,
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
      { extends: true, test: { name: 'cli', isolate: false, include: ['test/cli/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', isolate: false, include: ['test/platform/**/*.test.ts'], exclude: MOCKS_MODULES, globalSetup: ['test/database-setup.ts'] },
      },
      // A file that replaces a module (vi.mock) needs a module graph of its own.
      { extends: true, test: { name: 'integration-mocked', include: MOCKS_MODULES, globalSetup: ['test/database-setup.ts'] } },
      {
        extends: true,
        test: {
          name: 'browser',
          isolate: false,
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/database-setup.ts', 'test/demo-setup.ts', 'test/chromium-setup.ts'],
        },
      },
    ],
  },
});
