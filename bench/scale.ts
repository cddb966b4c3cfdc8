// bench/scale: the apprentices list, its search and filters, the work queues, the CSV export
// and the reminders, at 1,000, 10,000 and 100,000 apprentices on Capstone's embedded
// PostgreSQL. The apprentices go in through the import use-case (40 providers, 400
// employers, names with accents), then their records are spread over every status.
// Each figure is the median of 5 runs of the use-case in process (no HTTP), as the admin and
// as one provider (the export at 1,000 apprentices has only 1,000 rows to write). `npm run bench:scale`; BENCH_SIZES=1000,10000 for fewer sizes.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import { openApp } from '../src/app/bootstrap.ts';
import { importRegistrations } from '../src/app/bulk-import.ts';
import type { AppContext } from '../src/app/context.ts';
import { attention } from '../src/app/dashboard.ts';
import { exportRecords } from '../src/app/record-export.ts';
import { encodeCursor, listRecordPage } from '../src/app/record-list.ts';
import { remindersDue } from '../src/app/reminders.ts';
import { resultsStatementsPdf } from '../src/app/results-statements.ts';
import { workQueueCounts } from '../src/app/work-queues.ts';
import type { Actor } from '../src/domain/access/access.ts';
import { appendAudit } from '../src/store/audit.ts';
import { ulnsFrom } from './bookings.ts';
import { plansOf } from './explain.ts';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const RUNS = 5;
const GIVEN = ['Leo', 'Amelia', 'Zoë', 'Siân', 'Omar', 'Priya', 'Jack', 'Ngozi', 'Chloé', 'Mateusz', 'Aoife', 'Ravi'];
const FAMILY = ['Baker', 'Clarke', 'Ångström', 'Llewellyn', 'Farouk', 'Shah', 'Turner', 'Okafor', 'Brontë', 'Nowak', 'Murphy', 'Patel', 'Østergård'];

type Parties = { admin: Actor; provider: Actor; providers: string[]; employers: string[] };

