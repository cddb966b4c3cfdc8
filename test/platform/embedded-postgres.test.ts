// The embedded PostgreSQL manager on its own: a real server in a temp directory, killed
// the ways a machine kills it (a leftover server, kill -9 of the postmaster), and started
// again with the data intact. bench/durability.ts does the same under load through the API.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { type EmbeddedServer, livePostmaster, startEmbeddedPostgres } from '../../src/store/embedded-postgres.ts';

const asRoot = process.getuid?.() === 0;
const linux = existsSync('/proc/self/stat');

async function query(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

const numbers = async (url: string) => (await query(url, 'select n from kept order by n')).map((row) => (row as { n: number }).n);

/** kill -9 of the postmaster, and the wait until it is gone. */
async function killPostmaster(dataDir: string): Promise<number> {
  const pid = livePostmaster(dataDir);
  if (!pid) throw new Error('no postmaster to kill');
  process.kill(pid, 'SIGKILL');
  for (let waited = 0; livePostmaster(dataDir) !== null; waited += 50) {
    if (waited > 10_000) throw new Error(`postmaster ${pid} still alive after kill -9`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return pid;
}

/** A zombie (exited, not yet reaped by PID 1) is not alive. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return !linux || state(pid) !== 'Z';
};

describe('the embedded PostgreSQL server manager', { timeout: 90_000 }, () => {
  let dir: string;
  let server: EmbeddedServer;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'capstone-embedded-test-'));
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates its cluster in a temp dir, owned by an unprivileged user when run as root, and takes a write', async () => {
    server = await startEmbeddedPostgres(dir);
    const owner = statSync(server.dataDir);
    if (asRoot) expect(owner.uid).not.toBe(0);
    else expect(owner.uid).toBe(process.getuid?.());
    expect(owner.mode & 0o777).toBe(0o700);
    // initdb's side directory was renamed into place, not left behind.
    expect(readdirSync(dir).filter((name) => name.includes('initdb'))).toEqual([]);
    expect(server.running()).toBe(true);
    await query(server.url, 'create table kept (n int primary key)');
    await query(server.url, 'insert into kept values (1)');
  });

  it('finds a server an earlier process left running, replaces it, and keeps the data', async () => {
    const leftover = livePostmaster(server.dataDir) as number;
    expect(leftover).toBeGreaterThan(0);
    // No stop(): as after a kill -9 of Node, the server is still running when the next start comes.
    server = await startEmbeddedPostgres(dir);
    expect(alive(leftover)).toBe(false);
    expect(livePostmaster(server.dataDir)).not.toBe(leftover);
    expect(await numbers(server.url)).toEqual([1]);
    await query(server.url, 'insert into kept values (2)');
  });

  it('after kill -9 of the postmaster, restart() recovers from the WAL on the same port, so an open pool resumes', async () => {
    const pool = new pg.Pool({ connectionString: server.url, max: 2 });
    pool.on('error', () => {}); // its idle connections die with the server
    try {
      await pool.query('insert into kept values (3)');
      await killPostmaster(server.dataDir);
      expect(server.running()).toBe(false);
      await expect(pool.query('select 1')).rejects.toThrow();
      const port = server.port;
      await server.restart();
      expect(server.port).toBe(port);
      expect(server.running()).toBe(true);
      const { rows } = await pool.query('select n from kept order by n');
      expect(rows.map((row) => row.n)).toEqual([1, 2, 3]);
    } finally {
      await pool.end();
    }
  });

  it('a connection lost while a transaction holds it fails that transaction, not the process; the pool resumes after restart()', async () => {
    const handle = openDatabase({ url: server.url, poolSize: 2 });
    try {
      // The client is checked out of the pool (no idle listener) when its server dies under it.
      const lost = handle.db.transaction().execute(async (trx) => {
        await sql`insert into kept values (4)`.execute(trx);
        await killPostmaster(server.dataDir);
        await new Promise((r) => setTimeout(r, 300)); // the socket's end arrives while still checked out
        await sql`insert into kept values (5)`.execute(trx);
      });
      await expect(lost).rejects.toThrow();
      await server.restart();
      const { rows } = await sql<{ n: number }>`select n from kept order by n`.execute(handle.db);
      expect(rows.map((row) => row.n)).toEqual([1, 2, 3]);
    } finally {
      await handle.close();
    }
  });

  it('after kill -9 of the postmaster, the next start recovers from the WAL with every committed write', async () => {
    await query(server.url, 'insert into kept select generate_series(4, 1000)');
    await killPostmaster(server.dataDir);
    const logBefore = readFileSync(join(dir, 'postgres.log'), 'utf8').length;
    server = await startEmbeddedPostgres(dir);
    const rows = await numbers(server.url);
    expect(rows).toHaveLength(1000);
    expect(rows.at(-1)).toBe(1000);
    expect(readFileSync(join(dir, 'postgres.log'), 'utf8').slice(logBefore)).toMatch(/database system was interrupted|not properly shut down/);
  });

  it('stop() stops it', async () => {
    const pid = livePostmaster(server.dataDir) as number;
    await server.stop();
    expect(server.running()).toBe(false);
    expect(alive(pid)).toBe(false);
    await expect(query(server.url, 'select 1')).rejects.toThrow();
  });
});

describe('a process killed while it creates the cluster', { timeout: 90_000 }, () => {
  it('leaves nothing that stops the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'capstone-initdb-killed-'));
    try {
      const manager = join(import.meta.dirname, '..', '..', 'src', 'store', 'embedded-postgres.ts');
      // Its own process group, so Node and the initdb it runs die together, as in a container stop.
      const child = spawn(process.execPath, ['-e', `import(${JSON.stringify(manager)}).then((m) => m.startEmbeddedPostgres(${JSON.stringify(dir)}))`], {
        detached: true,
        stdio: 'ignore',
      });
      const begun = () => ['postgres', 'postgres.initdb'].some((name) => existsSync(join(dir, name, 'PG_VERSION')));
      for (let waited = 0; !begun(); waited += 10) {
        if (waited > 30_000 || child.exitCode !== null) throw new Error('initdb never began');
        await new Promise((r) => setTimeout(r, 10));
      }
      process.kill(-(child.pid as number), 'SIGKILL');
      await new Promise((r) => setTimeout(r, 200));
      const server = await startEmbeddedPostgres(dir);
      try {
        expect(await query(server.url, 'select 1 as one')).toEqual([{ one: 1 }]);
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('livePostmaster', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'capstone-postmaster-pid-')), 'postgres');
    mkdirSync(dataDir);
  });
  afterAll(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  const pidFile = (pid: number) => writeFileSync(join(dataDir, 'postmaster.pid'), `${pid}\n${dataDir}\n`);

  it('is null without a postmaster.pid, or with a pid no process has', () => {
    expect(livePostmaster(dataDir)).toBeNull();
    pidFile(2 ** 22 + 1); // above Linux's pid_max
    expect(livePostmaster(dataDir)).toBeNull();
  });

  it.skipIf(!linux)('does not take a pid that now belongs to another process for the server (a reboot, a container restart)', () => {
    pidFile(process.pid);
    expect(livePostmaster(dataDir)).toBeNull();
  });

  it.skipIf(!linux)('does not take a zombie (a killed postmaster nobody reaped, e.g. under a PID 1 that reaps nothing) for the server', async () => {
    // sh starts a child that exits at once, then becomes `sleep`, which never reaps it: a zombie.
    const parent = spawn('sh', ['-c', 'sleep 0 & exec sleep 10'], { stdio: 'ignore' });
    try {
      let zombie: number | undefined;
      for (let waited = 0; zombie === undefined && waited < 5_000; waited += 50) {
        await new Promise((r) => setTimeout(r, 50));
        zombie = childrenOf(parent.pid as number).find((pid) => state(pid) === 'Z');
      }
      expect(zombie).toBeDefined();
      process.kill(zombie as number, 0); // does not throw: what the old check looked at
      pidFile(zombie as number);
      expect(livePostmaster(dataDir)).toBeNull();
    } finally {
      parent.kill('SIGKILL');
    }
  });
});

function state(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('two processes on one DATA_DIR', { timeout: 90_000 }, () => {
  it('uses the server another live Capstone process runs and leaves it running; once that process is gone, takes it over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'capstone-embedded-guest-'));
    const manager = join(import.meta.dirname, '..', '..', 'src', 'store', 'embedded-postgres.ts');
    // `serve`, say: it starts the server and keeps running.
    const owner = spawn(
      process.execPath,
      ['-e', `import(${JSON.stringify(manager)}).then((m) => m.startEmbeddedPostgres(${JSON.stringify(dir)})).then(() => setInterval(() => {}, 1000))`],
      {
        stdio: 'ignore',
      },
    );
    try {
      const ownerFile = join(dir, 'postgres.owner');
      for (let waited = 0; !existsSync(ownerFile) || readFileSync(ownerFile, 'utf8') !== String(owner.pid); waited += 50) {
        if (waited > 60_000 || owner.exitCode !== null) throw new Error('the owner never started its server');
        await new Promise((r) => setTimeout(r, 50));
      }
      const running = livePostmaster(join(dir, 'postgres')) as number;
      // A command run beside it (capstone audit verify, backup, import).
      const guest = await startEmbeddedPostgres(dir);
      expect(livePostmaster(guest.dataDir)).toBe(running);
      await query(guest.url, 'create table kept (n int)');
      await guest.stop();
      expect(livePostmaster(guest.dataDir)).toBe(running);
      // The owner is killed: the next start is the leftover case, and takes the server over.
      owner.kill('SIGKILL');
      await new Promise((r) => owner.once('exit', r));
      const next = await startEmbeddedPostgres(dir);
      try {
        expect(readFileSync(ownerFile, 'utf8')).toBe(String(process.pid));
        expect(await query(next.url, 'select count(*)::int as n from kept')).toEqual([{ n: 0 }]);
      } finally {
        await next.stop();
      }
      expect(livePostmaster(join(dir, 'postgres'))).toBeNull();
    } finally {
      owner.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
