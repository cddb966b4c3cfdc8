// bench/api's (e): bookings made through the API as fast as the connections allow. Each
// booking is of its own gateway-approved record (ST0072@1.1 under Highfield: its gateway
// needs only the showcase format, and its window opens at the first assessment), with its
// own assessor and day, so every request is a booking the rules accept: the figure is of
// bookings made, not refusals. `startRevision` runs an earlier revision's API beside this
// one, from a temporary git worktree over a database of its own, to measure it the same way.
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { englandAndWalesBankHolidays } from '../src/domain/calendar/bank-holidays.ts';
import { addDays } from '../src/domain/calendar/dates.ts';
import { utcToLondon } from '../src/domain/calendar/london-time.ts';
import { addWorkingDays } from '../src/domain/calendar/working-days.ts';

const ASSESSORS = 40;
const SETUP_CONCURRENCY = 8;
const root = join(import.meta.dirname, '..');

export type ApiSession = { base: string; cookie: string; csrfToken: string; providerId: string; employerId: string };

type BookingRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string };

/** Makes `count` records ready to book on the API at `base`, and the autocannon options that book each once. */
export async function bookingRun(session: ApiSession & { count: number; connections: number; ulnStem: number }) {
  const { base, count } = session;
  const send = api(session);
  const today = utcToLondon(new Date()).date;
  const holidays = englandAndWalesBankHolidays();
  console.log(`\n(e) on ${base}: ${ASSESSORS} assessors and ${count.toLocaleString('en-GB')} gateway-approved records …`);
  const started = performance.now();
  const assessors = await inParallel(ASSESSORS, async (i) => {
    const made = await send('POST', '/api/v1/assessors', {
      email: `bench-assessor-${i}@bench.invalid`,
      name: `Bench Assessor ${i}`,
      password: 'bench assessor password',
      standards: ['ST0072@1.1'],
      standardisedOn: addDays(today, -7),
    });
    return made.id;
  });
  const ulns = ulnsFrom(session.ulnStem);
  const records = await inParallel(count, async (n) => {
    const record = await send('POST', '/api/v1/records', {
      uln: ulns.next().value,
      givenNames: 'Bench',
      familyName: `Booked ${n}`,
      dateOfBirth: '2003-11-02',
      providerId: session.providerId,
      employerId: session.employerId,
      standard: 'ST0072@1.1',
      policy: 'HIGHFIELD',
      startDate: '2024-10-07',
      channel: 'non-facing',
    });
    const submitted = await send('POST', `/api/v1/records/${record.id}/gateway`, {
      qualifications: { english: null, maths: null },
      declarations: { employer: true, provider: true, apprentice: true },
      showcaseFormat: 'report',
    });
    await send('POST', `/api/v1/gateway/${submitted.id}/decision`, { decision: 'approve' });
    return record.id;
  });
  // One booking per assessor per working day, from six weeks ahead (clear of every notice and lead time).
  const days: string[] = [];
  for (let day = addWorkingDays(today, 30, holidays); days.length < Math.ceil(count / ASSESSORS); day = addWorkingDays(day, 1, holidays)) days.push(day);
  console.log(`    ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  let next = 0;
  return {
    options: {
      url: base,
      connections: session.connections,
      duration: 0,
      amount: count,
      headers: { cookie: session.cookie, 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      requests: [
        {
          method: 'POST',
          setupRequest: (request: BookingRequest): BookingRequest => {
            const n = next++ % count;
            return {
              ...request,
              path: `/api/v1/records/${records[n]}/bookings`,
              body: JSON.stringify({
                method: 'showcase',
                date: days[Math.floor(n / ASSESSORS)],
                startTime: '10:00',
                assessorId: assessors[n % ASSESSORS],
                remoteLink: `https://meet.example.test/bench-${n}`,
              }),
            };
          },
        },
      ],
    },
  };
}

