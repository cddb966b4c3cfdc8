// Achievements for the government's apprenticeship service: each released pass or
// distinction, with the result's release date as the achievement date. "Assessment outcome
// provided to the training provider and apprenticeship service" and "Notification to these
// bodies includes successful achievements" (004_f9b9047560044387.txt, Section 2 and
// Section 6 – Certification). The row shape, the CSV and the batch split are the domain's
// (src/domain/certification/claim.ts); the service takes at most 25 rows a batch.
import type { Actor } from '../domain/access/access.ts';
import { type Achievement, achievementsCsv, batches } from '../domain/certification/claim.ts';
import { DFE_BATCH_LIMIT } from '../domain/dfe/requests.ts';
import { appendAudit } from '../store/audit.ts';
import { releasedAchievements } from '../store/repositories/achievements.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { AppError, badRequest, forbidden } from './errors.ts';

export type DateRange = { from: string; to: string };

/** The apprenticeship service's batch limit: the Assessor Service's (domain/dfe/requests.ts). */
export const SERVICE_BATCH_LIMIT = DFE_BATCH_LIMIT;

/** The port to the apprenticeship service. */
export interface ApprenticeshipServiceClient {
  submitBatch(rows: Achievement[]): Promise<{ accepted: number }>;
}

/**
 * For development and tests: keeps each batch it is given (an outbox to read back) and,
 * like the service, refuses a batch over its limit.
 */
export class OutboxApprenticeshipService implements ApprenticeshipServiceClient {
  readonly sent: Achievement[][] = [];
  readonly limit: number;
  constructor(limit = SERVICE_BATCH_LIMIT) {
    this.limit = limit;
  }

  async submitBatch(rows: Achievement[]): Promise<{ accepted: number }> {
    if (rows.length > this.limit)
      throw new AppError(502, 'SERVICE_BATCH_TOO_LARGE', `the apprenticeship service takes at most ${this.limit} rows a batch, not ${rows.length}`);
    this.sent.push([...rows]);
    return { accepted: rows.length };
  }
}

/** The client the HTTP routes use until a real one is wired in (see the report). */
export const developmentApprenticeshipService = new OutboxApprenticeshipService();

function assertExporter(actor: Actor) {
  if (actor.role !== 'epao-admin') throw forbidden('the EPAO reports achievements to the apprenticeship service');
}

function assertRange(range: DateRange) {
  if (range.from > range.to) throw badRequest('RANGE_REVERSED', `from (${range.from}) is after to (${range.to})`);
}

/** Released passes and distinctions whose result was released within the range (both days included). */
export async function achievements(ctx: AppContext, actor: Actor, range: DateRange): Promise<Achievement[]> {
  assertExporter(actor);
  assertRange(range);
  const rows = await releasedAchievements(ctx.db, range);
  return rows.map((r) => ({
    uln: r.uln,
    familyName: r.familyName,
    standardCode: r.standardCode,
    standardVersion: r.standard.split('@')[1] as string,
    grade: r.overall as Achievement['grade'],
    achievementDate: r.releasedOn,
  }));
}

export async function achievementsExport(ctx: AppContext, actor: Actor, range: DateRange, format: 'csv' | 'json') {
  const rows = await achievements(ctx, actor, range);
  return format === 'csv'
    ? { format, body: achievementsCsv(rows), count: rows.length }
    : { format, body: { ...range, count: rows.length, achievements: rows } };
}

export type SendReport = {
  from: string;
  to: string;
  rows: number;
  accepted: number;
  batches: { batch: number; rows: number; accepted: number }[];
};

/**
 * Sends the range's achievements in batches the service accepts. Each batch sent is
 * audited as it goes; a refused batch stops the run and says which batches went.
 */
export async function sendAchievements(ctx: AppContext, actor: Actor, client: ApprenticeshipServiceClient, range: DateRange): Promise<SendReport> {
  const rows = await achievements(ctx, actor, range);
  const report: SendReport = { ...range, rows: rows.length, accepted: 0, batches: [] };
  const split = batches(rows, SERVICE_BATCH_LIMIT);
  for (const [i, batch] of split.entries()) {
    let accepted: number;
    try {
      ({ accepted } = await client.submitBatch(batch));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new AppError(502, 'SERVICE_REFUSED', `the apprenticeship service refused batch ${i + 1} of ${split.length}: ${message}`, { sent: report });
    }
    report.batches.push({ batch: i + 1, rows: batch.length, accepted });
    report.accepted += accepted;
    await inTransaction(ctx.db, (trx) =>
      appendAudit(trx, {
        actorId: actor.userId,
        actor: actor.name,
        action: 'send',
        entity: 'achievement-batch',
        entityId: `${range.from}..${range.to}#${i + 1}/${split.length}`,
        after: { batch: i + 1, of: split.length, rows: batch.length, accepted, ulns: batch.map((r) => r.uln) },
      }),
    );
  }
  return report;
}
