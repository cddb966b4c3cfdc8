// A database of its own for a test file: a clone of the migrated template on the run's
// PostgreSQL server (see test/database-setup.ts), dropped when the file is done.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

const TEMPLATE = 'capstone_template';

/** A database of its own: a clone of the migrated template, or empty (`template: null`) for tests of the migrations. */
export async function freshDatabase(prefix = 'capstone_test', template: string | null = TEMPLATE): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('databaseAdminUrl');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** An empty database (not migrated), for tests of the migrations and of a restore. */
export const emptyDatabase = (prefix = 'capstone_empty') => freshDatabase(prefix, null);