type Process = { child: { pid?: number | undefined } };
type Deps<P extends Process> = {
  node: string;
  freePort(): Promise<number>;
  startProcess(command: string, args: string[], env: Record<string, string>): P;
  stopProcess(p: P): Promise<void>;
  waitFor(url: string, p: P): Promise<void>;
};

/**
 * The API of an earlier revision, as `npm start` runs it on its own embedded PostgreSQL, with
 * an EPAO admin, a provider and an employer written straight into its database (with plain
 * SQL, so this revision's migrations never touch it) and the admin signed in.
 */
export async function startRevision<P extends Process>(
  revision: string,
  dir: string,
  cleanups: (() => Promise<void> | void)[],
  deps: Deps<P>,
): Promise<ApiSession & { label: string; pid: number; postmaster: number }> {
  const commit = execFileSync('git', ['-C', root, 'rev-parse', '--short', revision], { encoding: 'utf8' }).trim();
  const tree = join(dir, `revision-${commit}`);
  execFileSync('git', ['-C', root, 'worktree', 'add', '--detach', tree, commit], { stdio: 'ignore' });
  cleanups.push(() => {
    execFileSync('git', ['-C', root, 'worktree', 'remove', '--force', tree], { stdio: 'ignore' });
  });
  symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
  const port = await deps.freePort();
  const dataDir = join(dir, `revision-${commit}-data`);
  const server = deps.startProcess(deps.node, [join(tree, 'src', 'main.ts')], {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'false',
  });
  cleanups.push(() => deps.stopProcess(server));
  const base = `http://127.0.0.1:${port}`;
  await deps.waitFor(`${base}/health`, server);
  const { readFileSync } = await import('node:fs');
  const pid = readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n');
  const secret = readFileSync(join(dataDir, 'postgres.secret'), 'utf8').trim();
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: `postgres://capstone:${encodeURIComponent(secret)}@127.0.0.1:${(pid[3] ?? '').trim()}/capstone` });
  await client.connect();
  const { hashPassword } = await import('../src/app/auth.ts');
  const email = 'admin@bench.invalid';
  const password = 'bench password, not for production';
  try {
    const org = async (kind: string, name: string, ukprn: string | null) =>
      (await client.query('insert into organisations (kind, name, ukprn) values ($1, $2, $3) returning id', [kind, name, ukprn])).rows[0].id as string;
    const epaoId = await org('epao', 'Bench EPAO', null);
    const providerId = await org('provider', 'Bench Training', '10009999');
    const employerId = await org('employer', 'Bench Employer', null);
    await client.query("insert into users (email, name, role, organisation_id, password_hash) values ($1, 'Bench Admin', 'epao-admin', $2, $3)", [
      email,
      epaoId,
      await hashPassword(password),
    ]);
    const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('capstone_session='))
      ?.split(';')[0];
    if (signIn.status !== 200 || !cookie) throw new Error(`sign-in on ${commit} failed: ${signIn.status} ${await signIn.text()}`);
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    return { base, cookie, csrfToken, providerId, employerId, label: `revision ${commit}`, pid: server.child.pid as number, postmaster: Number(pid[0]) };
  } finally {
    await client.end();
  }
}

/** A JSON call that must succeed; its body. */
function api(session: ApiSession) {
  return async (method: string, path: string, body: unknown): Promise<{ id: string }> => {
    const response = await fetch(`${session.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as { id: string };
  };
}

/** `work(0 … n-1)`, a few at a time, results in order. */
async function inParallel<T>(n: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      results[i] = await work(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SETUP_CONCURRENCY, n) }, worker));
  return results;
}

/** Valid ULNs (the LRS check-digit rule, src/domain/gateway/uln.ts) from a 9-digit stem up. */
export function* ulnsFrom(stem: number): Generator<string> {
  for (let n = stem; n < 1_000_000_000; n++) {
    const digits = String(n);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
    const r = sum % 11;
    if (r !== 0) yield `${digits}${10 - r}`;
  }
}
