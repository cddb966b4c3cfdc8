// Vitest global setup for the integration and browser tiers: one PostgreSQL server for the
// whole run (the embedded one, or TEST_DATABASE_URL's), with a migrated template database
// that each test file clones in milliseconds (CREATE DATABASE … TEMPLATE).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/store/database.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from '../src/store/embedded-postgres.ts';
import { migrateToLatest } from '../src/store/migrate.ts';

export const TEMPLATE = 'capstone_template';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseAdminUrl: string;
  }
}

type Shared = { adminUrl: string; users: number; stop(): Promise<void> };
// The integration and browser projects share one server: global setup runs once per project.
const SHARED = Symbol.for('capstone.test-database');
const shared = globalThis as unknown as { [SHARED]?: Promise<Shared> };

async function start(): Promise<Shared> {
  let server: EmbeddedServer | null = null;
  let dir: string | null = null;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dir = mkdtempSync(join(tmpdir(), 'capstone-test-pg-'));
    server = await startEmbeddedPostgres(dir, { durable: false });
    adminUrl = server.adminUrl;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE} with (force)`);
  await admin.query(`create database ${TEMPLATE}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE}`;
  const template = openDatabase({ url: url.toString(), poolSize: 1 });
  await migrateToLatest(template.db);
  await template.close();
  return {
    adminUrl,
    users: 0,
    async stop() {
      await server?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject) {
  shared[SHARED] ??= start();
  const db = await shared[SHARED];
  db.users++;
  project.provide('databaseAdminUrl', db.adminUrl);
  return async () => {
    if (--db.users === 0) await db.stop();
  };
}
