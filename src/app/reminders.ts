// Reminders and overdue alerts: gather the facts from the store, ask the domain which are
// due today (src/domain/reminders/due.ts) and write each, once per recipient, to the
// outbox. A reminder's dedupe key plus the address is the outbox row's dedupe_key, so a
// run repeated the same day (or on two nodes at once) writes nothing twice. Delivery is
// the mailer's job (src/app/mailer.ts).

import type { Actor } from '../domain/access/access.ts';
import type { IsoDate } from '../domain/calendar/dates.ts';
import { utcToLondon } from '../domain/calendar/london-time.ts';
import { statusesAllowing } from '../domain/lifecycle/record-lifecycle.ts';
import { MAIL_CATALOGUE, type MailTemplate, renderMail } from '../domain/mail/templates.ts';
import { kindsSubmitted, type WorkKind, workSubmittedOn } from '../domain/planning/submitted.ts';
import { latestResultInForce, projectFailReleasedOn } from '../domain/reassessment/rework.ts';
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
import {
  assessmentsAwaitingModeration,
  outboxNewestFirst,
  recordsUnderWay,
  usersInRoles,
  writeReminderMail,
} from '../store/repositories/reminders.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { type AppContext, today } from './context.ts';
import { forbidden } from './errors.ts';
import { cachedWords } from './mail-templates.ts';
import { hideLinks } from './people.ts';

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

/** Rows by the record they belong to. */
function byRecord<T extends { epaRecordId: string }>(rows: readonly T[]) {
  const by = new Map<string, T[]>();
  for (const row of rows) {
    const list = by.get(row.epaRecordId);
    if (list) list.push(row);
    else by.set(row.epaRecordId, [row]);
  }
  return (id: string) => by.get(id) ?? [];
}

