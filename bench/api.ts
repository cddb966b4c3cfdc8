// bench/api: the API over a real PostgreSQL server, deleted at the end. BENCH_DB picks it:
//   embedded (default)  Capstone as `npm start` runs it: no DATABASE_URL, its own embedded
//                       PostgreSQL in a temp DATA_DIR;
//   url                 an embedded PostgreSQL this script starts, given to Capstone as
//                       DATABASE_URL (as a separate database server is reached).
// It starts the API as its own process (`node src/main.ts`), a bare Fastify hello-world
// process for scale, and a bare baseline process (Fastify + pg, no Capstone) over the same
// database; makes an EPAO admin, a provider and an employer and signs in; then measures
// with autocannon (50 connections, BENCH_SECONDS each, default 10):
//   (a) GET /api/v1/records?uln=…  an indexed read, and side by side in the same run (a0) the
//       baseline's GET /records?uln=…, one prepared query over the same tables; it prints (a)
//       as a ratio of (a0)
//   (b) POST /api/v1/records        registrations with new valid ULNs, and side by side in
//       the same run (b0) the baseline's POST /records, which inserts the same apprentice
//       and record plus one audit row in a transaction; it prints (b) as a ratio of (b0)
//   (c) a bulk CSV import of 10,000 apprentices: through POST /api/v1/records/import, and
//       through `capstone import` (which prints its progress)
//   (d) GET / on the hello-world server
//   (e) POST /api/v1/records/:id/bookings  BENCH_BOOKINGS (default 1,500) bookings, each of a
//       different gateway-approved record, made as fast as 50 connections can; with
//       BENCH_BEFORE=<git revision> the same on that revision's API, started from a temporary
//       worktree over a database of its own, and (e) printed as a ratio of it
// It prints req/s and p99 latency for each, and the import's seconds. Everything it
// started is stopped and its directory deleted at the end, also on failure or Ctrl-C.
//   node bench/api.ts            (npm run bench:api)
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bookingRun, startRevision, ulnsFrom } from './bookings.ts';

const root = join(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const IMPORT_ROWS = 10_000;
/** BENCH_PARTS=a,b: run only some of (a)–(d); the import through the API always runs, as the reads' data. */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'a,b,c,d,e').split(','));
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 1500);

// ---- autocannon, typed for what is used here (it ships no types) ----
type CannonRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
type CannonOptions = {
  url: string;
  connections: number;
  duration: number;
  /** A fixed number of requests instead of a duration. */
  amount?: number;
  headers?: Record<string, string>;
  requests?: (CannonRequest & { setupRequest?: (request: CannonRequest) => CannonRequest })[];
};
type Histogram = { average: number; p50: number; p99: number; max: number };
type CannonResult = { requests: Histogram & { total: number }; latency: Histogram; duration: number; non2xx: number; errors: number; timeouts: number };
const autocannon = createRequire(import.meta.url)('autocannon') as (options: CannonOptions) => Promise<CannonResult>;

type Figure = { label: string; aim: string; value: string; met?: boolean };

