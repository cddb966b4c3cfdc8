// What a booking decision needs, in two statements: the record's side (its bookings,
// re-attempts and work) and the assessor's side (approval, relationships, diary). A real
// change made under lock (booking-decision's fall back, moves, cancellations) locks the record
// and the assessor first, each in a statement of its own, then reads; a dry run locks nothing.
import { type ExpressionBuilder, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { IsoDate } from '../../domain/calendar/dates.ts';
import type { RecordStatus } from '../../domain/lifecycle/record-lifecycle.ts';
import type { ResultRow } from '../../domain/reassessment/rework.ts';
import { compiledOnce } from '../compiled-query.ts';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';
import { relationshipsOf, weeklyHoursOf } from './assessor-facts.ts';
import type { BookingStatus } from './bookings.repository.ts';
import { recordPlanFacts } from './record-plan-facts.ts';

/** Everything on the record's side that a booking is decided on. */
export type RecordFacts = {
  id: string;
  version: number;
  /** The record's count of booking changes as read: a booking is written only if it has not moved on. */
  bookingChanges: number;
  status: RecordStatus;
  standard: string;
  policy: string | null;
  gatewayApprovedOn: IsoDate | null;
  epaStart: IsoDate | null;
  epaEnd: IsoDate | null;
  registeredOn: IsoDate;
  extraTimePercent: number;
  adjustments: string | null;
  showcaseFormat: 'report' | 'presentation' | null;
  apprenticeId: string;
  givenNames: string;
  familyName: string;
  /** Where the apprentice is sent what the policy promises them (VTCT: the remote link). */
  apprenticeEmail: string | null;
  uln: string;
  providerId: string;
  employerId: string;
  /** The record's booked and held bookings, the one being changed left out. */
  others: { id: string; method: string; startsAt: string; bookedOn: IsoDate; status: BookingStatus }[];
  /** Re-sits and re-takes arranged and not yet used, by method. */
  openReattempts: { method: string; windowEnds: IsoDate | null }[];
  work: { kind: string; submittedOn: IsoDate }[];
  gatewaySubmittedOn: IsoDate[];
  /** The record's results, as the rework reads them (which is in force is the domain's: latestResultInForce). */
  results: ResultRow[];
};

/**
 * The record and what hangs off it, in one statement.
 */
function recordFactsQuery(db: Db, recordId: string, leaveOut: string | undefined) {
  return db
    .selectFrom('epaRecords')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .select((eb) => [
      'epaRecords.id',
      'epaRecords.version',
      'epaRecords.bookingChanges',
      'epaRecords.status',
      'epaRecords.standard',
      'epaRecords.policy',
      'epaRecords.gatewayApprovedOn',
      'epaRecords.epaStart',
      'epaRecords.epaEnd',
      'epaRecords.registeredOn',
      'epaRecords.extraTimePercent',
      'epaRecords.adjustments',
      'epaRecords.showcaseFormat',
      'apprentices.id as apprenticeId',
      'apprentices.givenNames',
      'apprentices.familyName',
      'apprentices.email as apprenticeEmail',
      'epaRecords.uln',
      'apprentices.providerId',
      'apprentices.employerId',
      // Held bookings count too: the ST0072 window and "the first assessment" run from them.
      jsonArrayFrom(
        eb
          .selectFrom('bookings')
          .select(['bookings.id', 'bookings.method', 'bookings.startsAt', 'bookings.bookedOn', 'bookings.status'])
          .whereRef('bookings.epaRecordId', '=', 'epaRecords.id')
          .where('bookings.status', 'in', ['booked', 'held'])
          .$if(leaveOut !== undefined, (q) => q.where('bookings.id', '!=', leaveOut as string)),
      ).as('others'),
      ...recordPlanFacts(eb),
    ])
    .where('epaRecords.id', '=', recordId);
}

/** Each shape of the statement (leaving a booking out or not), built once: a booking reads it every time. */
const recordFactsShapes = shapes((leave: boolean) =>
  compiledOnce<{ recordId: string; leaveOut: string }, RecordFacts>((db, p) => recordFactsQuery(db, p('recordId'), leave ? p('leaveOut') : undefined)),
);

/**
 * `lock`: the record is locked first, in a statement of its own, so the facts are read after
 * any change that held the lock has committed. (Locking in the facts' own statement would
 * re-read the record row after the wait but keep its sub-selects from before it.)
 */
export async function recordFacts(db: Db, recordId: string, options: { leaveOut?: string; lock: boolean }): Promise<RecordFacts | undefined> {
  if (options.lock) await db.selectFrom('epaRecords').select('id').where('id', '=', recordId).forNoKeyUpdate().executeTakeFirst();
  const query = recordFactsShapes(options.leaveOut !== undefined);
  return (await query(db, { recordId, leaveOut: options.leaveOut ?? '' })).rows[0];
}

/** Everything on the assessor's side: approval, relationships, the diary around the slot. */
export type AssessorFacts = {
  id: string;
  name: string;
  standards: string[];
  standardisedOn: IsoDate | null;
  suspendedOn: IsoDate | null;
  relationships: { apprenticeId: string | null; organisationId: string | null; nature: string; apprenticeUln: string | null }[];
  /** A booking of the assessor's that overlaps the slot (the one being moved left out). */
  clash: { id: string; startsAt: string; endsAt: string } | null;
  availability: { startsAt: string; endsAt: string }[];
  /** The hours they work each week (UK time). */
  weeklyHours: { weekday: number; starts: string; ends: string }[];
  /** Their leave that covers the slot's day (UK). */
  leave: { fromDate: IsoDate; toDate: IsoDate; reason: string | null }[];
  /** The most assessments a day and a week the EPAO gives them (null: no cap). */
  maxPerDay: number | null;
  maxPerWeek: number | null;
  /** Their other assessments on the slot's day (UK), booked or held: for the day cap and the travel between venues. */
  sameDay: { startsAt: string; endsAt: string; venue: string | null }[];
  /** Their other assessments in the slot's week (Monday to Sunday, UK). */
  sameWeek: number;
};

/** The assessor's assessments booked or held within a week either side of the slot (the index on their start serves it), the one being moved left out. */
function ownBookings(eb: ExpressionBuilder<Database, 'assessors'>, slot: { startsAt: Date; leaveOut: string | undefined }) {
  return eb
    .selectFrom('bookings')
    .whereRef('bookings.assessorId', '=', 'assessors.id')
    .where('bookings.status', 'in', ['booked', 'held'])
    .where(sql<boolean>`bookings.starts_at between ${slot.startsAt}::timestamptz - interval '8 days' and ${slot.startsAt}::timestamptz + interval '8 days'`)
    .$if(slot.leaveOut !== undefined, (q) => q.where('bookings.id', '!=', slot.leaveOut as string));
}

function assessorFactsQuery(db: Db, assessorId: string, slot: { startsAt: Date; endsAt: Date; leaveOut: string | undefined }, lock: boolean) {
  return (
    db
      .selectFrom('assessors')
      .innerJoin('users', 'users.id', 'assessors.userId')
      .select((eb) => [
        'assessors.id',
        'users.name',
        'assessors.standards',
        'assessors.standardisedOn',
        'assessors.suspendedOn',
        relationshipsOf(eb),
        eb
          .selectFrom('bookings')
          .select(sql<AssessorFacts['clash']>`json_build_object('id', bookings.id, 'startsAt', bookings.starts_at, 'endsAt', bookings.ends_at)`.as('clash'))
          .whereRef('bookings.assessorId', '=', 'assessors.id')
          .where('bookings.status', '=', 'booked')
          .where('bookings.startsAt', '<', slot.endsAt)
          .where('bookings.endsAt', '>', slot.startsAt)
          .$if(slot.leaveOut !== undefined, (q) => q.where('bookings.id', '!=', slot.leaveOut as string))
          .limit(1)
          .as('clash'),
        jsonArrayFrom(
          eb
            .selectFrom('assessorAvailability')
            .select(['assessorAvailability.startsAt', 'assessorAvailability.endsAt'])
            .whereRef('assessorAvailability.assessorId', '=', 'assessors.id'),
        ).as('availability'),
        weeklyHoursOf(eb),
        'assessors.maxPerDay',
        'assessors.maxPerWeek',
        jsonArrayFrom(
          ownBookings(eb, slot)
            .select(['bookings.startsAt', 'bookings.endsAt', 'bookings.venue'])
            .where(sql<boolean>`timezone('Europe/London', bookings.starts_at)::date = timezone('Europe/London', ${slot.startsAt}::timestamptz)::date`),
        ).as('sameDay'),
        ownBookings(eb, slot)
          .select(sql<number>`count(*)::int`.as('n'))
          .where(
            sql<boolean>`date_trunc('week', timezone('Europe/London', bookings.starts_at)) = date_trunc('week', timezone('Europe/London', ${slot.startsAt}::timestamptz))`,
          )
          .as('sameWeek'),
        jsonArrayFrom(
          eb
            .selectFrom('assessorLeave')
            .select(['assessorLeave.fromDate', 'assessorLeave.toDate', 'assessorLeave.reason'])
            .whereRef('assessorLeave.assessorId', '=', 'assessors.id')
            .where(sql<boolean>`timezone('Europe/London', ${slot.startsAt}::timestamptz)::date between assessor_leave.from_date and assessor_leave.to_date`),
        ).as('leave'),
      ])
      .where('assessors.id', '=', assessorId)
      // Its sub-selects are read as of the statement's start even after a wait: a clash is the
      // exclusion constraint's to settle, and a change to the assessor landing meanwhile is as if it came after.
      .$if(lock, (q) => q.forShare('assessors'))
  );
}

/** The statement's shapes (leaving a booking out or not), locking or not, each built once. */
const assessorShapes = (lock: boolean) =>
  shapes((leave: boolean) =>
    compiledOnce<{ assessorId: string; startsAt: Date; endsAt: Date; leaveOut: string }, AssessorFacts>((db, p) =>
      assessorFactsQuery(db, p('assessorId'), { startsAt: p('startsAt'), endsAt: p('endsAt'), leaveOut: leave ? p('leaveOut') : undefined }, lock),
    ),
  );
const assessorFactsShapes = { locked: assessorShapes(true), read: assessorShapes(false) };

export async function assessorFacts(
  db: Db,
  assessorId: string,
  slot: { startsAt: Date; endsAt: Date; leaveOut?: string },
  options: { lock: boolean },
): Promise<AssessorFacts | undefined> {
  const query = (options.lock ? assessorFactsShapes.locked : assessorFactsShapes.read)(slot.leaveOut !== undefined);
  return (await query(db, { assessorId, startsAt: slot.startsAt, endsAt: slot.endsAt, leaveOut: slot.leaveOut ?? '' })).rows[0];
}

/** One query for each value of a switch, made when first asked for. */
function shapes<Q>(make: (a: boolean) => Q): (a: boolean) => Q {
  const made = new Map<boolean, Q>();
  return (a) => {
    let query = made.get(a);
    if (!query) {
      query = make(a);
      made.set(a, query);
    }
    return query;
  };
}
