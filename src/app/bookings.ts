// Booking each assessment method: date, UK start time, venue or remote link, and an
// independent assessor. The facts come from the bookings repository in two statements,
// src/app/booking-decision.ts decides over them, and the change goes back in one
// statement with its audit entries. The database settles races: the exclusion constraint
// bookings_assessor_free (no overlapping assessments for one assessor) and the unique
// index bookings_one_per_method.
import { randomUUID } from 'node:crypto';
import { type Actor, may } from '../domain/access/access.ts';
import { keepsConfirmation } from '../domain/booking/confirmation.ts';
import { type CancellationCharge, cancellationCharge, type PlannedLength, plannedLength } from '../domain/booking/slot.ts';
import type { IsoDate } from '../domain/calendar/dates.ts';
import { addMinutes, utcToLondon } from '../domain/calendar/london-time.ts';
import type { Finding } from '../domain/outcome.ts';
import type { Resolved } from '../domain/standards/catalogue.ts';
import type { AuditInput } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import { type AssessorFacts, assessorFacts, type RecordFacts, recordFacts } from '../store/repositories/booking-facts.repository.ts';
import {
  bookingForChange,
  cancelBookingRow,
  insertBooking,
  moveBookingRow,
  type RecordChanges,
  recordIdOfBooking,
  type StoredBooking,
} from '../store/repositories/bookings.repository.ts';
import {
  assertBookable,
  assertPlace,
  decideProposal,
  methodFor,
  type Proposal,
  recordChangesAfter,
  resolved,
  settled,
  startInstant,
} from './booking-decision.ts';
import { bookingNotice, remoteLinkMail } from './booking-mail.ts';
import { type BookingChangeOptions, cannotHaveMovedOn, optimistically, unitOfWork } from './booking-unit-of-work.ts';
import { type BookingOutcome, type BookingView, toView } from './booking-views.ts';
import { type AppContext, today } from './context.ts';
import { conflict, forbidden, notFound } from './errors.ts';
import { isUuid } from './ids.ts';
import type { BookingCancelRequest, BookingCreateRequest, BookingMoveRequest } from './inputs-assessors.ts';

export type { BookingChangeOptions } from './booking-unit-of-work.ts';
export { type BookingFilter, type BookingOutcome, type BookingView, getBooking, listBookings } from './booking-views.ts';

async function factsOf(db: Db, recordId: string, lock: boolean, leaveOut?: string): Promise<RecordFacts> {
  const record = await recordFacts(db, recordId, { lock, ...(leaveOut ? { leaveOut } : {}) });
  if (!record) throw notFound(`EPA record ${recordId}`);
  return record;
}

/** The booking's view from what the decision already holds: no read-back. */
function outcomeView(ctx: AppContext, row: StoredBooking, record: RecordFacts, assessor: Pick<AssessorFacts, 'name'>): BookingView {
  return toView(ctx, {
    ...row,
    standard: record.standard,
    policy: record.policy,
    extraTimePercent: record.extraTimePercent,
    adjustments: record.adjustments,
    apprenticeId: record.apprenticeId,
    givenNames: record.givenNames,
    familyName: record.familyName,
    assessorName: assessor.name,
  });
}

/** The record's update after a change, and its audit entry, or nothing. */
function recordUpdate(ctx: AppContext, actor: Actor, record: RecordFacts, r: Resolved, booked: boolean, dates: IsoDate[]) {
  const changes: RecordChanges | null = recordChangesAfter(record, r, booked, dates);
  const audit: AuditInput[] = changes
    ? [
        {
          actorId: actor.userId,
          actor: actor.name,
          action: 'update',
          entity: 'epa-record',
          entityId: record.id,
          before: { status: record.status, epaStart: record.epaStart, epaEnd: record.epaEnd, version: record.version },
          after: changes,
        },
      ]
    : [];
  return { target: { id: record.id, changes, at: ctx.now(), version: record.version, bookingChanges: record.bookingChanges }, audit };
}

const datesOf = (record: RecordFacts, plus: IsoDate[]) => [...record.others.map((o) => utcToLondon(o.startsAt).date), ...plus];

type At = { date: IsoDate; start: Date; place: { venue: string | null } };

function proposalFor(ctx: AppContext, method: { id: string }, { date, start, place }: At, slot: PlannedLength, assessorId: string): Proposal {
  return { method: method.id, date, startsAt: start, endsAt: addMinutes(start, slot.maxMinutes), assessorId, bookedOn: today(ctx), venue: place.venue };
}

