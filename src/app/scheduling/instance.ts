// The scheduling problem as the database holds it today: each record approved at gateway
// with the methods it still needs (a method assessed is waiting again only where a re-sit
// or re-take is arranged, 001 §8), its slot length with the apprentice's extra time
// (plannedLength), its work's dates (workSubmittedOn) and a project fail's rework; the
// assessors; and the bookings already made in the schedule's days, freed to move when
// re-planning. Face-to-face at the employer's workplace: the admin may make one remote later.

import { weekOf } from '../../domain/booking/assessor-load.ts';
import { plannedLength } from '../../domain/booking/slot.ts';
import { addDays, type IsoDate } from '../../domain/calendar/dates.ts';
import { utcToLondon } from '../../domain/calendar/london-time.ts';
import { RECORD_STATUSES, transition } from '../../domain/lifecycle/record-lifecycle.ts';
import { type WorkKind, workSubmittedOn } from '../../domain/planning/submitted.ts';
import { latestResultInForce, projectFailReleasedOn } from '../../domain/reassessment/rework.ts';
import type { RecordToPlace, SchedulingInstance, Weights } from '../../domain/scheduling/model.ts';
import { SchedulingInstance as InstanceSchema } from '../../domain/scheduling/model.ts';
import { postcodeArea } from '../../domain/scheduling/regions.ts';
import { resolve } from '../../domain/standards/catalogue.ts';
import type { BookingInSchedule, SchedulingAssessor, WaitingRecord } from '../../store/repositories/scheduling.repository.ts';
import { bookingsInSchedule, schedulingAssessors, waitingRecords } from '../../store/repositories/scheduling.repository.ts';
import type { AppContext } from '../context.ts';
import { travelMinutes, workingHours } from '../epao-settings.ts';

/** The most the scheduler takes on at once (its input's own limits). */
export const LIMITS = { records: 20_000, assessors: 2_000, bookings: 100_000 } as const;

export const BOOKABLE = RECORD_STATUSES.filter((s) => transition(s, 'book-assessment').ok);

const minutesBetween = (from: Date, to: Date) => Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000);

/** The record's methods still to book, or null where its standard or policy is not held. */
/** `read`: the bookings read with the schedule's days; the record's others go in for its plan only. */
function toPlace(ctx: AppContext, w: WaitingRecord, read: ReadonlySet<string>): RecordToPlace | null {
  const r = resolve(ctx.catalogue, w.standard, w.policy);
  if (!r.ok) return null;
  const booked = new Set(w.bookings.filter((b) => b.status === 'booked').map((b) => b.method));
  const held = new Set(w.bookings.filter((b) => b.status === 'held').map((b) => b.method));
  const reattempts = new Map(w.openReattempts.map((a) => [a.method, a.windowEnds]));
  const failReleasedOn = projectFailReleasedOn(r.value, latestResultInForce(w.results));
  const work = workSubmittedOn(
    w.work.map((x) => ({ kind: x.kind as WorkKind, submittedOn: x.submittedOn })),
    w.gatewaySubmittedOn,
    failReleasedOn,
  );
  const methods = r.value.index.standard.methods
    .filter((m) => !booked.has(m.id) && (!held.has(m.id) || reattempts.has(m.id)))
    .map((m) => ({
      method: m.id,
      minutes: plannedLength(m, w.extraTimePercent, w.showcaseFormat).maxMinutes,
      remote: false,
      ...(reattempts.has(m.id) ? { reattemptWindowEnds: reattempts.get(m.id) ?? null } : {}),
    }));
  return {
    id: w.id,
    standard: w.standard,
    policy: w.policy,
    gatewayApproved: w.gatewayApprovedOn,
    registeredOn: w.registeredOn,
    ...work,
    ...(failReleasedOn ? { projectFailReleasedOn: failReleasedOn } : {}),
    apprenticeId: w.apprenticeId,
    uln: w.uln,
    employerId: w.employerId,
    providerId: w.providerId,
    venue: venueOf(w),
    region: postcodeArea(w.employerPostCode),
    unavailable: [],
    preferred: [],
    // Held and booked outside the days read: the window and lead times run from them too (ST0072's first assessment).
    planBookings: w.bookings.filter((b) => !read.has(b.id)).map((b) => ({ method: b.method, date: utcToLondon(b.startsAt).date, bookedOn: b.bookedOn })),
    methods,
  };
}

export const venueOf = (w: Pick<WaitingRecord, 'employerName' | 'employerPostCode'>) =>
  `${w.employerName}${w.employerPostCode ? `, ${w.employerPostCode}` : ''} (the workplace)`;

function assessorOf(a: SchedulingAssessor): SchedulingInstance['assessors'][number] {
  return { ...a, relationships: a.relationships, weeklyHours: a.weeklyHours, leave: a.leave };
}

function bookingOf(b: BookingInSchedule, movable: boolean): SchedulingInstance['bookings'][number] {
  const at = utcToLondon(b.startsAt);
  return {
    id: b.id,
    recordId: b.epaRecordId,
    method: b.method,
    assessorId: b.assessorId,
    date: at.date,
    start: at.time,
    minutes: Math.max(1, Math.min(1440, minutesBetween(b.startsAt, b.endsAt))),
    bookedOn: b.bookedOn,
    venue: b.venue,
    region: null,
    movable,
  };
}

export type InstanceRequest = { from: IsoDate; to: IsoDate; standard?: string; seed?: number; weights?: Partial<Weights>; replanning?: boolean };

export type Gathered = {
  instance: SchedulingInstance;
  records: Map<string, WaitingRecord>;
  assessors: Map<string, SchedulingAssessor>;
  bookings: Map<string, BookingInSchedule>;
};

export async function gatherInstance(ctx: AppContext, today: IsoDate, request: InstanceRequest): Promise<Gathered> {
  const days = { from: request.from, to: request.to };
  const [waiting, assessors, bookings] = await Promise.all([
    waitingRecords(ctx.db, { statuses: BOOKABLE, ...(request.standard ? { standard: request.standard } : {}), limit: LIMITS.records }),
    schedulingAssessors(ctx.db, { from: addDays(days.from, -1), to: days.to }, LIMITS.assessors),
    // Whole weeks: a booking earlier in the first week or later in the last counts to a week's cap.
    bookingsInSchedule(ctx.db, { from: weekOf(days.from), to: addDays(weekOf(days.to), 6) }, LIMITS.bookings),
  ]);
  const withBookings = new Set(bookings.map((b) => b.epaRecordId));
  const read = new Set(bookings.map((b) => b.id));
  const records = waiting.flatMap((w) => {
    const place = toPlace(ctx, w, read);
    if (!place) return [];
    // Re-planning lists a record for its bookings too, so they can be checked and moved.
    return place.methods.length > 0 || (request.replanning && withBookings.has(w.id)) ? [place] : [];
  });
  const hours = workingHours();
  const instance = InstanceSchema.parse({
    today,
    from: days.from,
    to: days.to,
    workingHours: { from: hours.from, until: hours.until },
    travelMinutes: travelMinutes(),
    ...(request.weights ? { weights: request.weights } : {}),
    records,
    assessors: assessors.map(assessorOf),
    bookings: bookings.map((b) => bookingOf(b, request.replanning === true && b.status === 'booked')),
    seed: request.seed ?? 1,
  });
  return {
    instance,
    records: new Map(waiting.map((w) => [w.id, w])),
    assessors: new Map(assessors.map((a) => [a.id, a])),
    bookings: new Map(bookings.map((b) => [b.id, b])),
  };
}
