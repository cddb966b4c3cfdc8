// Work done to many records at once, each through its own use-case with all of its checks,
// one record at a time: a refusal for one record is that record's outcome and stops no
// other, and the report says, record by record, what was done and what was not.
import { type Actor, may } from '../domain/access/access.ts';
import { writeReminderMail } from '../store/repositories/reminders.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { listBookings, moveBooking } from './bookings.ts';
import { claimCertificate } from './certificates.ts';
import type { AppContext } from './context.ts';
import { today } from './context.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from './errors.ts';
import { isUuid } from './ids.ts';
import { type EpaRecordView, getRecord } from './records.ts';
import { reminderMailRows, remindersDue } from './reminders.ts';
import { releaseResult } from './results.ts';

/** More than a page of the list at once is not a selection a person checks. */
export const MAX_BULK = 100;

/** What became of one record: done (with the id of what was made), or not and why. */
export type BulkOutcome =
  | { recordId: string; name: string; done: true; id: string; note?: string }
  | { recordId: string; name: string; done: false; code: string; message: string };

function selection(recordIds: readonly string[]): string[] {
  const ids = [...new Set(recordIds)];
  if (ids.length === 0) throw badRequest('SELECTION_EMPTY', 'choose at least one apprentice');
  if (ids.length > MAX_BULK) throw badRequest('SELECTION_TOO_LARGE', `choose at most ${MAX_BULK} apprentices at once`);
  return ids;
}

/** Runs `act` for each selected record the actor may see, one at a time; a refusal is that record's outcome. */
async function eachRecord(
  ctx: AppContext,
  actor: Actor,
  recordIds: readonly string[],
  act: (record: EpaRecordView) => Promise<{ id: string; note?: string }>,
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const recordId of selection(recordIds)) {
    let name = '';
    try {
      if (!isUuid(recordId)) throw notFound(`EPA record ${recordId}`);
      const record = await getRecord(ctx, actor, recordId);
      name = `${record.apprentice.givenNames} ${record.apprentice.familyName}`;
      const made = await act(record);
      outcomes.push({ recordId, name, done: true, id: made.id, ...(made.note ? { note: made.note } : {}) });
    } catch (error) {
      outcomes.push({ recordId, name, ...refusalOf(error) });
    }
  }
  return outcomes;
}

/**
 * Claims the certificate of each selected record's released pass or distinction, in the
 * apprentice's name and ULN as the record holds them (004 Section 6: the EPAO claims on the
 * apprentice's behalf). Each claim is the single claim's use-case, checks and all.
 */
export function claimCertificates(ctx: AppContext, actor: Actor, recordIds: readonly string[]): Promise<BulkOutcome[]> {
  return eachRecord(ctx, actor, recordIds, ({ id, apprentice: { givenNames, familyName, uln } }) =>
    claimCertificate(ctx, actor, id, { givenNames, familyName, uln }),
  );
}

/**
 * Releases each selected record's result, each through the single release's use-case: every
 * method graded, moderation decided, no malpractice case open. A fail is released with
 * feedback on what to develop, which a bulk release cannot write, so a fail is refused here
 * (FEEDBACK_REQUIRED) and released from its own page.
 */
export function releaseResults(ctx: AppContext, actor: Actor, recordIds: readonly string[]): Promise<BulkOutcome[]> {
  return eachRecord(ctx, actor, recordIds, (record) => releaseResult(ctx, actor, record.id, {}));
}

/** The assessor to give the bookings to, and (optionally) the only assessor whose bookings move. */
export type Reassignment = { to: string; from?: string };

/**
 * Gives each selected record's bookings still to come to another assessor, each booking as a
 * single move of it (the new assessor checked for approval, standardisation, independence and
 * their diary, as a move checks them): an outcome a booking. `from`: only that assessor's
 * bookings move (an assessor on leave); a booking already with `to` stays as it is.
 */
export async function reassignBookings(ctx: AppContext, actor: Actor, recordIds: readonly string[], choice: Reassignment): Promise<BulkOutcome[]> {
  if (!isUuid(choice.to)) throw badRequest('ASSESSOR_REQUIRED', 'choose the assessor to give the bookings to', { field: 'assessorId' });
  const outcomes: BulkOutcome[] = [];
  for (const recordId of selection(recordIds)) {
    try {
      if (!isUuid(recordId)) throw notFound(`EPA record ${recordId}`);
      const record = await getRecord(ctx, actor, recordId);
      const name = `${record.apprentice.givenNames} ${record.apprentice.familyName}`;
      // Still to come: one that has started (its assessment may be open) stays with its assessor.
      const now = ctx.now().getTime();
      const bookings = (
        await listBookings(ctx, actor, { recordId, status: 'booked', from: today(ctx), ...(choice.from ? { assessorId: choice.from } : {}) })
      ).filter((b) => b.assessor.id !== choice.to && Date.parse(b.startsAt) > now);
      if (bookings.length === 0)
        outcomes.push({ recordId, name, done: false, code: 'NOTHING_TO_REASSIGN', message: 'no booking still to come to give to another assessor' });
      for (const booking of bookings) {
        const which = `${name}: ${booking.methodName}, ${booking.date}`;
        try {
          const moved = await moveBooking(ctx, actor, booking.id, { version: booking.version, assessorId: choice.to });
          outcomes.push({ recordId, name: which, done: true, id: moved.id });
        } catch (error) {
          outcomes.push({ recordId, name: which, ...refusalOf(error) });
        }
      }
    } catch (error) {
      outcomes.push({ recordId, name: '', ...refusalOf(error) });
    }
  }
  return outcomes;
}

/** A refusal as a record's outcome; anything else (a fault, a forbidden action) is thrown on. */
function refusalOf(error: unknown): { done: false; code: string; message: string } {
  if (!(error instanceof AppError) || error.status >= 500 || error.status === 403) throw error;
  return { done: false, code: error.code, message: error.message };
}

/**
 * Chases the selected apprentices now: the reminders due or overdue today for each record
 * (the domain's reminders, 004 and the policies' deadlines), written to the outbox for their
 * recipients as the daily run writes them. A chase is once a day for each reminder and
 * recipient, so the same selection sent again that day writes nothing more; a record with
 * nothing due or overdue is said so.
 */
export async function chaseReminders(ctx: AppContext, actor: Actor, recordIds: readonly string[]): Promise<BulkOutcome[]> {
  if (!may(actor, 'reminder.send')) throw forbidden('the EPAO sends reminders');
  const ids = selection(recordIds);
  const day = today(ctx);
  const { reminders, parties } = await remindersDue(ctx, day, ids.filter(isUuid));
  return eachRecord(ctx, actor, ids, async (record) => {
    const due = reminders.filter((r) => r.recordId === record.id);
    if (due.length === 0) throw conflict('NOTHING_TO_REMIND', 'nothing is due or overdue for this apprentice today');
    const rows = await reminderMailRows(ctx, due, parties, (reminder, address) => `chase:${day}:${reminder.key}:${address}`);
    const written = rows.length === 0 ? 0 : await inTransaction(ctx.db, (trx) => writeReminderMail(trx, rows));
    const what = due.map((r) => r.message).join('; ');
    if (rows.length === 0) throw conflict('NO_ONE_TO_REMIND', `no one on record receives this apprentice's reminders: ${what}`);
    return { id: record.id, note: written > 0 ? `${written} message${written === 1 ? '' : 's'}: ${what}` : `already sent today: ${what}` };
  });
}