async function main(): Promise<void> {
  const cleanups: (() => Promise<void> | void)[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanup = () => {
    cleaning ??= (async () => {
      for (const step of cleanups.reverse()) {
        try {
          await step();
        } catch (error) {
          console.error(`bench/api: cleanup: ${(error as Error).message}`);
        }
      }
    })();
    return cleaning;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      console.error(`\nbench/api: ${signal}, stopping everything`);
      void cleanup().then(() => process.exit(130));
    });

  try {
    await run(cleanups);
  } catch (error) {
    console.error(`bench/api failed: ${(error as Error).stack ?? error}`);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

async function run(cleanups: (() => Promise<void> | void)[]): Promise<void> {
  const node = process.execPath;
  const mode = process.env.BENCH_DB ?? 'embedded';
  if (mode !== 'embedded' && mode !== 'url') throw new Error(`BENCH_DB is embedded or url, not "${mode}"`);
  console.log(
    `bench/api on Node ${process.version}, ${availableParallelism()} cores, database: ${mode === 'embedded' ? "Capstone's embedded PostgreSQL" : 'DATABASE_URL'}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'capstone-bench-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  // As root, PostgreSQL runs as an unprivileged user, who must be able to pass through.
  chmodSync(dir, 0o711);
  const { startEmbeddedPostgres } = await import('../src/store/embedded-postgres.ts');
  // With BENCH_DB=url this script runs the server; embedded, Capstone does (found after its start).
  const own = mode === 'url' ? await startEmbeddedPostgres(join(dir, 'server')) : null;
  if (own) cleanups.push(() => own.stop());
  // ---- the API and the hello-world server, each its own process ----
  const apiPort = await freePort(55440);
  // BENCH_PROFILE=<dir>: the API writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const api = startProcess(node, [...profile, join(root, 'src', 'main.ts')], {
    ...(own ? { DATABASE_URL: own.url } : { DATA_DIR: join(dir, 'capstone') }),
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'false',
  });
  cleanups.push(() => stopProcess(api));
  const base = `http://127.0.0.1:${apiPort}`;
  await waitFor(`${base}/health`, api);
  const databaseUrl = own?.url ?? embeddedUrl(join(dir, 'capstone'));
  const baselinePort = await freePort(apiPort + 1);
  const baseline = startProcess(node, [join(root, 'bench', 'api.ts'), '--baseline', String(baselinePort), databaseUrl], {});
  cleanups.push(() => stopProcess(baseline));
  await waitFor(`http://127.0.0.1:${baselinePort}/health`, baseline);
  const helloPort = await freePort(baselinePort + 1);
  const hello = startProcess(node, [join(root, 'bench', 'api.ts'), '--hello', String(helloPort)], {});
  cleanups.push(() => stopProcess(hello));
  await waitFor(`http://127.0.0.1:${helloPort}/`, hello);

  // ---- an EPAO admin, a provider and an employer, straight into the database ----
  const { openApp } = await import('../src/app/bootstrap.ts');
  const { hashPassword } = await import('../src/app/auth.ts');
  const opened = await openApp({ DATABASE_URL: databaseUrl });
  cleanups.push(() => opened.close());
  const db = opened.ctx.db;
  const epao = await db.insertInto('organisations').values({ kind: 'epao', name: 'Bench EPAO' }).returning('id').executeTakeFirstOrThrow();
  const provider = await db
    .insertInto('organisations')
    .values({ kind: 'provider', name: 'Bench Training', ukprn: '10009999' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const employer = await db.insertInto('organisations').values({ kind: 'employer', name: 'Bench Employer' }).returning('id').executeTakeFirstOrThrow();
  const password = 'bench password, not for production';
  const adminEmail = 'admin@bench.invalid';
  const adminId = (
    await db
      .insertInto('users')
      .values({ email: adminEmail, name: 'Bench Admin', role: 'epao-admin', organisationId: epao.id, passwordHash: await hashPassword(password) })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: adminEmail, password }),
  });
  const cookie = signIn.headers
    .getSetCookie()
    .find((c) => c.startsWith('capstone_session='))
    ?.split(';')[0];
  if (signIn.status !== 200 || !cookie) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
  // A change signed in by the cookie carries the session's CSRF token.
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };

  const figures: Figure[] = [];
  const ulns = ulnsFrom(100_000_000);
  const apprentice = (uln: string, n: number) => ({
    uln,
    given_names: 'Bench',
    family_name: `Apprentice ${n}`,
    date_of_birth: '2004-05-06',
    provider_id: provider.id,
    employer_id: employer.id,
    standard: 'ST0071@1.2',
    policy: 'PAL',
    start_date: '2024-09-02',
  });
  const csvOf = (rows: ReturnType<typeof apprentice>[]) => {
    const columns = Object.keys(rows[0] as object) as (keyof ReturnType<typeof apprentice>)[];
    return `${columns.join(',')}\r\n${rows.map((r) => columns.map((c) => r[c]).join(',')).join('\r\n')}\r\n`;
  };

  // ---- (c) imports first, so the reads search a table of 20,000 records ----
  const viaApi = Array.from({ length: IMPORT_ROWS }, (_, n) => apprentice(ulns.next().value as string, n));
  console.log(`\n(c) import of ${IMPORT_ROWS.toLocaleString('en-GB')} apprentices through POST /api/v1/records/import …`);
  const apiStart = performance.now();
  const imported = await fetch(`${base}/api/v1/records/import`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', cookie, 'x-csrf-token': csrfToken },
    body: csvOf(viaApi),
  });
  const apiSeconds = (performance.now() - apiStart) / 1000;
  const apiReport = (await imported.json()) as { imported?: number; rejected?: number; detail?: string };
  if (imported.status !== 200 || apiReport.imported !== IMPORT_ROWS)
    throw new Error(`API import: ${imported.status} ${JSON.stringify(apiReport).slice(0, 500)}`);
  console.log(`    ${apiReport.imported} imported, ${apiReport.rejected} rejected in ${apiSeconds.toFixed(2)} s`);
  figures.push({ label: '(c) import 10,000 via the API', aim: '< 5 s', value: `${apiSeconds.toFixed(2)} s`, met: apiSeconds < 5 });

  const viaCli = Array.from({ length: PARTS.has('c') ? IMPORT_ROWS : 0 }, (_, n) => apprentice(ulns.next().value as string, IMPORT_ROWS + n));
  if (PARTS.has('c')) {
    const file = join(dir, 'apprentices.csv');
    writeFileSync(file, csvOf(viaCli));
    console.log(`(c) the same through \`capstone import\` (progress from the command):`);
    const cliStart = performance.now();
    const cli = await runCli([join(root, 'bin', 'capstone'), 'import', file, '--as', adminEmail], { DATABASE_URL: databaseUrl });
    const cliSeconds = (performance.now() - cliStart) / 1000;
    if (cli.code !== 0) throw new Error(`capstone import exited ${cli.code}: ${cli.stderr}`);
    const cliReport = JSON.parse(cli.stdout) as { imported: number };
    console.log(`    ${cliReport.imported} imported in ${cliSeconds.toFixed(2)} s (the whole process: start, migrations check, import)`);
    figures.push({ label: '(c) import 10,000 via capstone import', aim: '< 5 s', value: `${cliSeconds.toFixed(2)} s`, met: cliSeconds < 5 });
  }

  // ---- (a) the indexed read ----
  const postmaster = Number(readFileSync(join(own?.dataDir ?? join(dir, 'capstone', 'postgres'), 'postmaster.pid'), 'utf8').split('\n')[0]);
  const apiWatch: Watched = { server: api.child.pid as number, postmaster, warm: true };
  const known = [...viaApi, ...viaCli].map((r) => r.uln);
  let k = 0;
  if (PARTS.has('a')) {
    const read = await measure(
      '(a) GET /api/v1/records?uln=…',
      {
        url: base,
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: { cookie },
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => ({ ...request, path: `/api/v1/records?uln=${known[k++ % known.length]}` }),
          },
        ],
      },
      apiWatch,
    );
    figures.push(rateFigure('(a) indexed read', read, 3000, 25));
    const bareRead = await measure(
      '(a0) GET /records?uln=… on the bare baseline (one prepared query over the same tables)',
      {
        url: `http://127.0.0.1:${baselinePort}`,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/records?uln=${known[k++ % known.length]}` }) }],
      },
      { server: baseline.child.pid as number, postmaster, warm: true },
    );
    figures.push(rateFigure('(a0) bare read baseline', bareRead));
    const ratio = read.requests.total / read.duration / (bareRead.requests.total / bareRead.duration);
    figures.push({ label: '(a)/(a0) reads against the baseline', aim: '≥ 0.5', value: ratio.toFixed(2), met: ratio >= 0.5 });
  }

  // ---- (b) registrations ----
  if (PARTS.has('b')) {
    const create = await measure(
      '(b) POST /api/v1/records',
      {
        url: base,
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        requests: [
          {
            method: 'POST',
            path: '/api/v1/records',
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({
                uln: ulns.next().value,
                givenNames: 'Bench',
                familyName: 'Created',
                dateOfBirth: '2004-05-06',
                providerId: provider.id,
                employerId: employer.id,
                standard: 'ST0071@1.2',
                policy: 'PAL',
                startDate: '2024-09-02',
              }),
            }),
          },
        ],
      },
      apiWatch,
    );
    figures.push(rateFigure('(b) create', create, 800, 50));
    let n = 0;
    const bare = await measure(
      '(b0) POST /records on the bare baseline (the same rows plus one audit row, in a transaction)',
      {
        url: `http://127.0.0.1:${baselinePort}`,
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            method: 'POST',
            path: '/records',
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({
                uln: ulns.next().value,
                familyName: `Baseline ${n++}`,
                providerId: provider.id,
                employerId: employer.id,
                actorId: adminId,
              }),
            }),
          },
        ],
      },
      { server: baseline.child.pid as number, postmaster, warm: true },
    );
    figures.push(rateFigure('(b0) bare create baseline', bare));
    const ratio = create.requests.total / create.duration / (bare.requests.total / bare.duration);
    figures.push({ label: '(b)/(b0) creates against the baseline', aim: '≥ 0.6', value: ratio.toFixed(2), met: ratio >= 0.6 });
  }

  // ---- (d) hello world, for scale ----
  if (PARTS.has('d')) {
    const helloResult = await measure(
      '(d) GET / (bare Fastify hello world)',
      { url: `http://127.0.0.1:${helloPort}`, connections: CONNECTIONS, duration: SECONDS },
      { server: hello.child.pid as number, warm: false },
    );
    figures.push(rateFigure('(d) hello world (scale)', helloResult));
  }

  // ---- (e) bookings, here and (with BENCH_BEFORE) on an earlier revision ----
  if (PARTS.has('e')) {
    const here = await bookingRun({
      base,
      cookie,
      csrfToken,
      providerId: provider.id,
      employerId: employer.id,
      count: BOOKINGS,
      connections: CONNECTIONS,
      ulnStem: 300_000_000,
    });
    // No warm-up: each booking uses up its record.
    const ours = await measure('(e) POST /api/v1/records/:id/bookings', here.options, { ...apiWatch, warm: false });
    figures.push(rateFigure('(e) bookings', ours));
    const before = process.env.BENCH_BEFORE;
    if (before) {
      const earlier = await startRevision(before, dir, cleanups, { node, freePort: () => freePort(helloPort + 1), startProcess, stopProcess, waitFor });
      const then = await bookingRun({ ...earlier, count: BOOKINGS, connections: CONNECTIONS, ulnStem: 300_000_000 });
      const theirs = await measure(`(e) the same on ${earlier.label}`, then.options, { server: earlier.pid, postmaster: earlier.postmaster, warm: false });
      figures.push(rateFigure(`(e) bookings on ${earlier.label}`, theirs));
      const ratio = ours.requests.total / ours.duration / (theirs.requests.total / theirs.duration);
      figures.push({ label: '(e) bookings against that revision', aim: '≥ 2', value: ratio.toFixed(2), met: ratio >= 2 });
    }
  }

  const records = await db
    .selectFrom('epaRecords')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(`\n${Number(records.n).toLocaleString('en-GB')} EPA records at the end\n`);
  console.log(`${'figure'.padEnd(40)} ${'measured'.padStart(28)}   aim (2 cores)`);
  for (const f of figures) console.log(`${f.label.padEnd(40)} ${f.value.padStart(28)}   ${f.aim}${f.met === undefined ? '' : f.met ? '  met' : '  MISSED'}`);
}

