// The backup archive's format (format "capstone-backup", version 1): gzip over lines of
// JSON. A header line (the migrations applied, each table's columns and row count, the
// evidence files' count); per table a `{"table"}` line and one row per line; per evidence
// file a `{"file"}` line and its bytes as base64 lines; a trailer with the counts and the
// SHA-256 of every byte before it, so a truncated or altered archive is refused before
// anything is written. Reading checks the whole structure as it goes.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

export const FORMAT = 'capstone-backup';
export const FORMAT_VERSION = 1;
/** Raw bytes per base64 line of an evidence file (a line of about 1 MiB). */
export const CHUNK_BYTES = 768 * 1024;
/** No honest line comes near this; a longer one is a damaged or hostile file, not memory to spend. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

export type TableInfo = { name: string; columns: string[]; rows: number };
export type Header = {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  migrations: string[];
  tables: TableInfo[];
  files: { count: number; bytes: number };
};
export type FileEntry = { file: string; key: string; size: number };
export type Trailer = { end: typeof FORMAT; tables: number; rows: number; files: number; sha256: string };

/** A backup that cannot be taken or restored; `code` is stable, the message says what to do. */
export class BackupError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export type ArchiveEvent =
  | { kind: 'header'; header: Header }
  | { kind: 'table'; table: TableInfo }
  | { kind: 'rows'; table: TableInfo; rows: string[]; bytes: number }
  | { kind: 'file'; entry: FileEntry; bytes: Buffer }
  | { kind: 'end'; trailer: Trailer };

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/** Splits a byte stream on '\n' exactly (the checksum is over these bytes), refusing endless lines. */
async function* lines(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of source) {
    let start = 0;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, at));
      yield Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      start = at + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > MAX_LINE_BYTES) throw new BackupError('DAMAGED', 'the archive has a line longer than any backup writes');
    }
  }
  if (pendingBytes > 0) throw new BackupError('DAMAGED', 'the archive ends in the middle of a line (truncated)');
}

function parse(line: Buffer, what: string): unknown {
  try {
    return JSON.parse(line.toString('utf8'));
  } catch {
    throw new BackupError('DAMAGED', `the archive's ${what} is not valid JSON`);
  }
}

function header(value: unknown): Header {
  const h = value as Partial<Header> | null;
  if (h?.format !== FORMAT) throw new BackupError('NOT_A_BACKUP', 'it is not a Capstone backup (no capstone-backup header)');
  if (h.formatVersion !== FORMAT_VERSION)
    throw new BackupError(
      'NEWER_BACKUP',
      `it is backup format ${String(h.formatVersion)}; this Capstone reads format ${FORMAT_VERSION}: upgrade Capstone first`,
    );
  const tablesOk =
    Array.isArray(h.tables) &&
    h.tables.every((t) => IDENTIFIER.test(t?.name) && isCount(t.rows) && Array.isArray(t.columns) && t.columns.every((c) => typeof c === 'string'));
  const migrationsOk = Array.isArray(h.migrations) && h.migrations.length > 0 && h.migrations.every((m) => typeof m === 'string');
  if (!tablesOk || !migrationsOk || !isCount(h.files?.count) || !isCount(h.files?.bytes) || typeof h.createdAt !== 'string')
    throw new BackupError('DAMAGED', "the archive's header is not what a backup writes");
  return h as Header;
}

/** Where a damaged gzip stream says so, the reader says it plainly. */
function gzipProblem(error: NodeJS.ErrnoException): BackupError {
  if (error instanceof BackupError) return error;
  if (error.code === 'Z_BUF_ERROR' || /unexpected end/i.test(error.message)) return new BackupError('DAMAGED', 'the archive ends early (truncated)');
  return new BackupError('DAMAGED', `the archive is damaged (${error.message})`);
}

/** The archive's lines, one at a time, hashed as they are taken. */
class ArchiveLines {
  readonly hash = createHash('sha256');
  private readonly iterator: AsyncIterator<Buffer>;

  constructor(gunzip: AsyncIterable<Buffer>) {
    this.iterator = lines(gunzip)[Symbol.asyncIterator]();
  }

  /** The next line, or the end; a gzip fault becomes a damaged archive. */
  async read(): Promise<IteratorResult<Buffer>> {
    try {
      return await this.iterator.next();
    } catch (error) {
      throw gzipProblem(error as NodeJS.ErrnoException);
    }
  }

  /** The next line, which must be there (`what` names it for the refusal), not hashed. */
  async next(what: string): Promise<Buffer> {
    const result = await this.read();
    if (result.done) throw new BackupError('DAMAGED', `the archive ends before ${what} (truncated)`);
    return result.value;
  }

  /** The next line, which must be there, counted in the checksum. */
  async take(what: string): Promise<Buffer> {
    const line = await this.next(what);
    this.hash.update(line).update('\n');
    return line;
  }
}

async function assertGzip(path: string): Promise<void> {
  const magic = Buffer.alloc(2);
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new BackupError('NO_FILE', error.code === 'ENOENT' ? 'no such file' : error.message);
  });
  try {
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    if (bytesRead < 2 || magic[0] !== 0x1f || magic[1] !== 0x8b) throw new BackupError('NOT_A_BACKUP', 'it is not a Capstone backup (not gzip-compressed)');
  } finally {
    await handle.close();
  }
}

