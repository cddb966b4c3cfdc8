// Background work: the daily reminders run (src/app/reminders.ts) and then the mailer.
//
// With PostgreSQL (DATABASE_URL) it runs on pg-boss in the same database (schema pgboss):
// a cron schedule (every day at 07:00 Europe/London), a "run now" when a process starts
// (throttled to one per minute across processes by a singleton key), and a worker. Any
// number of processes may run this: pg-boss elects one cron sender at a time, the queue's
// 'singleton' policy lets only one reminders job be active at once, a job is fetched by
// one worker (SKIP LOCKED), the outbox's dedupe keys make a repeated run write nothing,
// and the SMTP mailer claims each message with SKIP LOCKED.
//
// With the embedded PGlite it runs on pg-boss too, through pg-boss's `db: { executeSql }`
// option as DESIGN §3 says: parameterised text through PGlite's `query`, parameterless
// (multi-statement) text through `exec`, each call inside a lease of the PGlitePool so it
// never interleaves with an application transaction on PGlite's single session.
// Measured (PGlite 0.5.16, pg-boss 10.4.2, 2 cores): it starts and completes jobs. On an
// open, migrated PGlite, pg-boss starts in ~0.1–0.2 s (creating its schema on the first
// start included); a reminders job sent by `runNow` (which wakes the worker) completes in
// ~0.06–0.12 s, and one found by polling alone within the 2 s polling interval (~1.95 s).
// Opening PGlite and migrating takes ~1 s on an existing data directory, ~4–5 s on a new one.
// This needs the PGlite instance, which src/store/database.ts does not expose yet; until
// it does (`pglite` below), embedded mode runs the same job in-process on a timer. The
// timer is for embedded mode only: it assumes one process, which PGlite guarantees.
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { AppContext } from '../app/context.ts';
import { type Delivery, type Mailer, OutboxOnlyMailer } from '../app/mailer.ts';
import { runReminders } from '../app/reminders.ts';
import { CLOCK_TIME, LONDON, utcToLondon } from '../domain/calendar/london-time.ts';
import type { Db } from '../store/database.ts';

export const REMINDERS_QUEUE = 'reminders';

export type JobsLog = { info(details: object, message: string): void; error(details: object, message: string): void };

export type JobsOptions = {
  engine: 'pglite' | 'postgres';
  /** PostgreSQL: pg-boss opens its own small pool on this database. Required with engine 'postgres'. */
  databaseUrl?: string;
  /** Embedded: the PGlite instance under ctx.db, for pg-boss. Without it, an in-process timer. */
  pglite?: PGlite;
  /** Defaults to the outbox-only mailer. */
  mailer?: Mailer;
  /** London wall-clock time of the daily run, HH:MM. */
  dailyAt?: string;
  /** Run once as soon as the jobs start (default true). */
  runOnStart?: boolean;
  /** pg-boss worker polling (default 2 s, at least 0.5 s). */
  pollingIntervalSeconds?: number;
  /** In-process timer: how often it looks at the clock (default 60 s). */
  checkEveryMs?: number;
  log?: JobsLog;
};

export type JobRun = { written: number } & Delivery;

export type Jobs = {
  mode: 'pg-boss' | 'in-process';
  /** Runs the reminders job now through the same path as the schedule and resolves with its outcome. */
  runNow(): Promise<JobRun>;
  stop(): Promise<void>;
};

const silent: JobsLog = { info() {}, error() {} };

/** The job itself: reminders into the outbox, then the mailer delivers what is unsent. */
export async function remindersJob(ctx: AppContext, mailer: Mailer): Promise<JobRun> {
  const written = await runReminders(ctx);
  const delivery = await mailer.deliver(ctx);
  return { written, ...delivery };
}

export async function startJobs(ctx: AppContext, options: JobsOptions): Promise<Jobs> {
  const dailyAt = options.dailyAt ?? '07:00';
  if (!CLOCK_TIME.test(dailyAt)) throw new Error(`dailyAt must be HH:MM, not "${dailyAt}"`);
  if (options.engine === 'postgres' && !options.databaseUrl) throw new Error('jobs on PostgreSQL need the database URL for pg-boss');
  const mailer = options.mailer ?? new OutboxOnlyMailer();
  const log = options.log ?? silent;
  if (options.engine === 'postgres' || options.pglite) return startPgBoss(ctx, options, mailer, log, dailyAt);
  return startInProcess(ctx, options, mailer, log, dailyAt);
}