/** A warm-up of 2 s, then the measured run; counts errors and non-2xx answers. */
async function measure(label: string, options: CannonOptions, watch: Watched): Promise<CannonResult> {
  console.log(`\n${label}: ${options.connections} connections, ${options.amount ? `${options.amount} requests` : `for ${options.duration} s`} …`);
  if (watch.warm) await autocannon({ ...options, duration: 2 });
  const before = cpuTicks(watch);
  const started = performance.now();
  const result = await autocannon(options);
  // autocannon reports whole seconds: 3,000 bookings in 4.5 s would read as 4 or 5. The rate is of the time measured here.
  result.duration = (performance.now() - started) / 1000;
  const after = cpuTicks(watch);
  const throughput = result.requests.total / result.duration;
  console.log(
    `    ${Math.round(throughput).toLocaleString('en-GB')} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms` +
      ` (${result.requests.total.toLocaleString('en-GB')} requests, ${result.non2xx} non-2xx, ${result.errors} errors)`,
  );
  // Where the machine's CPU went, per request: the server process, PostgreSQL, and autocannon itself.
  const perRequest = (ticks: number) => Math.round((ticks * 10_000) / Math.max(1, result.requests.total)); // 100 ticks/s → µs
  const ours = after.server - before.server + (after.postgres - before.postgres) + (after.bench - before.bench);
  const busy = after.machine.busy - before.machine.busy;
  const share = (ticks: number) => Math.round((100 * Math.max(0, ticks)) / Math.max(1, after.machine.total - before.machine.total));
  console.log(
    `    CPU per request: server ${perRequest(after.server - before.server)} µs, PostgreSQL ${perRequest(after.postgres - before.postgres)} µs, ` +
      `autocannon ${perRequest(after.bench - before.bench)} µs; the machine was ${share(busy)}% busy, ${share(busy - ours)}% by other processes`,
  );
  if (result.non2xx > 0 || result.errors > 0) console.log('    WARNING: some requests failed; the rate counts only 2xx answers');
  return result;
}

