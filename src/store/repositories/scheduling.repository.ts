// What a schedule is built from, read in three statements however many apprentices wait:
// the records that may be booked (with their bookings, re-sits, work and results), the
// assessors (approval, relationships, hours, leave over the schedule's days, caps), and the
// bookings already made in those days. Each is bounded (the scheduler's own limits), in
// primary-key order, so the largest EPAO's list is read in one pass.
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { IsoDate } from '../../domain/calendar/dates.ts';
import type { RecordStatus } from '../../domain/lifecycle/record-lifecycle.ts';
import type { ResultRow } from '../../domain/reassessment/rework.ts';
import type { Db } from '../database.ts';
import { relationshipsOf, weeklyHoursOf } from './assessor-facts.ts';
import { recordPlanFacts } from './record-plan-facts.ts';

export type WaitingRecord = {
  id: string;
  status: RecordStatus;
  standard: string;
  policy: string | null;
  gatewayApprovedOn: IsoDate;
  registeredOn: IsoDate;
  extraTimePercent: number;
  showcaseFormat: 'report' | 'presentation' | null;
  apprenticeId: string;
  givenNames: string;
  familyName: string;
  uln: string;
  providerId: string;
  employerId: string;
  employerName: string;
  employerPostCode: string | null;
  bookings: { id: string; method: string; status: 'booked' | 'held'; startsAt: string; bookedOn: IsoDate }[];
  openReattempts: { method: string; windowEnds: IsoDate | null }[];
  work: { kind: string; submittedOn: IsoDate }[];
  gatewaySubmittedOn: IsoDate[];
  results: ResultRow[];
};

export async function waitingRecords(db: Db, filter: { statuses: readonly RecordStatus[]; standard?: string; limit: number }): Promise<WaitingRecord[]> {
  const rows = await db
    .selectFrom('epaRecords')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .innerJoin('organisations as employer', 'employer.id', 'apprentices.employerId')
    .select((eb) => [
      'epaRecords.id',
      'epaRecords.status',
      'epaRecords.standard',
      'epaRecords.policy',
      'epaRecords.gatewayApprovedOn',
      'epaRecords.registeredOn',
      'epaRecords.extraTimePercent',
      'epaRecords.showcaseFormat',
      'apprentices.id as apprenticeId',
      'apprentices.givenNames',
      'apprentices.familyName',
      'epaRecords.uln',
      'apprentices.providerId',
      'apprentices.employerId',
      'employer.name as employerName',
      'employer.postCode as employerPostCode',
      jsonArrayFrom(
        eb
          .selectFrom('bookings')
          .select(['bookings.id', 'bookings.method', 'bookings.status', 'bookings.startsAt', 'bookings.bookedOn'])
          .whereRef('bookings.epaRecordId', '=', 'epaRecords.id')
          .where('bookings.status', 'in', ['booked', 'held']),
      ).as('bookings'),
      ...recordPlanFacts(eb),
    ])
    .where('epaRecords.status', 'in', [...filter.statuses])
    .where('epaRecords.gatewayApprovedOn', 'is not', null)
    .$if(filter.standard !== undefined, (q) => q.where('epaRecords.standard', '=', filter.standard as string))
    .orderBy('epaRecords.id')
    .limit(filter.limit)
    .execute();
  return rows as WaitingRecord[];
}

export type SchedulingAssessor = {
  id: string;
  name: string;
  standards: string[];
  standardisedOn: IsoDate | null;
  suspendedOn: IsoDate | null;
  maxPerDay: number | null;
  maxPerWeek: number | null;
  homeRegion: string | null;
  relationships: { apprenticeId: string | null; organisationId: string | null; nature: string; apprenticeUln: string | null }[];
  weeklyHours: { weekday: number; starts: string; ends: string }[];
  leave: { fromDate: IsoDate; toDate: IsoDate; reason: string | null }[];
};

/** Every assessor, with their leave that touches the schedule's days. */
export async function schedulingAssessors(db: Db, days: { from: IsoDate; to: IsoDate }, limit: number): Promise<SchedulingAssessor[]> {
  const rows = await db
    .selectFrom('assessors')
    .innerJoin('users', 'users.id', 'assessors.userId')
    .select((eb) => [
      'assessors.id',
      'users.name',
      'assessors.standards',
      'assessors.standardisedOn',
      'assessors.suspendedOn',
      'assessors.maxPerDay',
      'assessors.maxPerWeek',
      'assessors.homeRegion',
      relationshipsOf(eb),
      weeklyHoursOf(eb),
      jsonArrayFrom(
        eb
          .selectFrom('assessorLeave')
          .select(['assessorLeave.fromDate', 'assessorLeave.toDate', 'assessorLeave.reason'])
          .whereRef('assessorLeave.assessorId', '=', 'assessors.id')
          .where('assessorLeave.toDate', '>=', days.from)
          .where('assessorLeave.fromDate', '<=', days.to),
      ).as('leave'),
    ])
    .where('users.disabledAt', 'is', null)
    .orderBy('assessors.id')
    .limit(limit)
    .execute();
  return rows as SchedulingAssessor[];
}

export type BookingInSchedule = {
  id: string;
  version: number;
  epaRecordId: string;
  method: string;
  assessorId: string;
  startsAt: Date;
  endsAt: Date;
  bookedOn: IsoDate;
  venue: string | null;
  status: 'booked' | 'held' | 'cancelled';
};

/** The bookings booked or held whose UK date falls in the days asked (the index on their start serves it). */
export async function bookingsInSchedule(db: Db, days: { from: IsoDate; to: IsoDate }, limit: number): Promise<BookingInSchedule[]> {
  return db
    .selectFrom('bookings')
    .select(['id', 'version', 'epaRecordId', 'method', 'assessorId', 'startsAt', 'endsAt', 'bookedOn', 'venue', 'status'])
    .where('status', 'in', ['booked', 'held'])
    .where(sql<boolean>`starts_at >= (${days.from}::date::timestamp at time zone 'Europe/London')`)
    .where(sql<boolean>`starts_at < ((${days.to}::date + 1)::timestamp at time zone 'Europe/London')`)
    .orderBy('startsAt')
    .orderBy('id')
    .limit(limit)
    .execute();
}
