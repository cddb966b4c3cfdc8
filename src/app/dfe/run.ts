// One run of the DfE queue: what is due is sent in batches of at most 25 (each record's EPA
// outcomes, then each certificate claim whose appeal wait is over: created or amended, then
// submitted), and submitted certificates' statuses are read back. Items are queued where
// they arise (migration 029's triggers), so a run reads only what is due. One run at a time,
// whichever process starts it (an advisory lock); a dry run does the checks and counts,
// sends nothing and writes nothing. The job runs it every 10 minutes; `capstone dfe send
// [--dry-run]` runs it now.
import { whileHolding } from '../../store/advisory-lock.ts';
import { appendAudit } from '../../store/audit.ts';
import type { Db } from '../../store/database.ts';
import { itemCounts } from '../../store/repositories/dfe.repository.ts';
import { inTransaction } from '../../store/transaction.ts';
import { type AppContext, today as todayOf } from '../context.ts';
import { readStatuses, sendCertificates } from './certificate-step.ts';
import { type DfeApi, DfeUnavailable } from './client.ts';
import { sendEpaOutcomes } from './epa-step.ts';
import { describeDfeSettings, dfeSettings } from './settings.ts';
import { newTally, type RunTally } from './tally.ts';

export type DfeRunReport = RunTally & { dryRun: boolean; connected: boolean; stopped: string | null; counts: Awaited<ReturnType<typeof itemCounts>> };

/** Thrown to roll a dry run's writes back, carrying its report out. */
class DryRunDone extends Error {
  readonly report: DfeRunReport;
  constructor(report: DfeRunReport) {
    super('dry run');
    this.report = report;
  }
}

const ANOTHER_RUN = 'another run of the DfE queue is under way: this one sent nothing';

export async function runDfe(ctx: AppContext, api: DfeApi | null, options: { dryRun?: boolean; by?: string } = {}): Promise<DfeRunReport> {
  const dryRun = options.dryRun ?? false;
  const today = todayOf(ctx);
  const tally = newTally();
  const work = async (db: Db): Promise<DfeRunReport> => {
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
    return { ...tally, dryRun, connected: api !== null, stopped, counts: await itemCounts(db) };
  };
  if (dryRun)
    return inTransaction(ctx.db, async (trx) => {
      throw new DryRunDone(await work(trx));
    }).catch((error: unknown) => {
      if (error instanceof DryRunDone) return error.report;
      throw error;
    });
  // Two runs at once would send the same items twice: the second stands aside.
  const held = await whileHolding(ctx.db, 'capstone.dfe.run', () => work(ctx.db));
  const report = held?.value ?? { ...tally, dryRun, connected: api !== null, stopped: ANOTHER_RUN, counts: await itemCounts(ctx.db) };
  const did = report.epa.sent + report.certificates.sent + report.certificates.submitted + report.statuses.read + report.epa.held + report.certificates.held;
  if (did > 0)
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