/** pg-boss's database port over PGlite: each call holds the pool's lease (one session). */
export function pgliteExecutor(db: Db, lite: PGlite): PgBoss.Db {
  return {
    executeSql: (text: string, values?: unknown[]) =>
      db.connection().execute(async () => {
        if (values && values.length > 0) return { rows: (await lite.query(text, values)).rows };
        try {
          const results = await lite.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        } catch (error) {
          // A failed multi-statement text (BEGIN … COMMIT) would leave PGlite's only
          // session in an aborted transaction. No application transaction is open while
          // this lease is held, so rolling back touches only pg-boss's own.
          await lite.exec('ROLLBACK').catch(() => {});
          throw error;
        }
      }),
  };
}

async function startPgBoss(ctx: AppContext, options: JobsOptions, mailer: Mailer, log: JobsLog, dailyAt: string): Promise<Jobs> {
  const connection: PgBoss.ConstructorOptions =
    options.engine === 'postgres'
      ? { connectionString: options.databaseUrl, max: 4, application_name: 'capstone-jobs' }
      : { db: pgliteExecutor(ctx.db, options.pglite as PGlite) };
  const boss = new PgBoss({ ...connection, schedule: true, supervise: true, migrate: true });
  boss.on('error', (error) => log.error({ err: error }, 'pg-boss error'));
  const started = performance.now();
  let workerId: string;
  try {
    await oneAtATime(ctx, options.engine, async () => {
      await boss.start();
      await boss.createQueue(REMINDERS_QUEUE, { name: REMINDERS_QUEUE, policy: 'singleton', retryLimit: 3, retryDelay: 300, expireInSeconds: 30 * 60 });
      const [hh, mm] = dailyAt.split(':').map(Number);
      await boss.schedule(REMINDERS_QUEUE, `${mm} ${hh} * * *`, {}, { tz: LONDON });
    });
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
  log.info({ engine: options.engine, ms: Math.round(performance.now() - started), dailyAt }, 'jobs started on pg-boss');

  return {
    mode: 'pg-boss',
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
 * session advisory lock held on one of the application's connections. PGlite is one
 * process, and its single connection is the one pg-boss needs, so no lock there.
 */
async function oneAtATime(ctx: AppContext, engine: JobsOptions['engine'], steps: () => Promise<void>): Promise<void> {
  if (engine !== 'postgres') return steps();
  await ctx.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(hashtext('capstone.jobs.start'))`.execute(connection);
    try {
      await steps();
    } finally {
      await sql`select pg_advisory_unlock(hashtext('capstone.jobs.start'))`.execute(connection);
    }
  });
}

/** Embedded mode without pg-boss: one process, a timer that runs the job once a day after `dailyAt`. */
function startInProcess(ctx: AppContext, options: JobsOptions, mailer: Mailer, log: JobsLog, dailyAt: string): Jobs {
  let tail: Promise<unknown> = Promise.resolve();
  let lastRunOn: string | null = null;
  let stopped = false;
  /** Runs are serialised: a run waits for the one before it. */
  const run = (reason: string): Promise<JobRun> => {
    const next = tail.then(async () => {
      const outcome = await remindersJob(ctx, mailer);
      log.info({ reason, ...outcome }, 'reminders run');
      return outcome;
    });
    tail = next.catch(() => {});
    return next;
  };
  const tick = () => {
    if (stopped) return;
    const { date, time } = utcToLondon(ctx.now());
    if (time < dailyAt || lastRunOn === date) return;
    lastRunOn = date;
    run('schedule').catch((error) => log.error({ err: error }, 'reminders run failed'));
  };
  if (options.runOnStart ?? true) {
    const { date, time } = utcToLondon(ctx.now());
    if (time >= dailyAt) lastRunOn = date;
    run('start').catch((error) => log.error({ err: error }, 'reminders run failed'));
  }
  const timer = setInterval(tick, options.checkEveryMs ?? 60_000);
  timer.unref();
  log.info({ engine: 'pglite', dailyAt }, 'jobs started in-process');
  return {
    mode: 'in-process',
    runNow: () => run('now'),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await tail;
      await mailer.close();
    },
  };
}
