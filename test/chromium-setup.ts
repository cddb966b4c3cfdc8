// Vitest global setup for the browser tier: one Chromium for the whole tier, which every
// browser test file connects to (test/e2e/harness.ts) and opens its own contexts in.
// Launching a browser per file cost about two seconds of CPU each on a 2-core machine.
// Without /usr/bin/chromium nothing is launched and the files report it themselves.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM, CHROMIUM_ARGS } from './e2e/chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    project.provide('chromiumEndpoint', '');
    return;
  }
  const server = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  project.provide('chromiumEndpoint', server.wsEndpoint());
  return () => server.close();
}