type Watched = { server: number; postmaster?: number; warm: boolean };

/** CPU time in clock ticks (1/100 s) from /proc: the server process, PostgreSQL (the postmaster, its live backends and those it has reaped), this process. */
function cpuTicks(watch: Watched): { server: number; postgres: number; bench: number; machine: { busy: number; total: number } } {
  const stat = (pid: number | string) => {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      return { ppid: Number(f[1]), self: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]) };
    } catch {
      return null;
    }
  };
  let postgres = 0;
  if (watch.postmaster) {
    const master = stat(watch.postmaster);
    postgres = master ? master.self + master.reaped : 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const child = stat(entry);
      if (child?.ppid === watch.postmaster) postgres += child.self;
    }
  }
  const bench = stat(process.pid);
  // /proc/stat "cpu": user nice system idle iowait irq softirq steal …, in ticks summed over every core.
  const cpu = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').split(/\s+/).slice(1, 9).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const machine = { busy: total - (cpu[3] ?? 0) - (cpu[4] ?? 0), total };
  return { server: stat(watch.server)?.self ?? 0, postgres, bench: bench?.self ?? 0, machine };
}

function rateFigure(label: string, r: CannonResult, minRate?: number, maxP99?: number): Figure {
  const rate = r.requests.total / r.duration;
  const met = minRate === undefined ? undefined : rate >= minRate && r.latency.p99 < (maxP99 as number) && r.non2xx === 0 && r.errors === 0;
  return {
    label,
    aim: minRate === undefined ? '' : `≥ ${minRate.toLocaleString('en-GB')} req/s, p99 < ${maxP99} ms`,
    value: `${Math.round(rate).toLocaleString('en-GB')} req/s, p99 ${r.latency.p99} ms`,
    met,
  };
}

