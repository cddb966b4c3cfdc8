import Fastify from 'fastify';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/app/auth.ts';
import { openApp } from '../../src/app/bootstrap.ts';
import { chaseReminders } from '../../src/app/bulk-actions.ts';
import { mailerFromEnv, OutboxOnlyMailer, SmtpMailer } from '../../src/app/mailer.ts';
import { remindersDue, runReminders } from '../../src/app/reminders.ts';
import { registerDevMail } from '../../src/http/routes/dev-mail.ts';
import { type Jobs, startJobs } from '../../src/jobs/scheduler.ts';
import type { Db } from '../../src/store/database.ts';
import type { Database } from '../../src/store/schema.ts';
import { createTestApp, ENGINES, freshPostgresUrl, PASSWORD, type TestApp } from './harness.ts';

const SCRIPT = '<script>alert(1)</script>';

/** Today in these tests: Monday 13 April 2026, a week after Easter Monday. */
const TODAY = '2026-04-13';

type Seeded = {
  admin: string;
  iqa: string;
  provider: string;
  apprenticeA: string;
  apprenticeB: string;
  records: { a: string; b: string; c: string; d: string };
};

/**
 * The facts as rows, written directly:
 *  A (NQual, named with a <script>): every method held, the last on 30 March, no result
 *    yet → results due 15 April (10 working days over Easter); the discussion has waited
 *    for moderation since 1 April → moderation alert.
 *  B (no policy): approved 16 February → project report due 16 April (not submitted);
 *    discussion booked 24 April → portfolio was due 10 April (overdue).
 *  C: as B, but withdrawn → nothing.
 *  D: approved 20 January → window ends 20 April with nothing held; project overdue.
 */