async function readHeader(input: ArchiveLines): Promise<Header> {
  const first = await input.take('its header');
  let parsed: unknown;
  try {
    parsed = JSON.parse(first.toString('utf8'));
  } catch {
    throw new BackupError('NOT_A_BACKUP', 'it is not a Capstone backup (no capstone-backup header)');
  }
  return header(parsed);
}

type Batching = { batchRows: number; batchBytes: number };

async function* readTable(input: ArchiveLines, table: TableInfo, { batchRows, batchBytes }: Batching): AsyncGenerator<ArchiveEvent> {
  const marker = parse(await input.take(`table ${table.name}`), `table ${table.name}`) as { table?: unknown; rows?: unknown };
  if (marker?.table !== table.name || marker.rows !== table.rows)
    throw new BackupError('DAMAGED', `the archive's table ${table.name} is not where the header says`);
  yield { kind: 'table', table };
  let batch: string[] = [];
  let bytes = 0;
  for (let i = 0; i < table.rows; i++) {
    const row = await input.take(`row ${i + 1} of ${table.name}`);
    if (row[0] !== 0x7b) throw new BackupError('DAMAGED', `row ${i + 1} of ${table.name} is not a row`);
    batch.push(row.toString('utf8'));
    bytes += row.length;
    if (batch.length >= batchRows || bytes >= batchBytes) {
      yield { kind: 'rows', table, rows: batch, bytes };
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length > 0) yield { kind: 'rows', table, rows: batch, bytes };
}

async function readEvidenceFile(input: ArchiveLines, n: number): Promise<{ entry: FileEntry; bytes: Buffer }> {
  const entry = parse(await input.take(`evidence file ${n + 1}`), 'evidence file entry') as FileEntry;
  if (!SHA256.test(entry?.file) || typeof entry.key !== 'string' || !isCount(entry.size) || entry.size === 0)
    throw new BackupError('DAMAGED', `evidence file ${n + 1}'s entry is not what a backup writes`);
  const parts: Buffer[] = [];
  let got = 0;
  while (got < entry.size) {
    const chunk = parse(await input.take(`the rest of evidence file ${entry.file}`), 'evidence file data');
    if (typeof chunk !== 'string') throw new BackupError('DAMAGED', `evidence file ${entry.file} is cut short`);
    const part = Buffer.from(chunk, 'base64');
    parts.push(part);
    got += part.length;
  }
  const bytes = Buffer.concat(parts);
  if (got !== entry.size || createHash('sha256').update(bytes).digest('hex') !== entry.file)
    throw new BackupError('DAMAGED', `evidence file ${entry.file} does not match its SHA-256`);
  return { entry, bytes };
}

async function readTrailer(input: ArchiveLines, h: Header, totalRows: number): Promise<Trailer> {
  const expected = input.hash.digest('hex');
  const trailer = parse(await input.next('its trailer'), 'trailer') as Trailer;
  if (trailer?.end !== FORMAT || trailer.tables !== h.tables.length || trailer.rows !== totalRows || trailer.files !== h.files.count)
    throw new BackupError('DAMAGED', "the archive's trailer does not match its contents");
  if (trailer.sha256 !== expected) throw new BackupError('DAMAGED', 'the archive does not match its checksum (altered or damaged)');
  if (!(await input.read()).done) throw new BackupError('DAMAGED', 'the archive goes on after its trailer');
  return trailer;
}

/**
 * Reads an archive as events, checking as it goes: the header, each table's row count,
 * each file's size and SHA-256, the trailer's counts and checksum, and nothing after it.
 * Rows come in batches of at most `batchRows` rows or about `batchBytes` bytes.
 */
export async function* readArchive(path: string, options: { batchRows?: number; batchBytes?: number } = {}): AsyncGenerator<ArchiveEvent> {
  const batching = { batchRows: options.batchRows ?? 2000, batchBytes: options.batchBytes ?? 8 * 1024 * 1024 };
  await assertGzip(path);
  const gunzip = createReadStream(path).pipe(createGunzip());
  const input = new ArchiveLines(gunzip);
  try {
    const h = await readHeader(input);
    yield { kind: 'header', header: h };
    let totalRows = 0;
    for (const table of h.tables) {
      yield* readTable(input, table, batching);
      totalRows += table.rows;
    }
    let fileBytes = 0;
    for (let n = 0; n < h.files.count; n++) {
      const file = await readEvidenceFile(input, n);
      fileBytes += file.bytes.length;
      yield { kind: 'file', ...file };
    }
    if (fileBytes !== h.files.bytes) throw new BackupError('DAMAGED', 'the evidence files do not add up to the size the header gives');
    yield { kind: 'end', trailer: await readTrailer(input, h, totalRows) };
  } finally {
    gunzip.destroy();
  }
}

/** Reads the whole archive once, checking everything; returns its header. Writes nothing. */
export async function verifyArchive(path: string): Promise<{ header: Header; trailer: Trailer }> {
  let found: Header | undefined;
  for await (const event of readArchive(path)) {
    if (event.kind === 'header') found = event.header;
    if (event.kind === 'end') return { header: found as Header, trailer: event.trailer };
  }
  throw new BackupError('DAMAGED', 'the archive ends early (truncated)');
}
