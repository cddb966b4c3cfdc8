// Reminders and overdue alerts: gather the facts from the store, ask the domain which are
// due today (src/domain/reminders/due.ts) and write each, once per recipient, to the
// outbox. A reminder's dedupe key plus the address is the outbox row's dedupe_key, so a
// run repeated the same day (or on two nodes at once) writes nothing twice. Delivery is
// the mailer's job (src/app/mailer.ts).

import type { Actor } from '../domain/access/access.ts';
import type { IsoDate } from '../domain/calendar/dates.ts';
import { utcToLondon } from '../domain/calendar/london-time.ts';
import { statusesAllowing } from '../domain/lifecycle/record-lifecycle.ts';
import { kindsSubmitted, type WorkKind, workSubmittedOn } from '../domain/planning/submitted.ts';
import {
  type Audience,
  dueReminders,
  type ModerationFacts,
  type RecordFacts,
  type RecordRows,
  type Reminder,
  type ReminderCode,
  recordFacts,
} from '../domain/reminders/due.ts';
import { resolve } from '../domain/standards/catalogue.ts';
import { type AppContext, today } from './context.ts';
import { forbidden } from './errors.ts';

/** Records whose EPA is under way: where assessments are booked (the record's lifecycle). */
const ACTIVE = statusesAllowing('book-assessment');

export type Parties = { providerId: string; apprenticeId: string };

export type GatheredFacts = {
  records: RecordFacts[];
  awaitingModeration: ModerationFacts[];
  /** Who each record concerns, to address its reminders. */
  parties: Map<string, Parties>;
};

const londonDate = (instant: Date | string) => utcToLondon(instant).date;

export async function gatherFacts(ctx: AppContext): Promise<GatheredFacts> {
  const records = await ctx.db
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
    .where('epaRecords.status', 'in', ACTIVE)
    .where('epaRecords.gatewayApprovedOn', 'is not', null)
    .execute();
  // Each joined to the same filter rather than given an id list, so no run meets a parameter limit.
  const bookings = await ctx.db
    .selectFrom('bookings')
    .innerJoin('epaRecords', 'epaRecords.id', 'bookings.epaRecordId')
    .select(['bookings.id', 'bookings.epaRecordId', 'bookings.method', 'bookings.startsAt', 'bookings.status'])
    .where('epaRecords.status', 'in', ACTIVE)
    .where('epaRecords.gatewayApprovedOn', 'is not', null)
    .execute();
  const submissions = await ctx.db
    .selectFrom('submissions')
    .innerJoin('epaRecords', 'epaRecords.id', 'submissions.epaRecordId')
    .select(['submissions.epaRecordId', 'submissions.kind', 'submissions.submittedOn'])
    .where('epaRecords.status', 'in', ACTIVE)
    .where('epaRecords.gatewayApprovedOn', 'is not', null)
    .execute();
  const gatewaySubmissions = await ctx.db
    .selectFrom('gatewaySubmissions')
    .innerJoin('epaRecords', 'epaRecords.id', 'gatewaySubmissions.epaRecordId')
    .select(['gatewaySubmissions.epaRecordId', 'gatewaySubmissions.submittedOn'])
    .where('epaRecords.status', 'in', ACTIVE)
    .where('epaRecords.gatewayApprovedOn', 'is not', null)
    .execute();
  const assessments = await ctx.db
    .selectFrom('assessments')
    .innerJoin('bookings', 'bookings.id', 'assessments.bookingId')
    .innerJoin('epaRecords', 'epaRecords.id', 'assessments.epaRecordId')
    .select(['assessments.epaRecordId', 'assessments.method', 'assessments.attempt', 'assessments.endedAt', 'bookings.startsAt'])
    .where('assessments.status', '=', 'submitted')
    .where('epaRecords.status', 'in', ACTIVE)
    .where('epaRecords.gatewayApprovedOn', 'is not', null)
    .execute();
  const results = await ctx.db
    .selectFrom('results')
    .innerJoin('epaRecords', 'epaRecords.id', 'results.epaRecordId')
    .select(['results.epaRecordId', 'results.finalAssessmentOn'])
    .where('epaRecords.status', 'in', ACTIVE)
    .where('epaRecords.gatewayApprovedOn', 'is not', null)
    .execute();

  const group = <T extends { epaRecordId: string }>(rows: readonly T[]) => {
    const by = new Map<string, T[]>();
    for (const row of rows) {
      const list = by.get(row.epaRecordId);
      if (list) list.push(row);
      else by.set(row.epaRecordId, [row]);
    }
    return (id: string) => by.get(id) ?? [];
  };
  const bookingsOf = group(bookings);
  const submissionsOf = group(submissions);
  const gatewaySubmissionsOf = group(gatewaySubmissions);
  const assessmentsOf = group(assessments);
  const resultsOf = group(results);

  const facts: RecordFacts[] = [];
  const parties = new Map<string, Parties>();
  for (const record of records) {
    const resolved = resolve(ctx.catalogue, record.standard, record.policy);
    if (!resolved.ok) continue; // a record's standard and policy were checked when it was registered
    const rows: RecordRows = {
      recordId: record.id,
      about: `${record.givenNames} ${record.familyName} (${record.standard})`,
      gatewayApprovedOn: record.gatewayApprovedOn as IsoDate,
      bookings: bookingsOf(record.id).map((b) => ({ id: b.id, method: b.method, date: londonDate(b.startsAt), status: b.status })),
      submitted: kindsSubmitted(
        workSubmittedOn(
          submissionsOf(record.id).map((s) => ({ kind: s.kind as WorkKind, submittedOn: s.submittedOn as IsoDate })),
          gatewaySubmissionsOf(record.id).map((g) => g.submittedOn as IsoDate),
        ),
      ),
      assessments: assessmentsOf(record.id).map((a) => ({ method: a.method, attempt: a.attempt, heldOn: londonDate(a.endedAt ?? a.startsAt) })),
      results: resultsOf(record.id).map((r) => ({ finalAssessmentOn: r.finalAssessmentOn })),
    };
    facts.push(recordFacts(resolved.value, rows));
    parties.set(record.id, { providerId: record.providerId, apprenticeId: record.apprenticeId });
  }

  const pending = await ctx.db
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
    .execute();
  const awaitingModeration = pending.map((a) => {
    parties.set(a.epaRecordId, { providerId: a.providerId, apprenticeId: a.apprenticeId });
    return {
      assessmentId: a.id,
      recordId: a.epaRecordId,
      about: `${a.givenNames} ${a.familyName} (${a.standard})`,
      method: a.method,
      submittedOn: londonDate(a.submittedAt as Date),
    };
  });
  return { records: facts, awaitingModeration, parties };
}