export async function bookAssessment(
  ctx: AppContext,
  actor: Actor,
  recordId: string,
  input: BookingCreateRequest,
  options: BookingChangeOptions = {},
): Promise<BookingOutcome> {
  if (!may(actor, 'booking.manage')) throw forbidden();
  if (!isUuid(recordId)) throw notFound(`EPA record ${recordId}`);
  const start = startInstant(input.date, input.startTime);
  const place = { venue: input.venue ?? null, remoteLink: input.remoteLink ?? null };
  return settled(() =>
    optimistically(ctx, options, async (db, mode) => {
      const lock = mode === 'locked';
      const record = await factsOf(db, recordId, lock);
      const r = resolved(ctx, record);
      const method = methodFor(r, input.method);
      assertBookable(record);
      assertPlace(method, place);
      const slot = plannedLength(method, record.extraTimePercent, record.showcaseFormat);
      const proposal = proposalFor(ctx, method, { date: input.date, start, place }, slot, input.assessorId);
      const assessor = await assessorFacts(db, proposal.assessorId, proposal, { lock });
      const warnings = decideProposal(ctx, record, assessor, r, proposal);
      const { assessorId, startsAt, endsAt, bookedOn } = proposal;
      const id = randomUUID();
      const link = await remoteLinkMail(ctx, r, record, { id, version: 1, method: method.id, startsAt, remoteLink: place.remoteLink }, true);
      if (link.warning) warnings.push(link.warning);
      const booking = { id, epaRecordId: record.id, method: method.id, assessorId, startsAt, endsAt, bookedOn, ...place, warnings };
      const update = recordUpdate(ctx, actor, record, r, true, datesOf(record, [proposal.date]));
      const entry: AuditInput = {
        actorId: actor.userId,
        actor: actor.name,
        action: 'book',
        entity: 'booking',
        entityId: booking.id,
        after: { recordId: record.id, ...proposal, ...place, minutes: slot.maxMinutes, warnings },
      };
      const row: StoredBooking | undefined =
        mode === 'dry-run'
          ? { ...booking, version: 1, status: 'booked', cancelledOn: null, cancellationCharge: null, cancellationReason: null, confirmedAt: null }
          : await insertBooking(
              db,
              booking,
              update.target,
              [...update.audit, entry],
              [link.mail, await bookingNotice(ctx, record, 'booking-made', { id, version: 1, methodName: method.name, startsAt, ...place })],
            );
      return row && { ...outcomeView(ctx, row, record, assessor as AssessorFacts), slot };
    }),
  );
}

const noticeOf = (r: Resolved, b: StoredBooking, reason: string) => ({
  ...b,
  version: b.version + 1,
  methodName: r.index.methods.get(b.method)?.name ?? b.method,
  reason,
});

/** The booking to move or cancel, as it stands: only a booked one at the version the change was made from. */
async function bookingToChange(db: Db, id: string, version: number, lock: boolean): Promise<{ booking: StoredBooking; assessorName: string }> {
  const found = await bookingForChange(db, id, { lock });
  if (!found) throw notFound(`booking ${id}`);
  const { booking } = found;
  if (booking.status === 'cancelled') throw conflict('BOOKING_CANCELLED', 'this booking has been cancelled: make a new booking instead');
  if (booking.status !== 'booked') throw conflict('ASSESSMENT_HELD', 'this assessment has been held: it can no longer be moved or cancelled');
  if (booking.version !== version)
    throw conflict('STALE_VERSION', `the booking has changed since version ${version}: reload it and try again`, { currentVersion: booking.version });
  return found;
}

async function recordOfBooking(ctx: AppContext, id: string): Promise<string> {
  if (!isUuid(id)) throw notFound(`booking ${id}`);
  const recordId = await recordIdOfBooking(ctx.db, id);
  if (!recordId) throw notFound(`booking ${id}`);
  return recordId;
}