/** The connection string of the embedded server Capstone started in DATA_DIR (its port from postmaster.pid). */
function embeddedUrl(dataDir: string): string {
  const port = (readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3] ?? '').trim();
  const password = readFileSync(join(dataDir, 'postgres.secret'), 'utf8').trim();
  return `postgres://capstone:${encodeURIComponent(password)}@127.0.0.1:${port}/capstone`;
}

function freePort(from: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' && from < 65535) resolve(freePort(from + 1));
      else reject(error);
    });
    server.listen(from, '127.0.0.1', () => server.close(() => resolve(from)));
  });
}

type Started = { child: ChildProcess; stderr: string[] };

function startProcess(command: string, args: string[], env: Record<string, string>): Started {
  const child = spawn(command, ['--disable-warning=ExperimentalWarning', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const started: Started = { child, stderr: [] };
  child.stderr?.on('data', (chunk: Buffer) => {
    started.stderr.push(chunk.toString());
    if (started.stderr.length > 50) started.stderr.shift();
  });
  return started;
}

async function stopProcess(p: Started): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => p.child.once('exit', () => resolve()));
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function waitFor(url: string, p: Started): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (p.child.exitCode !== null) throw new Error(`the process for ${url} exited ${p.child.exitCode}: ${p.stderr.join('')}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within 30 s: ${p.stderr.join('')}`);
}

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const [command, ...rest] = args as [string, ...string[]];
    const child = spawn(command, rest, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stderr += text;
      for (const line of text.split('\n')) if (line) console.log(`    ${line}`);
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

// ---- the bare baseline: Fastify and pg with nothing of Capstone's, writing what a registration writes ----
async function baselineServer(port: number, url: string): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const app = Fastify({ logger: false });
  app.get('/health', async () => ({ ok: true }));
  // The same read as GET /api/v1/records?uln=…: the record, its apprentice and both organisations.
  app.get('/records', async (request) => {
    const { uln } = request.query as { uln: string };
    const { rows } = await pool.query({
      name: 'records-by-uln',
      text: `select r.id, r.version, r.status, r.standard, r.policy, r.start_date, r.planned_end_date, r.registered_on,
                    r.gateway_approved_on, r.epa_start, r.epa_end, r.channel, r.showcase_format, r.extra_time_percent, r.adjustments,
                    a.id as apprentice_id, a.uln, a.given_names, a.family_name, a.date_of_birth, a.email, a.ehcp,
                    p.id as provider_id, p.name as provider_name, e.id as employer_id, e.name as employer_name
               from epa_records r
               join apprentices a on a.id = r.apprentice_id
               join organisations p on p.id = a.provider_id
               join organisations e on e.id = a.employer_id
              where r.uln = $1
              order by r.created_at desc`,
      values: [uln],
    });
    return { records: rows };
  });
  app.post('/records', async (request, reply) => {
    const b = request.body as { uln: string; familyName: string; providerId: string; employerId: string; actorId: string };
    const client = await pool.connect();
    try {
      await client.query('begin');
      const made = await client.query(
        `with apprentice as (
           insert into apprentices (uln, given_names, family_name, date_of_birth, ehcp, provider_id, employer_id)
           values ($1, 'Bench', $2, '2004-05-06', false, $3, $4) returning id)
         insert into epa_records (apprentice_id, uln, standard, standard_code, policy, status, start_date, planned_end_date, registered_on, channel, extra_time_percent, updated_at)
         select apprentice.id, $1, 'ST0071@1.2', 'ST0071', 'PAL', 'registered', '2024-09-02', '2025-09-02', '2026-01-05', 'face-to-face', 0, now() from apprentice
         returning id`,
        [b.uln, b.familyName, b.providerId, b.employerId],
      );
      const id = made.rows[0]?.id as string;
      await client.query(
        `insert into audit_log (at, actor_id, actor, action, entity, entity_id, before, after) values (now(), $1, 'Bench Admin', 'register', 'epa-record', $2, null, $3)`,
        [b.actorId, id, JSON.stringify(b)],
      );
      await client.query('commit');
      return reply.code(201).send({ id });
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  });
  await app.listen({ port, host: '127.0.0.1' });
  process.on('SIGTERM', () => void app.close().then(() => pool.end().then(() => process.exit(0))));
}

// ---- hello-world mode: this same file, started as the scale process (last, so every const above is set) ----
if (process.argv[2] === '--baseline') {
  await baselineServer(Number(process.argv[3]), process.argv[4] as string);
} else if (process.argv[2] === '--hello') {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  await app.listen({ port: Number(process.argv[3]), host: '127.0.0.1' });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
} else {
  await main();
}