async function parties(ctx: AppContext): Promise<Parties> {
  const db = ctx.db;
  const epao = await db.insertInto('organisations').values({ kind: 'epao', name: 'Scale EPAO' }).returning('id').executeTakeFirstOrThrow();
  const org = (kind: 'provider' | 'employer', n: number) => ({
    kind,
    name: `${kind === 'provider' ? 'Training' : 'Employer'} ${n} Ltd`,
    ukprn: kind === 'provider' ? String(10_000_000 + n) : null,
  });
  const providers = (
    await db
      .insertInto('organisations')
      .values(Array.from({ length: 40 }, (_, n) => org('provider', n)))
      .returning('id')
      .execute()
  ).map((r) => r.id);
  const employers = (
    await db
      .insertInto('organisations')
      .values(Array.from({ length: 400 }, (_, n) => org('employer', n)))
      .returning('id')
      .execute()
  ).map((r) => r.id);
  const user = async (role: 'epao-admin' | 'provider', organisationId: string): Promise<Actor> => {
    const row = await db
      .insertInto('users')
      .values({ email: `${role}@scale.invalid`, name: `Scale ${role}`, role, organisationId, passwordHash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { userId: row.id, role, organisationId, apprenticeId: null, assessorId: null, name: `Scale ${role}` };
  };
  return { admin: await user('epao-admin', epao.id), provider: await user('provider', providers[0] as string), providers, employers };
}

/** Registers `count` more apprentices through the import use-case, 10,000 rows a file. */
async function load(ctx: AppContext, p: Parties, ulns: Generator<string>, from: number, count: number): Promise<void> {
  const header = 'uln,given_names,family_name,date_of_birth,provider_id,employer_id,standard,policy,start_date';
  for (let start = from; start < from + count; start += 10_000) {
    const rows: string[] = [];
    for (let n = start; n < Math.min(start + 10_000, from + count); n++) {
      const uln = ulns.next().value as string;
      rows.push(
        [
          uln,
          GIVEN[n % GIVEN.length],
          `${FAMILY[(n * 7) % FAMILY.length]}-${n}`,
          '2004-05-06',
          p.providers[n % 40],
          p.employers[n % 400],
          'ST0071@1.2',
          'PAL',
          '2024-09-02',
        ].join(','),
      );
    }
    const report = await importRegistrations(ctx, p.admin, `${header}\r\n${rows.join('\r\n')}\r\n`);
    if (report.rejected > 0) throw new Error(`${report.rejected} rows rejected: ${JSON.stringify(report.rows.find((r) => r.status === 'rejected'))}`);
  }
  // Every status, with the dates each has by then: through gateway from January 2026, a
  // three-month EPA window from approval.
  await ctx.db.executeQuery(
    CompiledQuery.raw(`
      with spread as (select id, capstone_scale_status(id) as status, date '2026-01-05' + abs(hashtext(id::text)) % 300 as approved from epa_records)
      update epa_records r set status = s.status,
        gateway_approved_on = case when s.status in ('gateway-approved', 'in-epa', 'completed') then s.approved end,
        epa_start = case when s.status in ('gateway-approved', 'in-epa', 'completed') then s.approved end,
        epa_end = case when s.status in ('gateway-approved', 'in-epa', 'completed') then s.approved + 90 end
      from spread s where s.id = r.id`),
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** Pages and counts, whose aim is a p95: 20 runs, as "median / p95" in ms. */
const SPREAD_RUNS = 20;

/** Each run's time, in ms, shortest first. */
async function times(runs: number, run: () => Promise<unknown>): Promise<number[]> {
  const taken: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    taken.push(performance.now() - start);
  }
  return taken.sort((a, b) => a - b);
}

async function spread(run: () => Promise<unknown>): Promise<string> {
  const taken = await times(SPREAD_RUNS, run);
  const at = (q: number) => taken[Math.min(taken.length - 1, Math.ceil(q * taken.length) - 1)] ?? Number.NaN;
  return `${at(0.5).toFixed(1)} / ${at(0.95).toFixed(1)}`;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  return median(await times(RUNS, run));
}

async function exportRows(ctx: AppContext, actor: Actor, rows: number): Promise<{ ms: number; rssGrowthMb: number }> {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const ms = await timed(async () => {
    let lines = 0;
    for await (const chunk of exportRecords(ctx, actor, { sort: 'name' })) {
      lines += chunk.split('\r\n').length - 1;
      peak = Math.max(peak, process.memoryUsage().rss);
      if (lines > rows) break;
    }
  });
  return { ms, rssGrowthMb: Math.round((peak - rssBefore) / 1e6) };
}

/** Results statements in the bulk download measured: the aim is 1,000 in under 2 s. */
const STATEMENTS = 1000;

/** Released pass results for completed records, up to `count` in all (the demo has no assessments to release from). */
async function releaseUpTo(ctx: AppContext, count: number): Promise<{ count: number }> {
  await sql`insert into results (epa_record_id, overall, capped, method_grades, final_assessment_on, released_on, status)
    select r.id, 'pass', false, '{"observation": "pass", "project": "pass", "discussion": "pass"}', '2026-03-02', '2026-03-06', 'released'
    from epa_records r where r.status = 'completed' and r.standard = 'ST0071@1.2' and not exists (select 1 from results x where x.epa_record_id = r.id)
    limit greatest(0, ${count} - (select count(*) from results))`.execute(ctx.db);
  const row = await sql<{ n: number }>`select count(*)::int as n from results where status = 'released'`.execute(ctx.db);
  return { count: row.rows[0]?.n ?? 0 };
}

/** The certificates-to-claim queue's results statements as one PDF, read to its end. */
async function readStatements(ctx: AppContext, actor: Actor): Promise<number> {
  const { doc } = await resultsStatementsPdf(ctx, actor, { queue: 'certificates-to-claim' });
  let bytes = 0;
  for await (const chunk of doc) bytes += (chunk as Buffer).length;
  return bytes;
}

async function measure(ctx: AppContext, p: Parties, size: number): Promise<Record<string, string>> {
  const { admin, provider } = p;
  const first = await listRecordPage(ctx, admin, { sort: 'name', limit: 50 });
  // A cursor deep in the list: the key of the record half-way down, by name.
  const middle = await ctx.db
    .selectFrom('epaRecords')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .select(['epaRecords.id', 'apprentices.id as apprenticeId'])
    .select([sql<string>`capstone_fold(apprentices.family_name)`.as('family'), sql<string>`capstone_fold(apprentices.given_names)`.as('given')])
    .orderBy(sql`capstone_fold(apprentices.family_name)`)
    .offset(Math.floor(size / 2))
    .limit(1)
    .executeTakeFirstOrThrow();
  const deepCursor = encodeCursor('name', { key: [middle.family, middle.given, middle.apprenticeId], id: middle.id });
  const sample = first.records[0]?.apprentice;
  const fullName = `${sample?.familyName} ${sample?.givenNames}`;
  const exported = await exportRows(ctx, admin, Math.min(10_000, size));
  const statements = await releaseUpTo(ctx, STATEMENTS);
  // A record under way, changed before each look at what needs attention.
  const underWay = await ctx.db.selectFrom('epaRecords').select('id').where('status', '=', 'in-epa').orderBy('id').executeTakeFirstOrThrow();
  await attention(ctx, admin);
  return {
    size: size.toLocaleString('en-GB'),
    'first page': await spread(() => listRecordPage(ctx, admin, { limit: 50 })),
    'deep page': await spread(() => listRecordPage(ctx, admin, { sort: 'name', cursor: deepCursor, limit: 50 })),
    'full-name search': await spread(() => listRecordPage(ctx, admin, { q: fullName, limit: 50 })),
    'filtered list': await spread(() => listRecordPage(ctx, admin, { status: 'in-epa', provider: p.providers[3], sort: 'window-end', limit: 50 })),
    'queue counts': await spread(() => workQueueCounts(ctx, admin)),
    'provider list': await spread(() => listRecordPage(ctx, provider, { limit: 50 })),
    'provider search': await spread(() => listRecordPage(ctx, provider, { q: 'leo baker', limit: 50 })),
    'export of 10,000 rows (RSS growth)': `${exported.ms.toFixed(0)} (+${exported.rssGrowthMb} MB)`,
    // Kept while nothing changes; after any change (an audit entry) it is gathered again.
    'needs attention, after a change': await spread(async () => {
      await appendAudit(ctx.db, { actorId: null, actor: 'bench/scale', action: 'update', entity: 'epa-record', entityId: underWay.id });
      return attention(ctx, admin);
    }),
    'needs attention, nothing changed': await spread(() => attention(ctx, admin)),
    'results statements, one PDF (how many)': `${(await timed(() => readStatements(ctx, admin))).toFixed(0)} (${statements.count.toLocaleString('en-GB')})`,
    'every reminder gathered (the daily job)': `${(await timed(() => remindersDue(ctx))).toFixed(1)}`,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'capstone-scale-'));
  chmodSync(dir, 0o711);
  const opened = await openApp({ DATA_DIR: dir });
  try {
    const ctx = opened.ctx;
    console.log(`bench/scale on Node ${process.version}, ${availableParallelism()} cores, Capstone's embedded PostgreSQL; median of ${RUNS} runs, ms`);
    await spreadStatusesFunction(ctx);
    const p = await parties(ctx);
    const ulns = ulnsFrom(200_000_000);
    const table: Record<string, string>[] = [];
    let loaded = 0;
    for (const size of SIZES) {
      const started = performance.now();
      await load(ctx, p, ulns, loaded, size - loaded);
      await ctx.db.executeQuery(sqlAnalyze());
      console.log(
        `loaded ${size.toLocaleString('en-GB')} apprentices (${((performance.now() - started) / 1000).toFixed(1)} s for ${(size - loaded).toLocaleString('en-GB')})`,
      );
      loaded = size;
      table.push(await measure(ctx, p, size));
    }
    printTable(table);
    if (process.env.BENCH_EXPLAIN === '1') await printPlans(ctx, p);
  } finally {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The plans behind the figures, at the largest size (BENCH_EXPLAIN=1). */
async function printPlans(ctx: AppContext, p: Parties): Promise<void> {
  const { admin, provider } = p;
  const plans = [
    await plansOf(ctx, 'first page (admin)', () => listRecordPage(ctx, admin, { limit: 50 })),
    await plansOf(ctx, 'full-name search', () => listRecordPage(ctx, admin, { q: 'leo baker', limit: 50 })),
    await plansOf(ctx, 'filtered list', () => listRecordPage(ctx, admin, { status: 'in-epa', provider: p.providers[3], sort: 'window-end', limit: 50 })),
    await plansOf(ctx, 'queue counts', () => workQueueCounts(ctx, admin)),
    await plansOf(ctx, 'provider list', () => listRecordPage(ctx, provider, { limit: 50 })),
  ];
  console.log(`\n${plans.join('\n\n')}`);
}

/** Each figure a row, each size a column. */
function printTable(table: Record<string, string>[]): void {
  const names = Object.keys(table[0] ?? {}).filter((k) => k !== 'size');
  const header = ['ms: pages median / p95 of 20; the rest median of 5', ...table.map((t) => t.size ?? ''), 'aim at 100,000'];
  const aims: Record<string, string> = { 'every reminder gathered (the daily job)': '', 'results statements, one PDF (how many)': '1,000 in < 2,000' };
  const rows = names.map((name) => [
    name,
    ...table.map((t) => t[name] ?? ''),
    aims[name] ?? (name.startsWith('export') ? '< 3,000, flat memory' : 'p95 < 150'),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => (r[i] ?? '').length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '));
}

const sqlAnalyze = () => CompiledQuery.raw('analyze');

/** A status for each record from its id, spread as an EPAO's year is: most registered or in EPA, some done. */
async function spreadStatusesFunction(ctx: AppContext): Promise<void> {
  await ctx.db.executeQuery(
    CompiledQuery.raw(`
      create or replace function capstone_scale_status(id uuid) returns text language sql immutable as $$
        select (array['registered','registered','registered','gateway-submitted','gateway-rejected','gateway-approved','gateway-approved',
                      'in-epa','in-epa','in-epa','completed','completed','withdrawn'])[1 + abs(hashtext(id::text)) % 13] $$`),
  );
}

await main();