/** A new date, time, assessor or place, checked exactly as a new booking (leaving this one out); a stale version gets 409. */
export async function moveBooking(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: BookingMoveRequest,
  options: BookingChangeOptions = {},
): Promise<BookingOutcome> {
  if (!may(actor, 'booking.manage')) throw forbidden();
  const recordId = await recordOfBooking(ctx, id);
  return settled(() =>
    unitOfWork(ctx, options, async (db, lock) => {
      // The booking and its record locked together first, then the record's facts read fresh.
      const { booking } = await bookingToChange(db, id, input.version, lock);
      const record = await factsOf(db, recordId, false, id);
      const r = resolved(ctx, record);
      const method = methodFor(r, booking.method);
      const was = utcToLondon(booking.startsAt);
      const date = input.date ?? was.date;
      const start = startInstant(date, input.startTime ?? was.time);
      const place = {
        venue: input.venue === undefined ? booking.venue : input.venue,
        remoteLink: input.remoteLink === undefined ? booking.remoteLink : input.remoteLink,
      };
      assertPlace(method, place);
      const slot = plannedLength(method, record.extraTimePercent, record.showcaseFormat);
      const proposal = proposalFor(ctx, method, { date, start, place }, slot, input.assessorId ?? booking.assessorId);
      const assessor = await assessorFacts(db, proposal.assessorId, { ...proposal, leaveOut: id }, { lock });
      const warnings: Finding[] = decideProposal(ctx, record, assessor, r, proposal);
      const { assessorId, startsAt, endsAt, bookedOn } = proposal;
      const changed = startsAt.getTime() !== new Date(booking.startsAt).getTime() || place.remoteLink !== booking.remoteLink;
      const link = await remoteLinkMail(
        ctx,
        r,
        record,
        { id, version: booking.version + 1, method: method.id, startsAt, remoteLink: place.remoteLink },
        changed,
      );
      if (link.warning) warnings.push(link.warning);
      const moved = { assessorId, startsAt, endsAt, bookedOn, ...place, warnings, keepsConfirmation: keepsConfirmation(booking, { startsAt, assessorId }) };
      const update = recordUpdate(ctx, actor, record, r, true, datesOf(record, [date]));
      const entry: AuditInput = {
        actorId: actor.userId,
        actor: actor.name,
        action: 'move',
        entity: 'booking',
        entityId: id,
        before: booking,
        after: { ...proposal, ...place, minutes: slot.maxMinutes, warnings },
      };
      const row = lock
        ? await moveBookingRow(
            db,
            id,
            input.version,
            moved,
            update.target,
            [...update.audit, entry],
            [
              link.mail,
              changed || place.venue !== booking.venue
                ? await bookingNotice(ctx, record, 'booking-moved', { id, version: booking.version + 1, methodName: method.name, startsAt, ...place })
                : null,
            ],
          )
        : { ...booking, ...moved, version: booking.version + 1, confirmedAt: moved.keepsConfirmation ? booking.confirmedAt : null };
      if (!row) throw conflict('STALE_VERSION', `the booking has changed since version ${input.version}: reload it and try again`);
      return { ...outcomeView(ctx, row, record, assessor as AssessorFacts), slot };
    }),
  );
}

/** Cancels a booking and records the charge the EPAO's policy sets for cancelling that late. */
export async function cancelBooking(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: BookingCancelRequest,
  options: BookingChangeOptions = {},
): Promise<BookingView & { cancellation: CancellationCharge }> {
  if (!may(actor, 'booking.manage')) throw forbidden();
  const recordId = await recordOfBooking(ctx, id);
  return unitOfWork(ctx, options, async (db, lock) => {
    const { booking, assessorName } = await bookingToChange(db, id, input.version, lock);
    const record = await factsOf(db, recordId, false, id);
    const r = resolved(ctx, record);
    const cancelledOn = today(ctx);
    if (utcToLondon(booking.startsAt).date < cancelledOn)
      throw conflict('BOOKING_IN_PAST', 'this assessment date has passed: it cannot be cancelled (record what happened instead)');
    const cancellation = cancellationCharge(r.policy?.cancellation, utcToLondon(booking.startsAt).date, cancelledOn, ctx.holidays);
    const update = recordUpdate(ctx, actor, record, r, false, datesOf(record, []));
    const entry: AuditInput = {
      actorId: actor.userId,
      actor: actor.name,
      action: 'cancel',
      entity: 'booking',
      entityId: id,
      before: booking,
      after: { status: 'cancelled', cancelledOn, reason: input.reason, ...cancellation },
    };
    const cancelled = { cancelledOn, charge: cancellation.charge, reason: input.reason };
    const row: StoredBooking = lock
      ? cannotHaveMovedOn(
          await cancelBookingRow(
            db,
            id,
            cancelled,
            update.target,
            [...update.audit, entry],
            await bookingNotice(ctx, record, 'booking-cancelled', noticeOf(r, booking, input.reason)),
          ),
        )
      : {
          ...booking,
          status: 'cancelled',
          cancelledOn,
          cancellationCharge: cancellation.charge,
          cancellationReason: input.reason,
          version: booking.version + 1,
        };
    return { ...outcomeView(ctx, row, record, { name: assessorName }), cancellation };
  });
}
