// `capstone backup FILE` and `capstone restore FILE`: the database (DATABASE_URL, or the
// embedded one in DATA_DIR) and its evidence files (DATA_DIR/files) to one archive and
// back. Progress goes to stderr, a one-line summary to stdout. Exit 0: done; 2: refused
// (an archive that is damaged, truncated or not a backup; a database that is not empty),
// with one line on stderr and nothing written.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Environment } from '../app/bootstrap.ts';
import { loadSigner } from '../store/audit-key.ts';
import { BackupError } from '../store/backup-archive.ts';
import { type DatabaseHandle, openDatabase } from '../store/database.ts';
import { startEmbeddedPostgres } from '../store/embedded-postgres.ts';
import { LocalDiskStorage } from '../store/local-storage.ts';
import { BadInput, EXIT, type Output } from './io.ts';

type Store = { handle: DatabaseHandle; storage: LocalDiskStorage; close(): Promise<void> };

/** The database openApp would use, opened without migrating it: a backup reads the schema as it is; a restore builds it. */
async function openStore(env: Environment, mustExist: boolean): Promise<Store> {
  const dataDir = env.DATA_DIR ?? './data';
  const storage = new LocalDiskStorage(join(dataDir, 'files'));
  if (env.DATABASE_URL) {
    const handle = openDatabase({ url: env.DATABASE_URL, poolSize: 2 });
    return { handle, storage, close: () => handle.close() };
  }
  if (mustExist && !existsSync(join(dataDir, 'postgres', 'PG_VERSION')))
    throw new BadInput(`no database to back up: ${dataDir} holds no embedded database and DATABASE_URL is not set`);
  // A server a running Capstone has up is used as it is (and left running): backing up must not stop it.
  const embedded = await startEmbeddedPostgres(dataDir);
  const handle = openDatabase({ url: embedded.url, poolSize: 2 });
  return {
    handle,
    storage,
    async close() {
      await handle.close();
      await embedded.stop();
    },
  };
}

function fileArgument(args: readonly string[], command: string): string {
  const flag = args.find((a) => a.startsWith('-') && a !== '-');
  if (flag) throw new BadInput(`unknown option ${flag} (usage: capstone ${command} FILE)`);
  if (args.length !== 1 || !args[0]) throw new BadInput(`usage: capstone ${command} FILE`);
  return args[0];
}

const refused = (what: string, error: unknown): never => {
  if (error instanceof BackupError) throw new BadInput(`cannot ${what} (${error.code}): ${error.message}`);
  throw error;
};

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

export async function backupCommand(
  args: readonly string[],
  env: Environment = process.env,
  progress: NodeJS.WritableStream = process.stderr,
): Promise<Output> {
  const file = fileArgument(args, 'backup');
  const { backupDatabase } = await import('../store/backup.ts');
  const store = await openStore(env, true);
  try {
    const report = await backupDatabase(store.handle.db, store.storage, file, { onProgress: (m) => progress.write(`${m}\n`) }).catch((e) =>
      refused(`back up to ${file}`, e),
    );
    const summary = `backup written to ${file}: ${report.tables} tables, ${report.rows} rows, ${report.files} evidence files (${megabytes(report.fileBytes)})`;
    return { exitCode: EXIT.yes, stdout: `${summary}\n` };
  } finally {
    await store.close();
  }
}

export async function restoreCommand(
  args: readonly string[],
  env: Environment = process.env,
  progress: NodeJS.WritableStream = process.stderr,
): Promise<Output> {
  const file = fileArgument(args, 'restore');
  const found = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new BadInput(`cannot restore ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  if (!found.isFile()) throw new BadInput(`cannot restore ${file}: not a file`);
  const { restoreDatabase } = await import('../store/restore.ts');
  const { verifyArchive } = await import('../store/backup-archive.ts');
  // The whole archive is checked before a database is touched (or an embedded one created).
  const verified = await verifyArchive(file).catch((e) => refused(`restore ${file}`, e));
  const store = await openStore(env, false);
  try {
    const report = await restoreDatabase(store.handle.db, store.storage, file, { verified, onProgress: (m) => progress.write(`${m}\n`) }).catch((e) =>
      refused(`restore ${file}`, e),
    );
    const warning = keyWarning(env, report.checkpointKeyIds);
    return {
      exitCode: EXIT.yes,
      stdout: `restored ${file} (taken ${report.createdAt}): ${report.tables} tables, ${report.rows} rows, ${report.files} evidence files\n`,
      ...(warning ? { stderr: `${warning}\n` } : {}),
    };
  } finally {
    await store.close();
  }
}

/**
 * The audit checkpoints stay verifiable only with the key that signed them, which a backup
 * deliberately does not hold: say so when this installation lacks it.
 */
function keyWarning(env: Environment, keyIds: readonly string[]): string | null {
  if (keyIds.length === 0) return null;
  let here: string | null = null;
  try {
    here = loadSigner(env, env.DATA_DIR ?? './data', false)?.keyId ?? null;
  } catch {
    here = null;
  }
  if (here && keyIds.includes(here)) return null;
  return (
    `warning: the restored audit checkpoints were signed with key ${keyIds.join(', ')}; ` +
    `${here ? `this installation's key is ${here}` : 'this installation has no audit key'}. ` +
    "Put the EPAO's audit-signing.key in DATA_DIR (or set AUDIT_SIGNING_KEY) before starting Capstone."
  );
}
