// `capstone backup`: a consistent logical copy of the database and its evidence files.
// PostgreSQL's own pg_dump is not used: the embedded server's package ships no pg_dump,
// and an older client cannot dump a newer server. Instead one REPEATABLE READ, READ ONLY
// transaction (one snapshot) reads every table in the public schema through a server-side
// cursor, so memory stays flat, and the files table names the evidence files to copy.
// pg-boss's schema is left out: its jobs are made again when Capstone starts.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { FileStorage } from '../app/ports.ts';
import { BackupError, CHUNK_BYTES, FORMAT, FORMAT_VERSION, type Header, type TableInfo, type Trailer } from './backup-archive.ts';
import type { Db } from './database.ts';

/** Kysely's own bookkeeping: kept in a backup (they name its schema level), never counted as data. */
export const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

const FETCH_ROWS = 2000;

export type BackupReport = { file: string; tables: number; rows: number; files: number; fileBytes: number };
export type Progress = (message: string) => void;

/**
 * The public schema's tables with their stored columns, parents before children (foreign
 * keys). A generated column is left out: the database computes it again on restore, and
 * refuses a value for it.
 */
export async function publicTables(db: Db): Promise<{ name: string; columns: string[] }[]> {
  const raw = db.withoutPlugins();
  const tables = await sql<{ name: string; columns: string[] }>`
    select c.relname as name, array_agg(a.attname::text order by a.attnum) as columns
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    group by c.relname`.execute(raw);
  const edges = await sql<{ child: string; parent: string }>`
    select child.relname as child, parent.relname as parent
    from pg_constraint k
    join pg_class child on child.oid = k.conrelid
    join pg_class parent on parent.oid = k.confrelid
    where k.contype = 'f' and k.connamespace = 'public'::regnamespace and k.conrelid <> k.confrelid`.execute(raw);
  const order = dependencyOrder(
    tables.rows.map((t) => t.name),
    edges.rows,
  );
  const byName = new Map(tables.rows.map((t) => [t.name, t]));
  return order.map((name) => byName.get(name) as { name: string; columns: string[] });
}

/** Kahn's algorithm, alphabetical among equals so the order is stable; a cycle goes last. */
export function dependencyOrder(names: readonly string[], edges: readonly { child: string; parent: string }[]): string[] {
  const waiting = new Map(names.map((n) => [n, new Set<string>()]));
  for (const e of edges) if (waiting.has(e.parent)) waiting.get(e.child)?.add(e.parent);
  const order: string[] = [];
  while (waiting.size > 0) {
    const ready = [...waiting].filter(([, parents]) => parents.size === 0).map(([n]) => n);
    const next = ready.length > 0 ? ready.sort() : [...waiting.keys()].sort();
    for (const name of next) {
      waiting.delete(name);
      order.push(name);
      for (const parents of waiting.values()) parents.delete(name);
    }
  }
  return order;
}

type Snapshot = { header: Header; counted: TableInfo[]; files: { key: string; sha256: string; size: number }[] };

/** What the snapshot holds: the migrations, each table's columns and rows, the evidence files. */
async function takeStock(trx: Db, now: () => Date): Promise<Snapshot> {
  const tables = await publicTables(trx);
  if (!tables.some((t) => t.name === 'kysely_migration')) throw new BackupError('NO_SCHEMA', 'the database has no Capstone schema to back up');
  const migrations = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(trx)).rows.map((r) => r.name);
  const counted: TableInfo[] = [];
  for (const t of tables) {
    const n = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(`public.${t.name}`)}`.execute(trx);
    counted.push({ ...t, rows: Number(n.rows[0]?.n ?? 0) });
  }
  const files = (
    await sql<{ key: string; sha256: string; size: number }>`
      select distinct on (storage_key) storage_key as key, sha256, size_bytes as size from files order by storage_key`.execute(trx)
  ).rows;
  const header: Header = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    createdAt: now().toISOString(),
    migrations,
    tables: counted,
    files: { count: files.length, bytes: files.reduce((sum, f) => sum + Number(f.size), 0) },
  };
  return { header, counted, files };
}

/** The archive's lines, each counted in its checksum, ending with the trailer. */
async function* archiveLines(trx: Db, storage: FileStorage, { header, counted, files }: Snapshot, progress: Progress): AsyncGenerator<string> {
  const hash = createHash('sha256');
  const line = (value: unknown | string) => {
    const text = `${typeof value === 'string' ? value : JSON.stringify(value)}\n`;
    hash.update(text);
    return text;
  };
  yield line(header);
  for (const t of counted) {
    yield line({ table: t.name, rows: t.rows });
    await sql`declare backup_rows no scroll cursor for select row_to_json(t)::text as j from ${sql.table(`public.${t.name}`)} t`.execute(trx);
    let written = 0;
    for (;;) {
      const batch = await sql<{ j: string }>`fetch ${sql.raw(String(FETCH_ROWS))} from backup_rows`.execute(trx);
      if (batch.rows.length === 0) break;
      let text = '';
      for (const r of batch.rows) text += line(r.j);
      written += batch.rows.length;
      yield text;
    }
    await sql`close backup_rows`.execute(trx);
    // Within one snapshot the count cannot change; if it did, the archive would lie.
    if (written !== t.rows) throw new Error(`table ${t.name} gave ${written} rows, counted ${t.rows}`);
    progress(`${t.name}: ${t.rows} rows`);
  }
  for (const f of files) {
    const bytes = Buffer.from(await storage.get(f.key).catch(() => missing(f.key)));
    if (bytes.length !== Number(f.size) || createHash('sha256').update(bytes).digest('hex') !== f.sha256)
      throw new BackupError('FILE_DAMAGED', `evidence file ${f.key} in storage does not match its SHA-256 in the files table`);
    yield line({ file: f.sha256, key: f.key, size: bytes.length });
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield line(JSON.stringify(bytes.subarray(at, at + CHUNK_BYTES).toString('base64')));
  }
  if (files.length > 0) progress(`evidence files: ${files.length} (${header.files.bytes} bytes)`);
  const rows = counted.reduce((sum, t) => sum + t.rows, 0);
  const trailer: Trailer = { end: FORMAT, tables: counted.length, rows, files: files.length, sha256: hash.digest('hex') };
  yield `${JSON.stringify(trailer)}\n`;
}

/**
 * Writes the backup to `path`.tmp and renames it to `path` once complete, so `path` is never
 * half a backup. Every evidence file the files table names must be in storage and match its
 * SHA-256: a backup that silently lacked evidence would be found out only on the day it is needed.
 */
export async function backupDatabase(
  db: Db,
  storage: FileStorage,
  path: string,
  options: { onProgress?: Progress; now?: () => Date } = {},
): Promise<BackupReport> {
  const progress = options.onProgress ?? (() => {});
  const temporary = `${path}.tmp`;
  try {
    const report = await db
      .withoutPlugins()
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (raw) => {
        const trx = raw as unknown as Db;
        const snapshot = await takeStock(trx, options.now ?? (() => new Date()));
        await pipeline(Readable.from(archiveLines(trx, storage, snapshot, progress)), createGzip(), createWriteStream(temporary, { flush: true }));
        const { counted, files, header } = snapshot;
        return { file: path, tables: counted.length, rows: counted.reduce((sum, t) => sum + t.rows, 0), files: files.length, fileBytes: header.files.bytes };
      });
    await rename(temporary, path);
    return report;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

const missing = (key: string): never => {
  throw new BackupError('FILE_MISSING', `evidence file ${key} named in the files table is not in storage`);
};
