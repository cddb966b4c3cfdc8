// The instance compiled for the solver: working days and start times as indexes, each
// assessment an item, and what never changes during a search (an assessor's approval and
// independence for a record, their leave and standardisation on a day) asked of the
// domain's rules once and kept.
import { SOURCES, standardisationCurrentOn, standardisedUntil } from '../booking/assessor-eligibility.ts';
import { weekOf } from '../booking/assessor-load.ts';
import { leaveRefusal, weeklyWindowsOn } from '../booking/availability.ts';
import { addDays, dayNumber, type IsoDate } from '../calendar/dates.ts';
import { londonToUtc } from '../calendar/london-time.ts';
import { type HolidayCalendar, isWorkingDay } from '../calendar/working-days.ts';
import type { Finding } from '../outcome.ts';
import type { Booking, PlanCheckRequest } from '../planning/input.ts';
import { type Catalogue, orderInForce, type Resolved, resolve } from '../standards/catalogue.ts';
import type { Order } from '../standards/schema.ts';
import { eligibility, standardIndexes } from './eligible.ts';
import type { AssessorToPlace, ExistingBooking, RecordToPlace, SchedulingInstance } from './model.ts';
import { type Incumbent, splitMovable } from './movable.ts';

export type Item = {
  record: number;
  method: string;
  minutes: number;
  venue: string | null;
  region: string | null;
  reattempt?: { windowEnds: IsoDate | null };
  /** Re-planning: the booking this item already is, and where. */
  incumbent?: Incumbent;
};

export type CompiledRecord = {
  data: RecordToPlace;
  resolved: Resolved;
  base: Omit<PlanCheckRequest, 'bookings'>;
  perBooking: Omit<Booking, 'method' | 'date' | 'bookedOn'>;
  order: Order;
  items: number[];
  /** The record's bookings that stay where they are. */
  fixed: Booking[];
  fixedDays: number[];
  fixedAssessors: number[];
  unavailable: Set<IsoDate>;
  preferred: Set<IsoDate>;
  gatewayDay: number;
};

export type CompiledAssessor = {
  data: AssessorToPlace;
  /** Per working day: why the assessor cannot work it (leave, standardisation lapsed), or null. */
  away: (Finding | null)[];
  /** Per working day: the minutes they declared (UK time), or null where they declared no hours at all. */
  hours: ({ from: number; until: number }[] | null)[];
};

/** A booking already made; `day` null where it falls in one of the schedule's weeks but not on one of its days (it counts to the week's cap only). */
export type FixedVisit = {
  assessor: number;
  day: number | null;
  week: number;
  from: number;
  until: number;
  venue: string | null;
  record: number | null;
  method: string;
};

export type Problem = {
  instance: SchedulingInstance;
  holidays: HolidayCalendar;
  days: IsoDate[];
  dayNumbers: number[];
  week: number[];
  weeks: number;
  starts: number[];
  workUntil: number;
  items: Item[];
  records: CompiledRecord[];
  assessors: CompiledAssessor[];
  /** Per record: the assessors that may take it on some day (approved, independent, not suspended), and why each other may not. */
  eligible: number[][];
  ineligible: Map<number, Finding>[];
  /** The standard versions of the records, by index; each record's, and those each assessor is approved for. */
  standards: string[];
  recordStandard: number[];
  assessorStandards: number[][];
  /** The schedule's day indexes in each of its weeks. */
  daysOfWeek: number[][];
  fixedVisits: FixedVisit[];
  /** The bookings already made on the schedule's days: what an assessor's load counts. */
  fixedOnDays: number;
};

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** The UK wall-clock minutes of an instant on `date` (working hours are clear of the clock changes at 01:00 and 02:00). */
function londonMinutes(date: IsoDate, instant: Date | string): number {
  const noon = londonToUtc(date, '12:00');
  const base = noon.ok ? noon.value.getTime() - 12 * 60 * 60_000 : dayNumber(date) * 86_400_000;
  return Math.round((new Date(instant).getTime() - base) / 60_000);
}

