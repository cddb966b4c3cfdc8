// The hard rules for one item in one slot, asked of the domain's own rule functions: the
// record's plan (bookingPlanFindings: window, notice, leads, re-sit windows), the assessor's
// approval, independence and currency (assessorFindings, standardisationCurrentOn), leave
// (leaveRefusal), declared hours (weeklyWindowsOn), one assessment at a time and travel
// between venues (dayRefusal), caps (capRefusal). The solver places only what this allows;
// `verify` asks it again of a finished schedule.
import { capReached, capRefusal } from '../booking/assessor-load.ts';
import { dayRefusal, overlapping, type Visit } from '../booking/travel.ts';
import type { Finding } from '../outcome.ts';
import { bookingPlanFindings } from '../planning/booking-plan.ts';
import type { Booking } from '../planning/input.ts';
import type { ScheduleState, Slot } from './state.ts';

const DIARY = "this EPAO's setting: the scheduler books within the working hours, the assessor's declared hours and the apprentice's available days";

/** The plan's verdicts, by item, day and the record's other dates: the same question is asked many times in a search. */
export class PlanCache {
  private readonly seen = new Map<string, Finding | null>();
  get(key: string): Finding | null | undefined {
    return this.seen.get(key);
  }
  set(key: string, value: Finding | null) {
    if (this.seen.size > 500_000) this.seen.clear();
    this.seen.set(key, value);
  }
}

/** The record's other bookings as the plan sees them: fixed ones and the items already placed. */
function othersOf(state: ScheduleState, item: number): Booking[] {
  const p = state.problem;
  const record = p.records[(p.items[item] as { record: number }).record];
  if (!record) return [];
  const others = [...record.fixed];
  for (const j of record.items) {
    const at = state.at[j];
    if (j !== item && at)
      others.push({ method: (p.items[j] as { method: string }).method, date: p.days[at.day] as string, bookedOn: p.instance.today, ...record.perBooking });
  }
  return others;
}

/** The record's other dates as the plan sees them, and the cache key they make: the same for every day an item is tried on. */
export type PlanContext = { others: Booking[]; key: string };

export function planContext(state: ScheduleState, item: number): PlanContext {
  const others = othersOf(state, item);
  return { others, key: `${item}|${others.map((o) => `${o.method}@${o.date}`).join(',')}|` };
}

export function planRefusal(
  state: ScheduleState,
  item: number,
  day: number,
  cache: PlanCache,
  context: PlanContext = planContext(state, item),
): Finding | null {
  const p = state.problem;
  const it = p.items[item];
  const record = it && p.records[it.record];
  if (!it || !record) return null;
  // A booking already made, judged where it is, keeps the day it was booked on (its notice was given then).
  const bookedOn = it.incumbent?.day === day ? it.incumbent.bookedOn : p.instance.today;
  const key = `${context.key + day}|${bookedOn}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const proposed: Booking = { method: it.method, date: p.days[day] as string, bookedOn, ...record.perBooking };
  const plan = bookingPlanFindings(record.resolved, { base: record.base, others: context.others, proposed, reattempt: it.reattempt }, p.holidays);
  const found = plan.ok ? (plan.value.violations[0] ?? null) : { code: plan.problem.code, message: plan.problem.message, source: 'the plan check' };
  cache.set(key, found);
  return found;
}

/** What stops `item` going on `day` with anyone: the apprentice's own days, and the record's plan. */
export function recordDayRefusal(state: ScheduleState, item: number, day: number, cache: PlanCache, context?: PlanContext): Finding | null {
  const p = state.problem;
  const it = p.items[item];
  const date = p.days[day] as string;
  if (it && p.records[it.record]?.unavailable.has(date))
    return { code: 'APPRENTICE_UNAVAILABLE', message: `the apprentice or their employer cannot do ${date}`, source: DIARY };
  return planRefusal(state, item, day, cache, context);
}

/** A refusal the search only counts: its words are found again when an admin asks why. */
const UNWORDED: Finding = { code: 'REFUSED', message: 'refused', source: DIARY };

/**
 * What stops the assessor taking `item` on `day` at any time: approval, independence, leave,
 * currency, hours, caps. Unworded (the search's question), the assessor is one the record's
 * eligible list holds, and a refusal is only counted.
 */
export function assessorDayRefusal(state: ScheduleState, item: number, assessor: number, day: number, worded = true): Finding | null {
  const p = state.problem;
  const it = p.items[item];
  const who = p.assessors[assessor];
  if (!it || !who) return { code: 'UNKNOWN', message: 'no such item or assessor', source: DIARY };
  const ineligible = worded ? p.ineligible[it.record]?.get(assessor) : undefined;
  if (ineligible) return ineligible;
  const away = who.away[day];
  if (away) return away;
  const date = p.days[day] as string;
  if (who.hours[day]?.length === 0 && !worded) return UNWORDED;
  if (who.hours[day]?.length === 0) return { code: 'OUTSIDE_ASSESSOR_AVAILABILITY', message: `the assessor declared no hours on ${date}`, source: DIARY };
  const caps = { perDay: who.data.maxPerDay, perWeek: who.data.maxPerWeek };
  const onDay = state.dayOf(assessor, day).length;
  const inWeek = state.weekLoad(assessor, day);
  // The cheap question first: the worded refusal only when a cap is reached.
  if (!capReached(caps, onDay, inWeek)) return null;
  return worded ? capRefusal(caps, date, onDay, inWeek) : UNWORDED;
}

/** What stops `item` at this time of the assessor's day: their hours, the apprentice's other assessment, overlap and travel. */
export function timeRefusal(state: ScheduleState, item: number, slot: Slot, worded = true): Finding | null {
  const p = state.problem;
  const it = p.items[item];
  if (!it) return { code: 'UNKNOWN', message: 'no such item', source: DIARY };
  const visit: Visit = { from: slot.start, until: slot.start + it.minutes, venue: it.venue };
  if (visit.until > p.workUntil)
    return worded ? { code: 'OUTSIDE_WORKING_HOURS', message: `the assessment would run past ${p.instance.workingHours.until}`, source: DIARY } : UNWORDED;
  const hours = p.assessors[slot.assessor]?.hours[slot.day];
  if (hours && !hours.some((h) => h.from <= visit.from && visit.until <= h.until))
    return worded
      ? { code: 'OUTSIDE_ASSESSOR_AVAILABILITY', message: `outside the hours the assessor declared for ${p.days[slot.day]}`, source: DIARY }
      : UNWORDED;
  if (state.recordVisits(it.record, slot.day).some((v) => overlapping(v, visit)))
    return { code: 'APPRENTICE_BUSY', message: 'the apprentice has another assessment at that time', source: DIARY };
  return dayRefusal(state.dayOf(slot.assessor, slot.day), visit, p.instance.travelMinutes);
}

/** What stops `item` (not placed) going in `slot`; null when every rule allows it. */
export function refusal(state: ScheduleState, item: number, slot: Slot, cache: PlanCache): Finding | null {
  return assessorDayRefusal(state, item, slot.assessor, slot.day) ?? timeRefusal(state, item, slot) ?? recordDayRefusal(state, item, slot.day, cache);
}
