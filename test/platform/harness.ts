// An app over a database of its own for each test file: a clone of the migrated template
// on the run's PostgreSQL server (test/database-setup.ts).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../src/app/auth.ts';
import { openApp } from '../../src/app/bootstrap.ts';
import type { AppContext } from '../../src/app/context.ts';
import type { Role } from '../../src/domain/access/access.ts';
import { CSRF_HEADER } from '../../src/http/api-csrf.ts';
import { SESSION_COOKIE } from '../../src/http/kit.ts';
import { buildServer } from '../../src/http/server.ts';
import { csrfSecret, csrfToken } from '../../src/web/csrf.ts';
import { freshDatabase } from '../fresh-database.ts';

/** One engine everywhere (DESIGN §3); suites still name it in their titles. */
export type Engine = 'postgres';
export const ENGINES: Engine[] = ['postgres'];

export type TestApp = {
  app: FastifyInstance;
  ctx: AppContext;
  /** Fixes "today" for the rules: a London calendar date, at noon UTC unless another UTC time is given. */
  setToday(date: string, utcTime?: string): void;
  /** Creates a user (and its organisation where needed) and returns a signed-in cookie. */
  user(role: Role, options?: { organisationId?: string; apprenticeId?: string; email?: string }): Promise<{ id: string; email: string; cookie: string }>;
  signIn(email: string, password?: string): Promise<string>;
  organisation(kind: 'epao' | 'provider' | 'employer', name?: string): Promise<string>;
  /**
   * A request as a client would send it. With a cookie, the X-CSRF-Token header that the API
   * asks of cookie-signed changes is added (unless `csrf: false`, for the tests that it is refused).
   */
  request(
    method: string,
    url: string,
    options?: { cookie?: string; body?: unknown; headers?: Record<string, string>; csrf?: boolean },
  ): Promise<LightMyRequestResponse>;
  /** The X-CSRF-Token value for a session cookie. */
  csrfToken(cookie: string): string;
  close(): Promise<void>;
};

export const PASSWORD = 'correct horse battery staple';
let passwordHash: string | undefined;
let counter = 0;

export { freshDatabase as freshPostgresUrl } from '../fresh-database.ts';

export async function createTestApp(_engine: Engine = 'postgres'): Promise<TestApp> {
  let today = '2026-01-05';
  let time = '12:00';
  const now = () => new Date(`${today}T${time}:00Z`);
  const pgdb = await freshDatabase();
  const opened = await openApp({ DATABASE_URL: pgdb.url }, { memory: true, now });
  const { ctx } = opened;
  const app = await buildServer(ctx);
  passwordHash ??= await hashPassword(PASSWORD);

  const organisation = async (kind: 'epao' | 'provider' | 'employer', name?: string) => {
    counter++;
    const ukprn = kind === 'provider' ? `1${String(1000000 + counter).slice(-7)}` : null;
    const row = await ctx.db
      .insertInto('organisations')
      .values({ kind, name: name ?? `${kind} ${counter}`, ukprn })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };

  // The server and the pages take the same secret from the environment.
  const csrfFor = (cookie: string) => csrfToken(csrfSecret().secret, 'session', cookie);
  const request: TestApp['request'] = (method, url, options = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(options.cookie ? { cookie: `${SESSION_COOKIE}=${options.cookie}` } : {}),
        ...(options.cookie && options.csrf !== false ? { [CSRF_HEADER]: csrfFor(options.cookie) } : {}),
        ...(options.headers ?? {}),
      },
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    });

  const signIn = async (email: string, password = PASSWORD) => {
    const response = await request('POST', '/api/v1/auth/sign-in', { body: { email, password } });
    if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    if (!cookie) throw new Error('no session cookie');
    return cookie.value;
  };

  const user: TestApp['user'] = async (role, options = {}) => {
    counter++;
    const email = options.email ?? `${role}${counter}@test.invalid`;
    let organisationId = options.organisationId ?? null;
    if (!organisationId && (role === 'provider' || role === 'employer')) organisationId = await organisation(role);
    if (!organisationId && role === 'epao-admin') organisationId = await organisation('epao');
    const row = await ctx.db
      .insertInto('users')
      .values({ email, name: `${role} ${counter}`, role, organisationId, apprenticeId: options.apprenticeId ?? null, passwordHash: passwordHash as string })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (role === 'assessor') await ctx.db.insertInto('assessors').values({ userId: row.id, qualifications: '[]' }).execute();
    return { id: row.id, email, cookie: await signIn(email) };
  };

  return {
    app,
    ctx,
    setToday: (date, utcTime = '12:00') => {
      today = date;
      time = utcTime;
    },
    user,
    signIn,
    organisation,
    request,
    csrfToken: csrfFor,
    async close() {
      await app.close();
      await opened.close();
      await pgdb.drop();
    },
  };
}