function workingDays(instance: SchedulingInstance, holidays: HolidayCalendar): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = instance.from; d <= instance.to && days.length < 400; d = addDays(d, 1)) if (isWorkingDay(d, holidays)) days.push(d);
  return days;
}

function compileAssessor(data: AssessorToPlace, days: IsoDate[]): CompiledAssessor {
  const away = days.map((date) => {
    const leave = leaveRefusal(date, data.leave);
    if (leave) return leave;
    if (standardisationCurrentOn(data.standardisedOn, date)) return null;
    const until = data.standardisedOn
      ? `: standardised on ${data.standardisedOn}, current until ${standardisedUntil(data.standardisedOn)}`
      : ': no standardisation recorded';
    return { code: 'ASSESSOR_NOT_CURRENT', message: `the assessor is not current on ${date}${until}`, source: SOURCES.currency };
  });
  const declared = data.weeklyHours.length > 0;
  const hours = days.map((date) =>
    declared ? weeklyWindowsOn(date, data.weeklyHours).map((w) => ({ from: londonMinutes(date, w.startsAt), until: londonMinutes(date, w.endsAt) })) : null,
  );
  return { data, away, hours };
}

function compileRecord(data: RecordToPlace, resolved: Resolved): Omit<CompiledRecord, 'items' | 'fixed' | 'fixedDays' | 'fixedAssessors'> {
  const { projectSubmittedOn, portfolioSubmittedOn, showcaseSubmittedOn, evidenceSubmittedOn, projectFailReleasedOn } = data;
  const perBooking = {
    ...(projectSubmittedOn ? { projectSubmittedOn } : {}),
    ...(portfolioSubmittedOn ? { portfolioSubmittedOn } : {}),
    ...(showcaseSubmittedOn ? { showcaseSubmittedOn } : {}),
  };
  const base = {
    standard: data.standard,
    policy: data.policy,
    gatewayApproved: data.gatewayApproved,
    registeredOn: data.registeredOn,
    ...(evidenceSubmittedOn ? { evidenceSubmittedOn } : {}),
    ...(projectFailReleasedOn ? { projectFailReleasedOn } : {}),
  };
  return {
    data,
    resolved,
    base,
    perBooking,
    order: orderInForce(resolved),
    unavailable: new Set(data.unavailable),
    preferred: new Set(data.preferred),
    gatewayDay: dayNumber(data.gatewayApproved),
  };
}

