// Opens everything a process needs from the environment: DATABASE_URL (PostgreSQL), or the
// embedded PostgreSQL server Capstone runs itself in DATA_DIR (default ./data); migrations,
// storage, the calendar and the audit log's signing key.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { englandAndWalesBankHolidays } from '../domain/calendar/bank-holidays.ts';
import { catalogue } from '../standards/load.ts';
import { CHECKPOINTS_FILE, loadSigner, throwawaySigner } from '../store/audit-key.ts';
import { type DatabaseHandle, openDatabase } from '../store/database.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from '../store/embedded-postgres.ts';
import { LocalDiskStorage, MemoryStorage } from '../store/local-storage.ts';
import { migrateToLatest } from '../store/migrate.ts';
import type { AppContext } from './context.ts';

export type Environment = { DATABASE_URL?: string; DATA_DIR?: string; AUDIT_SIGNING_KEY?: string };

export type Opened = { ctx: AppContext; handle: DatabaseHandle; embedded: EmbeddedServer | null; close(): Promise<void> };

export type OpenOverrides = {
  /** A throwaway app (tests): files in memory and an audit key that dies with the process. */
  memory?: boolean;
  /** Evidence files on disk here instead (tests whose database was cloned with its files). */
  filesDir?: string;
  now?: () => Date;
  /** A command that only reads the audit log makes no signing key where there is none. */
  noNewAuditKey?: boolean;
  log?: (message: string) => void;
};

export async function openApp(env: Environment = process.env, overrides: OpenOverrides = {}): Promise<Opened> {
  const dataDir = env.DATA_DIR ?? './data';
  if (!overrides.memory || !env.DATABASE_URL) mkdirSync(dataDir, { recursive: true });
  const embedded = env.DATABASE_URL ? null : await startEmbeddedPostgres(dataDir, { log: overrides.log });
  const handle = openDatabase({ url: env.DATABASE_URL || (embedded as EmbeddedServer).url });
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    await embedded?.stop();
    throw error;
  }
  const ctx: AppContext = {
    db: handle.db,
    catalogue: catalogue(),
    holidays: englandAndWalesBankHolidays(),
    storage: overrides.filesDir
      ? new LocalDiskStorage(overrides.filesDir)
      : overrides.memory
        ? new MemoryStorage()
        : new LocalDiskStorage(join(dataDir, 'files')),
    now: overrides.now ?? (() => new Date()),
    // A throwaway database gets a throwaway key; a kept one, the EPAO's key (never in the database).
    audit: overrides.memory
      ? { signer: throwawaySigner(), checkpointsFile: null }
      : { signer: loadSigner(env, dataDir, !overrides.noNewAuditKey), checkpointsFile: join(dataDir, CHECKPOINTS_FILE) },
  };
  return {
    ctx,
    handle,
    embedded,
    async close() {
      await handle.close();
      await embedded?.stop();
    },
  };
}