const TITLES: Record<ReminderCode, string> = {
  SUBMISSION_DUE: 'Submission due',
  SUBMISSION_OVERDUE: 'Submission overdue',
  EPA_WINDOW_ENDING: 'EPA window ending',
  EPA_WINDOW_PASSED: 'EPA window passed',
  RESULTS_DUE: 'Result due',
  RESULTS_OVERDUE: 'Result overdue',
  MODERATION_DUE: 'Moderation overdue',
};

/** The outbox message for one reminder. */
export function reminderMail(reminder: Reminder): { subject: string; body: string } {
  const sentence = reminder.message.charAt(0).toUpperCase() + reminder.message.slice(1);
  return {
    subject: `${TITLES[reminder.code]}: ${reminder.about}`,
    body: `${sentence}.\n\nDue: ${reminder.dueOn}\nRule: ${reminder.source}\nEPA record: ${reminder.recordId}\nReference: ${reminder.code}\n`,
  };
}

/** Who receives reminders for each audience: EPAO admins, IQAs, the record's provider users and the apprentice's own user. */
async function addressBook(ctx: AppContext) {
  const users = await ctx.db
    .selectFrom('users')
    .select(['email', 'role', 'organisationId', 'apprenticeId'])
    .where('role', 'in', ['epao-admin', 'iqa', 'provider', 'apprentice'])
    .orderBy('email')
    .execute();
  return (audience: Audience, parties: Parties | undefined): string[] => {
    switch (audience) {
      case 'epao':
        return users.filter((u) => u.role === 'epao-admin').map((u) => u.email);
      case 'iqa':
        return users.filter((u) => u.role === 'iqa').map((u) => u.email);
      case 'provider':
        return parties ? users.filter((u) => u.role === 'provider' && u.organisationId === parties.providerId).map((u) => u.email) : [];
      case 'apprentice':
        return parties ? users.filter((u) => u.role === 'apprentice' && u.apprenticeId === parties.apprenticeId).map((u) => u.email) : [];
    }
  };
}

/** The reminders due on `day` (today in England unless given), without writing anything. */
export async function remindersDue(ctx: AppContext, day: IsoDate = today(ctx)): Promise<{ reminders: Reminder[]; parties: Map<string, Parties> }> {
  const facts = await gatherFacts(ctx);
  return { reminders: dueReminders(day, ctx.holidays, facts), parties: facts.parties };
}

/**
 * Writes the reminders due on `day` to the outbox, one row per recipient, in one
 * transaction; a row already written (same dedupe key) is skipped. Returns the number of
 * rows written.
 */
export async function runReminders(ctx: AppContext, day: IsoDate = today(ctx)): Promise<number> {
  const { reminders, parties } = await remindersDue(ctx, day);
  if (reminders.length === 0) return 0;
  const addresses = await addressBook(ctx);
  const createdAt = ctx.now();
  const rows = reminders.flatMap((reminder) => {
    const mail = reminderMail(reminder);
    const to = new Set(reminder.audience.flatMap((audience) => addresses(audience, parties.get(reminder.recordId))));
    return [...to].map((address) => ({
      toAddress: address,
      subject: mail.subject,
      body: mail.body,
      kind: reminder.code,
      dedupeKey: `${reminder.key}:${address}`,
      createdAt,
    }));
  });
  if (rows.length === 0) return 0;
  return ctx.db.transaction().execute(async (trx) => {
    let written = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const inserted = await trx
        .insertInto('outbox')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.column('dedupeKey').doNothing())
        .returning('id')
        .execute();
      written += inserted.length;
    }
    return written;
  });
}

export type OutboxMessage = { id: string; to: string; subject: string; body: string; kind: string; createdAt: Date; sentAt: Date | null };

/** The outbox, newest first. */
export async function outboxMessages(ctx: AppContext, options: { limit?: number; unsent?: boolean } = {}): Promise<OutboxMessage[]> {
  let query = ctx.db.selectFrom('outbox').select(['id', 'toAddress', 'subject', 'body', 'kind', 'createdAt', 'sentAt']);
  if (options.unsent) query = query.where('sentAt', 'is', null);
  const rows = await query
    .orderBy('createdAt', 'desc')
    .orderBy('toAddress')
    .orderBy('subject')
    .limit(options.limit ?? 200)
    .execute();
  return rows.map(({ id, toAddress, subject, body, kind, createdAt, sentAt }) => ({ id, to: toAddress, subject, body, kind, createdAt, sentAt }));
}

/** The outbox for the EPAO's administrators. */
export async function listOutbox(ctx: AppContext, actor: Actor, options: { limit?: number; unsent?: boolean } = {}): Promise<OutboxMessage[]> {
  if (actor.role !== 'epao-admin') throw forbidden('the outbox is for EPAO administrators');
  return outboxMessages(ctx, options);
}