export type Compiled = Result<Problem>;
type Result<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** `replanning`: bookings the admin freed become items, where they are, free to move. */
export function compile(instance: SchedulingInstance, catalogue: Catalogue, holidays: HolidayCalendar, options: { replanning?: boolean } = {}): Compiled {
  if (instance.from > instance.to) return { ok: false, code: 'DATES_OUT_OF_ORDER', message: `the schedule runs from ${instance.from}, after ${instance.to}` };
  const days = workingDays(instance, holidays);
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const firstWeek = days[0] ? dayNumber(weekOf(days[0])) : 0;
  const week = days.map((d) => Math.floor((dayNumber(d) - firstWeek) / 7));
  const from = minutesOf(instance.workingHours.from);
  const workUntil = minutesOf(instance.workingHours.until);
  if (workUntil <= from) return { ok: false, code: 'DATES_OUT_OF_ORDER', message: 'working hours must start before they end' };
  const starts: number[] = [];
  for (let s = from; s < workUntil; s += instance.stepMinutes) starts.push(s);
  const assessorIndex = new Map(instance.assessors.map((a, i) => [a.id, i]));
  if (assessorIndex.size !== instance.assessors.length) return { ok: false, code: 'DUPLICATE_ASSESSOR', message: 'an assessor is listed twice' };
  const records: CompiledRecord[] = [];
  const recordIndex = new Map<string, number>();
  for (const data of instance.records) {
    const resolved = resolve(catalogue, data.standard, data.policy);
    if (!resolved.ok) return { ok: false, code: resolved.problem.code, message: `record ${data.id}: ${resolved.problem.message}` };
    if (recordIndex.has(data.id)) return { ok: false, code: 'DUPLICATE_RECORD', message: `record ${data.id} is listed twice` };
    for (const m of data.methods)
      if (!resolved.value.index.methods.has(m.method))
        return { ok: false, code: 'UNKNOWN_METHOD', message: `record ${data.id}: ${data.standard} has no method "${m.method}"` };
    recordIndex.set(data.id, records.length);
    const compiled = compileRecord(data, resolved.value);
    const planOnly = data.planBookings.map((b) => ({ ...b, ...compiled.perBooking }));
    records.push({ ...compiled, items: [], fixed: planOnly, fixedDays: planOnly.map((b) => dayNumber(b.date)), fixedAssessors: [] });
  }
  const items: Item[] = [];
  records.forEach((record, r) => {
    for (const m of record.data.methods) {
      record.items.push(items.length);
      items.push({
        record: r,
        method: m.method,
        minutes: m.minutes,
        venue: m.remote ? null : (record.data.venue ?? `workplace of ${record.data.id}`),
        region: m.remote ? null : record.data.region,
        ...(m.reattemptWindowEnds !== undefined ? { reattempt: { windowEnds: m.reattemptWindowEnds } } : {}),
      });
    }
  });
  const { moving, staying } = options.replanning
    ? splitMovable(instance.bookings, instance.today, { records, recordIndex, assessorIndex, dayIndex })
    : { moving: [], staying: instance.bookings };
  for (const item of moving) {
    records[item.record]?.items.push(items.length);
    items.push(item);
  }
  const weeks = (week.at(-1) ?? 0) + 1;
  const weekIndex = (date: IsoDate) => {
    const w = Math.floor((dayNumber(date) - firstWeek) / 7);
    return w >= 0 && w < weeks ? w : null;
  };
  const fixed = compileFixed(staying, recordIndex, assessorIndex, dayIndex, records, weekIndex);
  if (!fixed.ok) return fixed;
  const assessors = instance.assessors.map((a) => compileAssessor(a, days));
  const { eligible, ineligible } = eligibility(records, assessors, days);
  return {
    ok: true,
    value: {
      instance,
      holidays,
      days,
      dayNumbers: days.map(dayNumber),
      week,
      weeks: (week.at(-1) ?? 0) + 1,
      starts,
      workUntil,
      items,
      records,
      assessors,
      eligible,
      ineligible,
      ...standardIndexes(records, instance.assessors),
      daysOfWeek: Array.from({ length: weeks }, (_, w) => week.flatMap((x, d) => (x === w ? [d] : []))),
      fixedVisits: fixed.value,
      fixedOnDays: fixed.value.filter((v) => v.day !== null).length,
    },
  };
}

function compileFixed(
  bookings: readonly ExistingBooking[],
  recordIndex: Map<string, number>,
  assessorIndex: Map<string, number>,
  dayIndex: Map<IsoDate, number>,
  records: CompiledRecord[],
  weekIndex: (date: IsoDate) => number | null,
): Result<FixedVisit[]> {
  const visits: FixedVisit[] = [];
  for (const b of bookings) {
    // An assessor not listed (disabled since, say) takes no one else: their booking counts only to its record's plan.
    const assessor = assessorIndex.get(b.assessorId);
    const r = recordIndex.get(b.recordId);
    const record = r === undefined ? undefined : records[r];
    if (record) {
      record.fixed.push({ method: b.method, date: b.date, bookedOn: b.bookedOn, ...record.perBooking });
      record.fixedDays.push(dayNumber(b.date));
      if (assessor !== undefined) record.fixedAssessors.push(assessor);
    }
    if (assessor === undefined) continue;
    const day = dayIndex.get(b.date);
    const week = weekIndex(b.date);
    if (week === null) continue;
    const from = minutesOf(b.start);
    visits.push({ assessor, day: day ?? null, week, from, until: from + b.minutes, venue: b.venue, record: r ?? null, method: b.method });
  }
  return { ok: true, value: visits };
}
