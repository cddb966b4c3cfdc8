// Opens everything a process needs from the environment: DATABASE_URL (PostgreSQL) or
// the embedded PGlite in DATA_DIR (default ./data), migrations, storage and the calendar.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { englandAndWalesBankHolidays } from '../domain/calendar/bank-holidays.ts';
import { catalogue } from '../standards/load.ts';
import { CHECKPOINTS_FILE, loadSigner, throwawaySigner } from '../store/audit-key.ts';
import { type DatabaseHandle, openDatabase } from '../store/database.ts';
import { LocalDiskStorage, MemoryStorage } from '../store/local-storage.ts';
import { migrateToLatest } from '../store/migrate.ts';
import type { AppContext } from './context.ts';

export type Environment = { DATABASE_URL?: string; DATA_DIR?: string; AUDIT_SIGNING_KEY?: string };

export type Opened = { ctx: AppContext; handle: DatabaseHandle; close(): Promise<void> };

export async function openApp(
  env: Environment = process.env,
  overrides: { memory?: boolean; now?: () => Date; noNewAuditKey?: boolean } = {},
): Promise<Opened> {
  const dataDir = env.DATA_DIR ?? './data';
  if (!env.DATABASE_URL && !overrides.memory) mkdirSync(dataDir, { recursive: true });
  const handle = await openDatabase({ url: env.DATABASE_URL || undefined, dataDir: join(dataDir, 'pglite'), memory: overrides.memory });
  await migrateToLatest(handle.db);
  const ctx: AppContext = {
    db: handle.db,
    catalogue: catalogue(),
    holidays: englandAndWalesBankHolidays(),
    storage: overrides.memory ? new MemoryStorage() : new LocalDiskStorage(join(dataDir, 'files')),
    now: overrides.now ?? (() => new Date()),
    // A throwaway database gets a throwaway key; a kept one, the EPAO's key (never in the database).
    audit: overrides.memory
      ? { signer: throwawaySigner(), checkpointsFile: null }
      : { signer: loadSigner(env, dataDir, !overrides.noNewAuditKey), checkpointsFile: join(dataDir, CHECKPOINTS_FILE) },
  };
  return { ctx, handle, close: () => handle.close() };
}
