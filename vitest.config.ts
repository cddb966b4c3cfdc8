import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Setting up an app (migrations, argon2 sign-ins) can take a while on a loaded 2-core machine.
    hookTimeout: 60_000,
  },
});
