// `capstone restore`: loads a backup (store/backup-archive.ts) into an EMPTY database. The
// archive is read twice: once to check all of it (checksum, counts, each file's SHA-256)
// before anything is written, then to load it. The load is one transaction: the schema is
// migrated to exactly the backup's level, the rows go in table by table, identity
// sequences are set past the restored rows, the evidence files are stored, and the schema
// is migrated to this Capstone's latest. A failure anywhere rolls all of it back.
import { sql, type Transaction } from 'kysely';
import type { FileStorage } from '../app/ports.ts';
import { MIGRATION_TABLES, type Progress, publicTables } from './backup.ts';
import { BackupError, type Header, readArchive, verifyArchive } from './backup-archive.ts';
import type { Db } from './database.ts';
import { knownMigrations, migrateTo, migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';

export type RestoreReport = { createdAt: string; tables: number; rows: number; files: number; migrations: string[]; checkpointKeyIds: string[] };

/**
 * "Empty" means no rows in any public table other than Kysely's migration bookkeeping
 * (or no tables at all): a freshly migrated database is empty, one with a single user is not.
 * Returns the first table that has rows, or null.
 */
export async function tableWithRows(db: Db): Promise<string | null> {
  for (const t of await publicTables(db)) {
    if (MIGRATION_TABLES.includes(t.name)) continue;
    const found = await sql<{ any: boolean }>`select exists (select 1 from ${sql.table(`public.${t.name}`)}) as any`.execute(db.withoutPlugins());
    if (found.rows[0]?.any) return t.name;
  }
  return null;
}

const notEmpty = (table: string) =>
  new BackupError('NOT_EMPTY', `the database is not empty (table ${table} has rows): restore only into a new, empty database`);

/** The backup's schema must be one this code can rebuild exactly: its migrations, in order, first. */
function checkMigrations(header: Header): void {
  const known = knownMigrations();
  const unknown = header.migrations.find((m) => !known.includes(m));
  if (unknown)
    throw new BackupError(
      'NEWER_BACKUP',
      `the backup has migration ${unknown}, which this Capstone does not know: restore it with a Capstone at least as new as the one that made it`,
    );
  if (header.migrations.some((m, i) => known[i] !== m)) throw new BackupError('SCHEMA_MISMATCH', "the backup's migrations are not a prefix of this Capstone's");
}

async function applied(trx: Db): Promise<string[]> {
  const exists = await sql<{ t: string | null }>`select to_regclass('public.kysely_migration')::text as t`.execute(trx);
  if (!exists.rows[0]?.t) return [];
  return (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(trx)).rows.map((r) => r.name);
}

/** FK checks and triggers off for this transaction, if the role may; else rows go in parents-first order. */
async function replicaMode(trx: Db): Promise<boolean> {
  await sql`savepoint replica_mode`.execute(trx);
  try {
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`release savepoint replica_mode`.execute(trx);
    return true;
  } catch {
    await sql`rollback to savepoint replica_mode`.execute(trx);
    return false;
  }
}

/** Switches the tables' own triggers off or on (the tables' owner may, where replica mode needs more). */
async function userTriggers(raw: Db, how: 'disable' | 'enable'): Promise<void> {
  const tables = await sql<{ name: string }>`
    select distinct c.relname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and not t.tgisinternal`.execute(raw);
  for (const t of tables.rows) await sql`alter table ${sql.table(`public.${t.name}`)} ${sql.raw(how)} trigger user`.execute(raw);
}

/** Every identity or serial column's sequence continues after the highest restored value. */
async function resetSequences(trx: Db): Promise<void> {
  const columns = await sql<{ table: string; column: string; sequence: string }>`
    select c.relname as table, a.attname as column, pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) as sequence
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
      and pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) is not null`.execute(trx);
  for (const c of columns.rows)
    await sql`select setval(${c.sequence}::regclass, coalesce((select max(${sql.ref(c.column)}) from ${sql.table(`public.${c.table}`)}), 0) + 1, false)`.execute(
      trx.withoutPlugins(),
    );
}

export type RestoreOptions = {
  onProgress?: Progress;
  /** The archive as verifyArchive found it, when the caller checked it first (the load checks it again as it reads). */
  verified?: Awaited<ReturnType<typeof verifyArchive>>;
};

export async function restoreDatabase(db: Db, storage: FileStorage, path: string, options: RestoreOptions = {}): Promise<RestoreReport> {
  const progress = options.onProgress ?? (() => {});
  const early = await tableWithRows(db);
  if (early) throw notEmpty(early);
  const { header, trailer } = options.verified ?? (await verifyArchive(path));
  progress(`archive checked: taken ${header.createdAt}, ${trailer.rows} rows, ${trailer.files} evidence files`);
  checkMigrations(header);
  const target = header.migrations.at(-1) as string;

  try {
    await db.transaction().execute(async (t: Transaction<Database>) => {
      const trx = t as Db;
      // Two restores at once into the same database would each see it empty.
      await sql`select pg_advisory_xact_lock(hashtext('capstone-restore'))`.execute(trx);
      const late = await tableWithRows(trx);
      if (late) throw notEmpty(late);
      const before = await applied(trx);
      const ahead = before.find((m, i) => header.migrations[i] !== m);
      if (ahead)
        throw new BackupError(
          'SCHEMA_AHEAD',
          `the database's schema is newer than the backup's (it has migration ${ahead}): restore into a new, empty database`,
        );
      await migrateTo(trx, target);

      const tables = await publicTables(trx);
      const shape = (list: { name: string; columns: string[] }[]) => JSON.stringify(list.map((x) => [x.name, x.columns]).sort());
      if (shape(tables) !== shape(header.tables))
        throw new BackupError('SCHEMA_MISMATCH', "the backup's tables and columns differ from the schema its migrations build");

      // Names from the catalogue go into the SQL as they are, not through the camelCase plugin.
      const raw = trx.withoutPlugins();
      const replica = await replicaMode(trx);
      if (!replica) progress('this database role cannot switch foreign-key checks off: loading parents before children');
      // The rows are restored as they were: no trigger may add to them while they load (replica mode stops them all).
      if (!replica) await userTriggers(raw, 'disable');
      for await (const event of readArchive(path)) {
        if (event.kind === 'table') {
          // The migrator's own rows are replaced by the backup's (same names, original dates).
          if (event.table.name === 'kysely_migration') await sql`delete from kysely_migration`.execute(raw);
          if (event.table.rows > 0) progress(`${event.table.name}: ${event.table.rows} rows`);
        } else if (event.kind === 'rows' && event.table.name !== 'kysely_migration_lock') {
          const table = sql.table(`public.${event.table.name}`);
          // The stored columns by name: a generated one is the database's to compute.
          const columns = sql.join(event.table.columns.map((c) => sql.id(c)));
          await sql`insert into ${table} (${columns}) overriding system value select ${columns} from json_populate_recordset(null::${table}, ${`[${event.rows.join(',')}]`}::json)`.execute(
            raw,
          );
        } else if (event.kind === 'file') {
          const stored = await storage.put(event.bytes);
          if (stored.sha256 !== event.entry.file) throw new BackupError('DAMAGED', `evidence file ${event.entry.file} was not stored as itself`);
          // Another kind of storage addresses the same bytes by another key.
          if (stored.key !== event.entry.key) await sql`update files set storage_key = ${stored.key} where storage_key = ${event.entry.key}`.execute(raw);
        }
      }
      if (header.files.count > 0) progress(`evidence files: ${header.files.count} (${header.files.bytes} bytes)`);
      await resetSequences(trx);
      if (replica) await sql`set local session_replication_role = origin`.execute(trx);
      else await userTriggers(raw, 'enable');
      await migrateToLatest(trx);
    });
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError('LOAD_FAILED', `the backup could not be loaded, so nothing was restored: ${(error as Error).message}`);
  }
  const keys = await sql<{ keyId: string }>`select distinct key_id from audit_checkpoints order by key_id`.execute(db).catch(() => ({ rows: [] }));
  return {
    createdAt: header.createdAt,
    tables: trailer.tables,
    rows: trailer.rows,
    files: trailer.files,
    migrations: header.migrations,
    checkpointKeyIds: keys.rows.map((r) => r.keyId),
  };
}