async function seed(db: Db, passwordHash: string, suffix = ''): Promise<Seeded> {
  const org = async (kind: 'epao' | 'provider' | 'employer', ukprn: string | null = null) =>
    (
      await db
        .insertInto('organisations')
        .values({ kind, name: `${kind}${suffix}`, ukprn })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const epao = await org('epao');
  const provider = await org('provider', `1000${String(Math.floor(Math.random() * 9000) + 1000)}`);
  const employer = await org('employer');
  const user = async (role: Database['users']['role'], email: string, extra: { organisationId?: string; apprenticeId?: string } = {}) =>
    (
      await db
        .insertInto('users')
        .values({ email, name: email, role, organisationId: extra.organisationId ?? null, apprenticeId: extra.apprenticeId ?? null, passwordHash })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const apprentice = async (uln: string, givenNames: string, familyName: string) =>
    (
      await db
        .insertInto('apprentices')
        .values({ uln, givenNames, familyName, dateOfBirth: '2004-05-06', providerId: provider, employerId: employer })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const record = async (
    apprenticeId: string,
    uln: string,
    policy: string | null,
    gatewayApprovedOn: string,
    status: Database['epaRecords']['status'] = 'in-epa',
  ) =>
    (
      await db
        .insertInto('epaRecords')
        .values({
          apprenticeId,
          uln,
          standard: 'ST0071@1.2',
          standardCode: 'ST0071',
          policy,
          status,
          startDate: '2024-09-02',
          registeredOn: '2025-06-02',
          gatewayApprovedOn,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  const admin = `admin${suffix}@test.invalid`;
  const iqa = `iqa${suffix}@test.invalid`;
  const providerEmail = `provider${suffix}@test.invalid`;
  await user('epao-admin', admin, { organisationId: epao });
  await user('iqa', iqa, { organisationId: epao });
  await user('provider', providerEmail, { organisationId: provider });
  const assessorUser = await user('assessor', `assessor${suffix}@test.invalid`);
  const assessor = (await db.insertInto('assessors').values({ userId: assessorUser, qualifications: '[]' }).returning('id').executeTakeFirstOrThrow()).id;

  const apA = await apprentice('1000000001', SCRIPT, 'Lovelace');
  const apB = await apprentice('1000000002', 'Grace', 'Hopper');
  const apC = await apprentice('1000000003', 'Alan', 'Turing');
  const apD = await apprentice('1000000004', 'Mary', 'Somerville');
  const apprenticeA = `apprentice-a${suffix}@test.invalid`;
  const apprenticeB = `apprentice-b${suffix}@test.invalid`;
  await user('apprentice', apprenticeA, { apprenticeId: apA });
  await user('apprentice', apprenticeB, { apprenticeId: apB });

  const a = await record(apA, '1000000001', 'NQUAL', '2026-01-05');
  const b = await record(apB, '1000000002', null, '2026-02-16');
  const c = await record(apC, '1000000003', null, '2026-02-16', 'withdrawn');
  const d = await record(apD, '1000000004', null, '2026-01-20');

  const booking = async (recordId: string, method: string, startsAt: string, status: 'booked' | 'held') =>
    (
      await db
        .insertInto('bookings')
        .values({
          epaRecordId: recordId,
          method,
          assessorId: assessor,
          startsAt,
          endsAt: new Date(new Date(startsAt).getTime() + 3_600_000).toISOString(),
          bookedOn: '2026-02-02',
          venue: 'the employer’s premises',
          status,
          warnings: '[]',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const held: [string, string, string, 'agreed' | 'pending'][] = [
    ['observation', '2026-03-16T10:00:00Z', '2026-03-16T15:00:00Z', 'agreed'],
    ['project', '2026-03-23T10:00:00Z', '2026-03-23T15:00:00Z', 'agreed'],
    ['discussion', '2026-03-30T09:00:00Z', '2026-04-01T09:00:00Z', 'pending'],
  ];
  for (const [method, startsAt, submittedAt, moderationStatus] of held) {
    const bookingId = await booking(a, method, startsAt, 'held');
    await db
      .insertInto('assessments')
      .values({
        bookingId,
        epaRecordId: a,
        method,
        assessorId: assessor,
        status: 'submitted',
        provisionalGrade: 'pass',
        judgements: '{}',
        sessionFindings: '[]',
        startedAt: startsAt,
        endedAt: new Date(new Date(startsAt).getTime() + 3_600_000).toISOString(),
        submittedAt,
        moderationStatus,
      })
      .execute();
  }
  await db.insertInto('submissions').values({ epaRecordId: a, kind: 'project-report', submittedOn: '2026-03-01', outcome: '{}' }).execute();
  await db.insertInto('submissions').values({ epaRecordId: a, kind: 'portfolio', submittedOn: '2026-03-01', outcome: '{}' }).execute();
  await booking(b, 'discussion', '2026-04-24T09:00:00Z', 'booked');
  await booking(c, 'discussion', '2026-04-24T13:00:00Z', 'booked');
  return { admin, iqa, provider: providerEmail, apprenticeA, apprenticeB, records: { a, b, c, d } };
}

/** The (kind, to) pairs the seed's reminders must reach on TODAY. */
function expectedMail(s: Seeded): string[] {
  return [
    ['RESULTS_DUE', s.admin],
    ['RESULTS_DUE', s.iqa],
    ['MODERATION_DUE', s.iqa],
    ['MODERATION_DUE', s.admin],
    ['SUBMISSION_DUE', s.apprenticeB],
    ['SUBMISSION_DUE', s.provider],
    ['SUBMISSION_OVERDUE', s.apprenticeB],
    ['SUBMISSION_OVERDUE', s.provider],
    ['SUBMISSION_OVERDUE', s.admin],
    ['EPA_WINDOW_ENDING', s.admin],
    ['EPA_WINDOW_ENDING', s.provider],
    ['SUBMISSION_OVERDUE', s.provider], // D's project report
    ['SUBMISSION_OVERDUE', s.admin],
  ]
    .map(([kind, to]) => `${kind} → ${to}`)
    .sort();
}

const outboxPairs = async (db: Db) => (await db.selectFrom('outbox').select(['kind', 'toAddress']).execute()).map((r) => `${r.kind} → ${r.toAddress}`).sort();

let hash: string | undefined;
const passwordHash = async () => {
  hash ??= await hashPassword(PASSWORD);
  return hash;
};

describe.each(ENGINES)('reminders into the outbox (%s)', (engine) => {
  let t: TestApp;
  let s: Seeded;

  beforeAll(async () => {
    t = await createTestApp(engine);
    // Until buildServer calls registerDevMail itself; routes must be added before the first request.
    if (!t.app.hasRoute({ method: 'GET', url: '/dev/mail' })) registerDevMail(t.app, t.ctx, { NODE_ENV: 'test' });
    t.setToday(TODAY);
    s = await seed(t.ctx.db, await passwordHash());
  }, 60_000);
  afterAll(() => t.close());

  it('writes each reminder due today once per recipient, and never twice', async () => {
    const written = await runReminders(t.ctx);
    expect(written).toBe(expectedMail(s).length);
    expect(await outboxPairs(t.ctx.db)).toEqual(expectedMail(s));
    const results = await t.ctx.db.selectFrom('outbox').selectAll().where('kind', '=', 'RESULTS_DUE').execute();
    expect(results[0]?.body).toContain('2026-04-15');
    expect(results[0]?.body).toContain('002_75563123dfdaaed6.txt');
    expect(results[0]?.dedupeKey).toContain(`RESULTS_DUE:${s.records.a}:result:2026-04-15:`);
    expect(results[0]?.sentAt).toBeNull();

    expect(await runReminders(t.ctx)).toBe(0);
    // The next day the same deadlines are still due: nothing new is written.
    t.setToday('2026-04-14');
    expect(await runReminders(t.ctx)).toBe(0);
    expect(await outboxPairs(t.ctx.db)).toEqual(expectedMail(s));
    t.setToday(TODAY);
  });

  it('chases a selection now, each record’s reminders due today, once a day; a record with nothing due is said so', async () => {
    const user = await t.ctx.db.selectFrom('users').selectAll().where('email', '=', s.admin).executeTakeFirstOrThrow();
    const admin = { userId: user.id, name: user.name, role: user.role, organisationId: user.organisationId, apprenticeId: null, assessorId: null };
    const chased = await chaseReminders(t.ctx, admin, [s.records.b, s.records.c]);
    expect(chased.map((o) => [o.recordId, o.done, o.done ? '' : o.code])).toEqual([
      [s.records.b, true, ''],
      [s.records.c, false, 'NOTHING_TO_REMIND'],
    ]);
    const due = (await remindersDue(t.ctx)).reminders.filter((r) => r.recordId === s.records.b);
    const rows = await t.ctx.db.selectFrom('outbox').select(['dedupeKey', 'kind']).where('dedupeKey', 'like', `chase:${TODAY}:%`).execute();
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(due.map((r) => r.code)));
    expect(rows.every((r) => due.some((d) => r.dedupeKey?.startsWith(`chase:${TODAY}:${d.key}:`)))).toBe(true);
    // The same selection again that day writes nothing more, and says so.
    const again = await chaseReminders(t.ctx, admin, [s.records.b]);
    expect(again[0]).toMatchObject({ done: true, note: expect.stringMatching(/^already sent today/) });
    expect(await t.ctx.db.selectFrom('outbox').select('id').where('dedupeKey', 'like', `chase:${TODAY}:%`).execute()).toHaveLength(rows.length);
    await expect(chaseReminders(t.ctx, { ...admin, role: 'iqa' }, [s.records.b])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await t.ctx.db.deleteFrom('outbox').where('dedupeKey', 'like', 'chase:%').execute();
  });

  it('counts the portfolio as submitted with the gateway submission, as the booking checks do', async () => {
    const portfolioOverdue = async () =>
      (await remindersDue(t.ctx)).reminders.filter((r) => r.recordId === s.records.b && r.code === 'SUBMISSION_OVERDUE' && r.item === 'portfolio');
    expect(await portfolioOverdue()).toHaveLength(1);
    const row = await t.ctx.db
      .insertInto('gatewaySubmissions')
      .values({ epaRecordId: s.records.b, submittedOn: '2026-02-10', request: '{}', outcome: '{}', status: 'approved' })
      .returning('id')
      .executeTakeFirstOrThrow();
    try {
      expect(await portfolioOverdue()).toEqual([]);
    } finally {
      // The gateway submission is the test's own: later tests see the seed as it was.
      await t.ctx.db.deleteFrom('gatewaySubmissions').where('id', '=', row.id).execute();
    }
  });

  it('writes reminders in the EPAO’s words once it edits them, and in Capstone’s again once it resets them', async () => {
    const cookie = await t.signIn(s.admin);
    const user = await t.ctx.db.selectFrom('users').selectAll().where('email', '=', s.admin).executeTakeFirstOrThrow();
    const admin = { userId: user.id, name: user.name, role: user.role, organisationId: user.organisationId, apprenticeId: null, assessorId: null };
    const noMessage = await t.request('PUT', '/api/v1/mail-templates/record-reminder', {
      cookie,
      body: { subject: '{{title}}', body: 'Due {{dueOn}}.', version: 0 },
    });
    expect([noMessage.statusCode, noMessage.json().code]).toEqual([422, 'TEMPLATE_FIELD_REQUIRED']);
    const edited = await t.request('PUT', '/api/v1/mail-templates/record-reminder', {
      cookie,
      body: { subject: 'Riverside EPA: {{title}} for {{about}}', body: 'Hello,\n\n{{message}} (by {{dueOn}}).\n\nWhy: {{rule}}\n', version: 0 },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    try {
      await chaseReminders(t.ctx, admin, [s.records.b]);
      const rows = await t.ctx.db.selectFrom('outbox').select(['subject', 'body']).where('dedupeKey', 'like', `chase:${TODAY}:%`).execute();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.subject).toMatch(/^Riverside EPA: .+ for /);
        expect(row.body).toMatch(/^Hello,\n\n[A-Z].+ \(by \d{4}-\d{2}-\d{2}\)\.\n\nWhy: /);
      }
    } finally {
      await t.ctx.db.deleteFrom('outbox').where('dedupeKey', 'like', 'chase:%').execute();
      expect((await t.request('DELETE', '/api/v1/mail-templates/record-reminder', { cookie })).statusCode).toBe(200);
    }
    await chaseReminders(t.ctx, admin, [s.records.b]);
    const again = await t.ctx.db.selectFrom('outbox').select(['subject', 'body']).where('dedupeKey', 'like', `chase:${TODAY}:%`).execute();
    expect(again.length).toBeGreaterThan(0);
    expect(again.every((r) => /^(Submission|EPA window|Result|Moderation) /.test(r.subject) && r.body.includes('\nReference: '))).toBe(true);
    await t.ctx.db.deleteFrom('outbox').where('dedupeKey', 'like', 'chase:%').execute();
  });

  it('writes nothing for a withdrawn record', async () => {
    const rows = await t.ctx.db.selectFrom('outbox').select('body').execute();
    expect(rows.some((r) => r.body.includes(s.records.c))).toBe(false);
  });

  it('shows the outbox at /dev/mail, newest first, escaped', async () => {
    t.setToday('2026-04-16'); // the result is now overdue: a newer message
    expect(await runReminders(t.ctx)).toBeGreaterThan(0);
    t.setToday(TODAY);
    const page = await t.request('GET', '/dev/mail', { cookie: await t.signIn(s.admin) });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain(s.iqa);
    const firstRow = page.body.indexOf('<tbody>');
    expect(page.body.indexOf('Result overdue', firstRow)).toBeLessThan(page.body.indexOf('Result due:', firstRow));
  });

  it('has no /dev/mail page in production', async () => {
    const production = Fastify();
    registerDevMail(production, t.ctx, { NODE_ENV: 'production' });
    expect(production.hasRoute({ method: 'GET', url: '/dev/mail' })).toBe(false);
    await production.close();
    expect(mailerFromEnv({}).kind).toBe('outbox');
    expect(mailerFromEnv({ SMTP_URL: 'smtp://127.0.0.1:2525' }).kind).toBe('smtp');
  });

  it('lists the outbox as JSON for EPAO administrators only', async () => {
    const admin = await t.signIn(s.admin);
    const provider = await t.signIn(s.provider);
    const list = await t.request('GET', '/api/v1/outbox?limit=5', { cookie: admin });
    expect(list.statusCode).toBe(200);
    expect(list.json().messages).toHaveLength(5);
    expect(list.json().messages[0]).toMatchObject({ kind: 'RESULTS_OVERDUE', sentAt: null });
    expect(list.json().messages[0].subject).toContain(SCRIPT);
    const denied = await t.request('GET', '/api/v1/outbox', { cookie: provider });
    expect([denied.statusCode, denied.json().code]).toEqual([403, 'FORBIDDEN']);
    expect((await t.request('GET', '/api/v1/outbox')).statusCode).toBe(401);
  });

  it('delivers with SMTP once per message, even with two mailers at once', async () => {
    const unsent = (await t.ctx.db.selectFrom('outbox').select('id').where('sentAt', 'is', null).execute()).length;
    expect(unsent).toBeGreaterThan(0);
    const sent: string[] = [];
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const original = transport.sendMail.bind(transport);
    transport.sendMail = (async (mail: { to: string; subject: string }) => {
      sent.push(`${mail.to} ${mail.subject}`);
      return original(mail);
    }) as typeof transport.sendMail;
    const one = new SmtpMailer(transport);
    const two = new SmtpMailer(transport);
    const [a, b] = await Promise.all([one.deliver(t.ctx), two.deliver(t.ctx)]);
    expect(a.delivered + b.delivered).toBe(unsent);
    expect(sent).toHaveLength(unsent);
    expect(new Set(sent).size).toBe(unsent);
    expect(await t.ctx.db.selectFrom('outbox').select('id').where('sentAt', 'is', null).execute()).toEqual([]);
    expect((await one.deliver(t.ctx)).delivered).toBe(0);
  });

  it('leaves a message that fails to send for the next run', async () => {
    await t.ctx.db.insertInto('outbox').values({ toAddress: 'x@test.invalid', subject: 'fails', body: 'b', kind: 'TEST', dedupeKey: 'fails' }).execute();
    const failing = nodemailer.createTransport({ jsonTransport: true });
    failing.sendMail = (async () => {
      throw new Error('421 try later');
    }) as typeof failing.sendMail;
    const errors: string[] = [];
    const outcome = await new SmtpMailer(failing, { onError: (_e, id) => errors.push(id) }).deliver(t.ctx);
    expect(outcome).toEqual({ delivered: 0, failed: 1 });
    expect(errors).toHaveLength(1);
    const kept = new OutboxOnlyMailer();
    expect(await kept.deliver(t.ctx)).toEqual({ delivered: 1, failed: 0 });
  });
});

const now = () => new Date(`${TODAY}T12:00:00Z`);

describe('the reminders job on pg-boss', () => {
  it('runs end to end: scheduled daily, run now, nothing written twice', async () => {
    const database = await freshPostgresUrl('capstone_jobs');
    const opened = await openApp({ DATABASE_URL: database.url }, { memory: true, now });
    try {
      const s = await seed(opened.ctx.db, 'not-a-hash');
      const started = performance.now();
      const jobs = await startJobs(opened.ctx, { databaseUrl: database.url, runOnStart: false, pollingIntervalSeconds: 0.5 });
      const startMs = performance.now() - started;
      try {
        const ran = performance.now();
        const outcome = await jobs.runNow();
        const runMs = performance.now() - ran;
        expect(outcome).toEqual({ written: expectedMail(s).length, delivered: expectedMail(s).length, failed: 0 });
        expect(await outboxPairs(opened.ctx.db)).toEqual(expectedMail(s));
        expect(await opened.ctx.db.selectFrom('outbox').select('id').where('sentAt', 'is', null).execute()).toEqual([]);
        expect(await jobs.runNow()).toEqual({ written: 0, delivered: 0, failed: 0 });
        // The daily schedule, 07:00 London.
        const schedules = await sql<{ cron: string; timezone: string }>`select cron, timezone from pgboss.schedule where name = 'reminders'`.execute(
          opened.ctx.db,
        );
        expect(schedules.rows).toEqual([{ cron: '0 7 * * *', timezone: 'Europe/London' }]);
        console.info(`pg-boss: started in ${Math.round(startMs)} ms, a reminders job completed in ${Math.round(runMs)} ms`);
        // The application's own queries still work alongside it.
        expect(
          (
            await opened.ctx.db
              .selectFrom('outbox')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ).toBe(expectedMail(s).length);
      } finally {
        await jobs.stop();
      }
    } finally {
      await opened.close();
      await database.drop();
    }
  }, 60_000);
});

describe('the reminders job from two processes (pg-boss)', () => {
  it('runs from two processes at once without writing or sending twice', async () => {
    const database = await freshPostgresUrl('capstone_jobs');
    const first = await openApp({ DATABASE_URL: database.url }, { now });
    const second = await openApp({ DATABASE_URL: database.url }, { now });
    try {
      const s = await seed(first.ctx.db, 'not-a-hash');
      const sent: string[] = [];
      const transport = nodemailer.createTransport({ jsonTransport: true });
      const original = transport.sendMail.bind(transport);
      transport.sendMail = (async (mail: { to: string; subject: string }) => {
        sent.push(`${mail.to} ${mail.subject}`);
        return original(mail);
      }) as typeof transport.sendMail;
      const options = { databaseUrl: database.url, pollingIntervalSeconds: 0.5 };
      const starting = await Promise.allSettled([
        startJobs(first.ctx, { ...options, mailer: new SmtpMailer(transport) }),
        startJobs(second.ctx, { ...options, mailer: new SmtpMailer(transport) }),
      ]);
      const running = starting.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      try {
        expect(starting.map((s) => (s.status === 'rejected' ? String(s.reason) : 'started'))).toEqual(['started', 'started']);
        const [a, b] = running as [Jobs, Jobs];
        const [x, y] = await Promise.all([a.runNow(), b.runNow()]);
        expect(x.written + y.written).toBeLessThanOrEqual(expectedMail(s).length);
        // Whatever the start-up runs did, every reminder is in the outbox once and sent once.
        expect(await outboxPairs(first.ctx.db)).toEqual(expectedMail(s));
        expect(new Set(sent).size).toBe(sent.length);
        expect(sent).toHaveLength(expectedMail(s).length);
        const schedules = await sql<{ cron: string; timezone: string }>`select cron, timezone from pgboss.schedule where name = 'reminders'`.execute(
          first.ctx.db,
        );
        expect(schedules.rows).toEqual([{ cron: '0 7 * * *', timezone: 'Europe/London' }]);
      } finally {
        await Promise.all(running.map((j) => j.stop()));
      }
    } finally {
      await first.close();
      await second.close();
      await database.drop();
    }
  }, 120_000);
});
