// Vitest global setup for the browser tier, after test/database-setup.ts: the demo data is
// loaded once, into a template database (its evidence files in a directory beside it),
// and each browser test file clones it, instead of loading it again through the
// use-cases every time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openApp } from '../src/app/bootstrap.ts';
import { loadDemo } from '../src/app/demo.ts';
import { TEMPLATE } from './database-setup.ts';

export const DEMO_TEMPLATE = 'capstone_demo_template';

declare module 'vitest' {
  export interface ProvidedContext {
    demoTemplate: string;
    demoFilesDir: string;
  }
}

export default async function setup(project: TestProject) {
  const adminUrl = project.getProvidedContext().databaseAdminUrl;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${DEMO_TEMPLATE} with (force)`);
  await admin.query(`create database ${DEMO_TEMPLATE} template ${TEMPLATE}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${DEMO_TEMPLATE}`;
  const filesDir = mkdtempSync(join(tmpdir(), 'capstone-demo-files-'));
  const opened = await openApp({ DATABASE_URL: url.toString() }, { memory: true, filesDir });
  try {
    await loadDemo(opened.ctx);
  } finally {
    await opened.close();
  }
  project.provide('demoTemplate', DEMO_TEMPLATE);
  project.provide('demoFilesDir', filesDir);
  return () => rmSync(filesDir, { recursive: true, force: true });
}
