// Background work: the daily reminders run (src/app/reminders.ts) and then the mailer; and
// CSV imports sent from the pages (src/jobs/imports.ts).
//
// With PostgreSQL (DATABASE_URL) it runs on pg-boss in the same database (schema pgboss):
// a cron schedule (every day at 07:00 Europe/London), a "run now" when a process starts
// (throttled to one per minute across processes by a singleton key), and a worker. Any
// number of processes may run this: pg-boss elects one cron sender at a time, the queue's
// 'singleton' policy lets only one reminders job be active at once, a job is fetched by
// one worker (SKIP LOCKED), the outbox's dedupe keys make a repeated run write nothing,
// and the SMTP mailer claims each message with SKIP LOCKED.
//
// The embedded database is a real PostgreSQL server too, so it is the same path everywhere.
import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import { runCaseworkReminders } from '../app/casework-reminders.ts';
import type { AppContext } from '../app/context.ts';
import type { ImportQueue } from '../app/import-reports.ts';
import { type Delivery, type Mailer, OutboxOnlyMailer } from '../app/mailer.ts';
import { runReminders } from '../app/reminders.ts';
import { CLOCK_TIME, LONDON } from '../domain/calendar/london-time.ts';
import { createDfeQueue, workDfe } from './dfe.ts';
import { createImportsQueue, workImports } from './imports.ts';

export const REMINDERS_QUEUE = 'reminders';

export type JobsLog = { info(details: object, message: string): void; error(details: object, message: string): void };

export type JobsOptions = {
  /** pg-boss opens its own small pool on this database. */
  databaseUrl: string;
  /** Defaults to the outbox-only mailer. */
  mailer?: Mailer;
  /** London wall-clock time of the daily run, HH:MM. */
  dailyAt?: string;
  /** Run once as soon as the jobs start (default true). */
  runOnStart?: boolean;
  /** pg-boss worker polling (default 2 s, at least 0.5 s). */
  pollingIntervalSeconds?: number;
  log?: JobsLog;
};

export type JobRun = { written: number } & Delivery;

export type Jobs = {
  /** Runs the reminders job now through the same path as the schedule and resolves with its outcome. */
  runNow(): Promise<JobRun>;
  /** The queue CSV imports from the pages are handed to (src/jobs/imports.ts). */
  imports: ImportQueue;
  stop(): Promise<void>;
};

const silent: JobsLog = { info() {}, error() {} };

/** The job itself: reminders into the outbox, then the mailer delivers what is unsent. */
export async function remindersJob(ctx: AppContext, mailer: Mailer): Promise<JobRun> {
  const written = await runReminders(ctx);
  // The casework chases go out with them (counted in what is delivered, not in `written`).
  await runCaseworkReminders(ctx);
  const delivery = await mailer.deliver(ctx);
  return { written, ...delivery };
}

export async function startJobs(ctx: AppContext, options: JobsOptions): Promise<Jobs> {
  const dailyAt = options.dailyAt ?? '07:00';
  if (!CLOCK_TIME.test(dailyAt)) throw new Error(`dailyAt must be HH:MM, not "${dailyAt}"`);
  if (!options.databaseUrl) throw new Error('jobs need the database URL for pg-boss');
  const mailer = options.mailer ?? new OutboxOnlyMailer();
  const log = options.log ?? silent;
  return startPgBoss(ctx, options, mailer, log, dailyAt);
}

async function startPgBoss(ctx: AppContext, options: JobsOptions, mailer: Mailer, log: JobsLog, dailyAt: string): Promise<Jobs> {
  const boss = new PgBoss({ connectionString: options.databaseUrl, max: 4, application_name: 'capstone-jobs', schedule: true, supervise: true, migrate: true });
  boss.on('error', (error) => log.error({ err: error }, 'pg-boss error'));
  const started = performance.now();
  let workerId: string;
  let imports: ImportQueue;
  try {
    await oneAtATime(ctx, async () => {
      await boss.start();
      await boss.createQueue(REMINDERS_QUEUE, { name: REMINDERS_QUEUE, policy: 'singleton', retryLimit: 3, retryDelay: 300, expireInSeconds: 30 * 60 });
      const [hh, mm] = dailyAt.split(':').map(Number);
      await boss.schedule(REMINDERS_QUEUE, `${mm} ${hh} * * *`, {}, { tz: LONDON });
      await createImportsQueue(boss);
      await createDfeQueue(boss);
    });
    imports = await workImports(boss, ctx, options.pollingIntervalSeconds ?? 2);
    await workDfe(boss, ctx, options.pollingIntervalSeconds ?? 2, log, options.runOnStart ?? true);
    workerId = await boss.work<object>(REMINDERS_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
      let last: JobRun = { written: 0, delivered: 0, failed: 0 };
      for (const job of jobs) {
        last = await remindersJob(ctx, mailer);
        log.info({ job: job.id, ...last }, 'reminders run');
      }
      return last;
    });
    if (options.runOnStart ?? true) {
      await boss.send(REMINDERS_QUEUE, { reason: 'start' }, { singletonKey: 'start', singletonSeconds: 60 });
      boss.notifyWorker(workerId);
    }
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw error;
  }
  log.info({ ms: Math.round(performance.now() - started), dailyAt }, 'jobs started on pg-boss');

  return {
    imports,
    async runNow() {
      const id = await boss.send(REMINDERS_QUEUE, { reason: 'now' });
      if (!id) throw new Error('pg-boss did not accept the reminders job');
      boss.notifyWorker(workerId);
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        const job = await boss.getJobById<object>(REMINDERS_QUEUE, id, { includeArchive: true });
        if (job?.state === 'completed') return job.output as JobRun;
        // 'retry': the run failed and pg-boss will try again later; the caller hears now.
        if (job?.state === 'failed' || job?.state === 'retry' || job?.state === 'cancelled')
          throw new Error(`reminders job ${id} ${job.state}: ${JSON.stringify(job.output)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`reminders job ${id} did not finish in time`);
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      await mailer.close();
    },
  };
}

/**
 * Starting pg-boss from several processes at once: its queue creation (CREATE TABLE …
 * ATTACH PARTITION) deadlocks when two processes create the same queue together (seen
 * with two processes on one PostgreSQL), so on PostgreSQL the start-up steps run under a
 * session advisory lock held on one of the application's connections.
 */
async function oneAtATime(ctx: AppContext, steps: () => Promise<void>): Promise<void> {
  await ctx.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(hashtext('capstone.jobs.start'))`.execute(connection);
    try {
      await steps();
    } finally {
      await sql`select pg_advisory_unlock(hashtext('capstone.jobs.start'))`.execute(connection);
    }
  });
}