/** The facts of every record under way, or (`only`) of those records alone. */
export async function gatherFacts(ctx: AppContext, only?: readonly string[]): Promise<GatheredFacts> {
  const { records, ...lists } = await recordsUnderWay(ctx.db, ACTIVE, only);
  const bookingsOf = byRecord(lists.bookings);
  const submissionsOf = byRecord(lists.submissions);
  const gatewaySubmissionsOf = byRecord(lists.gatewaySubmissions);
  const assessmentsOf = byRecord(lists.assessments);
  const resultsOf = byRecord(lists.results);

  const facts: RecordFacts[] = [];
  const parties = new Map<string, Parties>();
  for (const record of records) {
    const resolved = resolve(ctx.catalogue, record.standard, record.policy);
    if (!resolved.ok) continue; // a record's standard and policy were checked when it was registered
    const failReleasedOn = projectFailReleasedOn(resolved.value, latestResultInForce(resultsOf(record.id)));
    const rows: RecordRows = {
      recordId: record.id,
      about: `${record.givenNames} ${record.familyName} (${record.standard})`,
      gatewayApprovedOn: record.gatewayApprovedOn as IsoDate,
      bookings: bookingsOf(record.id).map((b) => ({ id: b.id, method: b.method, date: londonDate(b.startsAt), status: b.status })),
      submitted: kindsSubmitted(
        workSubmittedOn(
          submissionsOf(record.id).map((s) => ({ kind: s.kind as WorkKind, submittedOn: s.submittedOn as IsoDate })),
          gatewaySubmissionsOf(record.id).map((g) => g.submittedOn as IsoDate),
          failReleasedOn,
        ),
      ),
      assessments: assessmentsOf(record.id).map((a) => ({ method: a.method, attempt: a.attempt, heldOn: londonDate(a.endedAt ?? a.startsAt) })),
      results: resultsOf(record.id).map((r) => ({ finalAssessmentOn: r.finalAssessmentOn })),
      projectFailReleasedOn: failReleasedOn,
    };
    facts.push(recordFacts(resolved.value, rows));
    parties.set(record.id, { providerId: record.providerId, apprenticeId: record.apprenticeId });
  }

  const pending = await assessmentsAwaitingModeration(ctx.db, only);
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

/** The outbox message for one reminder, in the EPAO's words for it (`record-reminder`; Capstone's by default). */
export function reminderMail(reminder: Reminder, words: MailTemplate = MAIL_CATALOGUE['record-reminder'].template): { subject: string; body: string } {
  const sentence = reminder.message.charAt(0).toUpperCase() + reminder.message.slice(1);
  return renderMail(words, {
    title: TITLES[reminder.code],
    about: reminder.about,
    message: sentence,
    dueOn: reminder.dueOn,
    rule: reminder.source,
    recordId: reminder.recordId,
    reference: reminder.code,
  });
}

/** Who receives reminders for each audience: EPAO admins, IQAs, the record's provider users and the apprentice's own user. */
async function addressBook(ctx: AppContext) {
  const users = await usersInRoles(ctx.db, ['epao-admin', 'iqa', 'provider', 'apprentice']);
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

/** The reminders due on `day` (today in England unless given), without writing anything; `only`: of those records alone. */
export async function remindersDue(
  ctx: AppContext,
  day: IsoDate = today(ctx),
  only?: readonly string[],
): Promise<{ reminders: Reminder[]; parties: Map<string, Parties> }> {
  const facts = await gatherFacts(ctx, only);
  return { reminders: dueReminders(day, ctx.holidays, facts), parties: facts.parties };
}

export type ReminderMailRow = { toAddress: string; subject: string; body: string; kind: string; dedupeKey: string; createdAt: Date };

/** Each reminder as outbox rows, one per recipient, each with the dedupe key `key` gives it. */
export async function reminderMailRows(
  ctx: AppContext,
  reminders: readonly Reminder[],
  parties: Map<string, Parties>,
  key: (reminder: Reminder, address: string) => string,
): Promise<ReminderMailRow[]> {
  if (reminders.length === 0) return [];
  const addresses = await addressBook(ctx);
  const words = await cachedWords(ctx.db, 'record-reminder');
  const createdAt = ctx.now();
  return reminders.flatMap((reminder) => {
    const mail = reminderMail(reminder, words);
    const to = new Set(reminder.audience.flatMap((audience) => addresses(audience, parties.get(reminder.recordId))));
    return [...to].map((address) => ({
      toAddress: address,
      subject: mail.subject,
      body: mail.body,
      kind: reminder.code,
      dedupeKey: key(reminder, address),
      createdAt,
    }));
  });
}

/**
 * Writes the reminders due on `day` to the outbox, one row per recipient, in one
 * transaction; a row already written (same dedupe key) is skipped. Returns the number of
 * rows written.
 */
export async function runReminders(ctx: AppContext, day: IsoDate = today(ctx)): Promise<number> {
  const { reminders, parties } = await remindersDue(ctx, day);
  const rows = await reminderMailRows(ctx, reminders, parties, (reminder, address) => `${reminder.key}:${address}`);
  if (rows.length === 0) return 0;
  return inTransaction(ctx.db, (trx) => writeReminderMail(trx, rows));
}

export type OutboxMessage = { id: string; to: string; subject: string; body: string; kind: string; createdAt: Date; sentAt: Date | null };

/** The outbox, newest first. */
export async function outboxMessages(ctx: AppContext, options: { limit?: number; unsent?: boolean } = {}): Promise<OutboxMessage[]> {
  const rows = await outboxNewestFirst(ctx.db, { limit: options.limit ?? 200, unsent: options.unsent ?? false });
  return rows.map(({ id, toAddress, subject, body, kind, createdAt, sentAt }) => ({ id, to: toAddress, subject, body, kind, createdAt, sentAt }));
}

/** The outbox for the EPAO's administrators. */
export async function listOutbox(ctx: AppContext, actor: Actor, options: { limit?: number; unsent?: boolean } = {}): Promise<OutboxMessage[]> {
  if (actor.role !== 'epao-admin') throw forbidden('the outbox is for EPAO administrators');
  // An administrator reads what was sent, never someone else's password link.
  return (await outboxMessages(ctx, options)).map((m) => ({ ...m, body: hideLinks(m.body) }));
}
