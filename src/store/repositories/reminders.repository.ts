// Reminders in the database: the rows of every record whose EPA is under way (its bookings,
// work submitted, assessments and results), the assessments awaiting moderation, who
// receives reminders, and the reminder mail written to the outbox and read back from it.
import type { Db } from '../database.ts';
import type { RecordStatus, Role } from '../schema.ts';
import { writeMail } from './outbox.repository.ts';

/**
 * The newest audit entry's id: every change Capstone makes appends one, so while it stays the
 * same, nothing the reminders are gathered from has changed. One step down the primary key.
 */
export async function latestChange(db: Db): Promise<number> {
  const row = await db.selectFrom('auditLog').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** No record has this id: an empty selection reads nothing. */
const NO_RECORD = '00000000-0000-0000-0000-000000000000';

/**
 * The records in `statuses` that passed gateway, with their apprentice, and each one's
 * bookings, work submitted (on the record and at gateway), submitted assessments and results.
 * Each list is joined to the same filter rather than given an id list, so no run meets a
 * parameter limit; `only` narrows them all to a few records (a bulk action's selection).
 */
export async function recordsUnderWay(db: Db, statuses: readonly RecordStatus[], only?: readonly string[]) {
  const active = [...statuses];
  const records = await db
    .selectFrom('epaRecords')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .select([
      'epaRecords.id',
      'epaRecords.standard',
      'epaRecords.policy',
      'epaRecords.gatewayApprovedOn',
      'epaRecords.apprenticeId',
      'apprentices.providerId',
      'apprentices.givenNames',
      'apprentices.familyName',
    ])
    .where('epaRecords.status', 'in', active)
    .where('epaRecords.gatewayApprovedOn', 'is not', null)
    .$if(only !== undefined, (q) => q.where('epaRecords.id', 'in', only?.length ? [...(only ?? [])] : [NO_RECORD]))
    .execute();
  const bookings = await db
    .selectFrom('bookings')
    .innerJoin('epaRecords', 'epaRecords.id', 'bookings.epaRecordId')
    .select(['bookings.id', 'bookings.epaRecordId', 'bookings.method', 'bookings.startsAt', 'bookings.status'])
    .where('epaRecords.status', 'in', active)
    .where('epaRecords.gatewayApprovedOn', 'is not', null)
    .$if(only !== undefined, (q) => q.where('epaRecords.id', 'in', only?.length ? [...(only ?? [])] : [NO_RECORD]))
    .execute();
  const submissions = await db
    .selectFrom('submissions')
    .innerJoin('epaRecords', 'epaRecords.id', 'submissions.epaRecordId')
    .select(['submissions.epaRecordId', 'submissions.kind', 'submissions.submittedOn'])
    .where('epaRecords.status', 'in', active)
    .where('epaRecords.gatewayApprovedOn', 'is not', null)
    .$if(only !== undefined, (q) => q.where('epaRecords.id', 'in', only?.length ? [...(only ?? [])] : [NO_RECORD]))
    .execute();
  const gatewaySubmissions = await db
    .selectFrom('gatewaySubmissions')
    .innerJoin('epaRecords', 'epaRecords.id', 'gatewaySubmissions.epaRecordId')
    .select(['gatewaySubmissions.epaRecordId', 'gatewaySubmissions.submittedOn'])
    .where('epaRecords.status', 'in', active)
    .where('epaRecords.gatewayApprovedOn', 'is not', null)
    .$if(only !== undefined, (q) => q.where('epaRecords.id', 'in', only?.length ? [...(only ?? [])] : [NO_RECORD]))
    .execute();
  const assessments = await db
    .selectFrom('assessments')
    .innerJoin('bookings', 'bookings.id', 'assessments.bookingId')
    .innerJoin('epaRecords', 'epaRecords.id', 'assessments.epaRecordId')
    .select(['assessments.epaRecordId', 'assessments.method', 'assessments.attempt', 'assessments.endedAt', 'bookings.startsAt'])
    .where('assessments.status', '=', 'submitted')
    .where('epaRecords.status', 'in', active)
    .where('epaRecords.gatewayApprovedOn', 'is not', null)
    .$if(only !== undefined, (q) => q.where('epaRecords.id', 'in', only?.length ? [...(only ?? [])] : [NO_RECORD]))
    .execute();
  const results = await db
    .selectFrom('results')
    .innerJoin('epaRecords', 'epaRecords.id', 'results.epaRecordId')
    .select(['results.epaRecordId', 'results.finalAssessmentOn', 'results.releasedOn', 'results.methodGrades', 'results.status', 'results.createdAt'])
    .where('epaRecords.status', 'in', active)
    .where('epaRecords.gatewayApprovedOn', 'is not', null)
    .$if(only !== undefined, (q) => q.where('epaRecords.id', 'in', only?.length ? [...(only ?? [])] : [NO_RECORD]))
    .execute();
  return { records, bookings, submissions, gatewaySubmissions, assessments, results };
}

/** Submitted assessments awaiting moderation, on records not withdrawn, with their apprentice. */
export async function assessmentsAwaitingModeration(db: Db, only?: readonly string[]) {
  return db
    .selectFrom('assessments')
    .innerJoin('epaRecords', 'epaRecords.id', 'assessments.epaRecordId')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .select([
      'assessments.id',
      'assessments.epaRecordId',
      'assessments.method',
      'assessments.submittedAt',
      'epaRecords.standard',
      'epaRecords.apprenticeId',
      'apprentices.providerId',
      'apprentices.givenNames',
      'apprentices.familyName',
    ])
    .where('assessments.moderationStatus', '=', 'pending')
    .where('assessments.status', '=', 'submitted')
    .where('assessments.submittedAt', 'is not', null)
    .where('epaRecords.status', '<>', 'withdrawn')
    .$if(only !== undefined, (q) => q.where('epaRecords.id', 'in', only?.length ? [...(only ?? [])] : [NO_RECORD]))
    .execute();
}

/** The users in `roles` who receive reminders, by email. */
export async function usersInRoles(
  db: Db,
  roles: readonly Role[],
): Promise<{ email: string; role: Role; organisationId: string | null; apprenticeId: string | null }[]> {
  return (
    db
      .selectFrom('users')
      .select(['email', 'role', 'organisationId', 'apprenticeId'])
      .where('role', 'in', [...roles])
      // Not those who asked for no reminders, nor disabled accounts.
      .where('remindersOff', '=', false)
      .where('disabledAt', 'is', null)
      .orderBy('email')
      .execute()
  );
}

export type ReminderMailRow = { toAddress: string; subject: string; body: string; kind: string; dedupeKey: string; createdAt: Date };

/** Writes the rows to the outbox, skipping any whose dedupe key is already there; how many were written. */
export const writeReminderMail = (tx: Db, rows: readonly ReminderMailRow[]): Promise<number> => writeMail(tx, rows);

/** The outbox newest first (then by address and subject), only the unsent with `unsent`. */
export async function outboxNewestFirst(db: Db, options: { limit: number; unsent: boolean }) {
  let query = db.selectFrom('outbox').select(['id', 'toAddress', 'subject', 'body', 'kind', 'createdAt', 'sentAt']);
  if (options.unsent) query = query.where('sentAt', 'is', null);
  return query.orderBy('createdAt', 'desc').orderBy('toAddress').orderBy('subject').limit(options.limit).execute();
}
