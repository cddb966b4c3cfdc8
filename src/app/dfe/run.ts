// One run of the DfE queue: what must reach the Assessor Service is queued (each record's EPA
// outcomes, each certificate claim with the day it may go), then sent in batches of at most
// 25, certificates created and submitted, and their statuses read back. A dry run does all the
// checks and counts, sends nothing and writes nothing. The job runs it every few minutes;
// `capstone dfe send [--dry-run]` runs it now.
import { certificateNotBefore } from '../../domain/dfe/wait.ts';
import { appendAudit } from '../../store/audit.ts';
import type { Db } from '../../store/database.ts';
import { certificatesNotQueued, insertCertificateItem, itemCounts, queueEpaOutcomes } from '../../store/repositories/dfe.repository.ts';
import { inTransaction } from '../../store/transaction.ts';
import { type AppContext, today as todayOf } from '../context.ts';
import { appealWindow } from '../epao-settings.ts';
import { readStatuses, sendCertificates } from './certificate-step.ts';
import { type DfeApi, DfeUnavailable } from './client.ts';
import { sendEpaOutcomes } from './epa-step.ts';
import { certificateWait, describeDfeSettings, dfeSettings } from './settings.ts';
import { newTally, type RunTally } from './tally.ts';

export type DfeRunReport = RunTally & {
  dryRun: boolean;
  connected: boolean;
  queued: number;
  stopped: string | null;
  counts: Awaited<ReturnType<typeof itemCounts>>;
};

/** Queues what is new: each record's EPA row, and each certificate claim with the first day it may be sent. */
async function queueItems(ctx: AppContext, db: Db): Promise<number> {
  let queued = await queueEpaOutcomes(db, ctx.now());
  const wait = certificateWait(process.env, appealWindow().workingDays);
  for (const c of await certificatesNotQueued(db, 1_000)) {
    const notBefore = certificateNotBefore(c.releasedOn as string, c.overall === 'distinction' ? 'distinction' : 'pass', wait, ctx.holidays);
    await insertCertificateItem(db, { epaRecordId: c.epaRecordId, certificateId: c.id, notBefore, nextAttemptAt: ctx.now() });
    queued += 1;
  }
  return queued;
}

/** Thrown to roll a dry run's writes back, carrying its report out. */
class DryRunDone extends Error {
  readonly report: DfeRunReport;
  constructor(report: DfeRunReport) {
    super('dry run');
    this.report = report;
  }
}

export async function runDfe(ctx: AppContext, api: DfeApi | null, options: { dryRun?: boolean; by?: string } = {}): Promise<DfeRunReport> {
  const dryRun = options.dryRun ?? false;
  const today = todayOf(ctx);
  const tally = newTally();
  const work = async (db: Db): Promise<DfeRunReport> => {
    const queued = await queueItems(ctx, db);
    const sendTo = dryRun ? null : api;
    let stopped: string | null = null;
    try {
      await sendEpaOutcomes(ctx, db, sendTo, today, tally);
      await sendCertificates(ctx, db, sendTo, today, tally);
      if (sendTo) await readStatuses(ctx, db, sendTo, tally);
    } catch (error) {
      if (!(error instanceof DfeUnavailable)) throw error;
      stopped = error.message;
    }
    return { ...tally, dryRun, connected: api !== null, queued, stopped, counts: await itemCounts(db) };
  };
  if (dryRun)
    return inTransaction(ctx.db, async (trx) => {
      throw new DryRunDone(await work(trx));
    }).catch((error: unknown) => {
      if (error instanceof DryRunDone) return error.report;
      throw error;
    });
  const report = await work(ctx.db);
  if (report.queued + report.epa.sent + report.certificates.sent + report.certificates.submitted + report.statuses.read > 0)
    await appendAudit(ctx.db, {
      actorId: null,
      actor: options.by ?? 'Capstone (DfE queue)',
      action: 'send',
      entity: 'dfe-submissions',
      entityId: today,
      after: { ...report, settings: describeDfeSettings(dfeSettings()) },
    });
  return report;
}
