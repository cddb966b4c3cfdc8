// A finished schedule checked from nothing: each placement, with every other in place,
// asked of the rules again, and its date and time checked to be a working day within the
// working hours. What the bench counts as hard violations, and what the property tests
// hold every proposal to.
import { dayNumber } from '../calendar/dates.ts';
import { isWorkingDay } from '../calendar/working-days.ts';
import type { Finding } from '../outcome.ts';
import type { Placement } from './model.ts';
import type { Problem } from './problem.ts';
import { PlanCache, refusal } from './rules.ts';
import { ScheduleState } from './state.ts';

export type Violation = Placement & { finding: Finding };

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

export function verify(problem: Problem, placements: readonly Placement[]): Violation[] {
  const state = new ScheduleState(problem);
  const violations: Violation[] = [];
  const itemOf = new Map(problem.items.map((it, i) => [`${problem.records[it.record]?.data.id}|${it.method}`, i]));
  const assessorOf = new Map(problem.assessors.map((a, i) => [a.data.id, i]));
  const dayOf = new Map(problem.days.map((d, i) => [d, i]));
  const placed: number[] = [];
  for (const pl of placements) {
    const item = itemOf.get(`${pl.recordId}|${pl.method}`);
    const assessor = assessorOf.get(pl.assessorId);
    const day = dayOf.get(pl.date);
    const bad = (code: string, message: string) => violations.push({ ...pl, finding: { code, message, source: 'the schedule' } });
    if (item === undefined || assessor === undefined) bad('UNKNOWN_ASSESSMENT', 'the placement names an assessment or assessor not in the instance');
    else if (!isWorkingDay(pl.date, problem.holidays)) bad('NOT_A_WORKING_DAY', `${pl.date} is not a working day`);
    else if (day === undefined || dayNumber(pl.date) < dayNumber(problem.instance.from)) bad('OUTSIDE_SCHEDULE', `${pl.date} is outside the schedule's days`);
    else if (state.at[item]) bad('DUPLICATE_BOOKING', 'the assessment is placed twice');
    else if (minutesOf(pl.start) < minutesOf(problem.instance.workingHours.from)) bad('OUTSIDE_WORKING_HOURS', `${pl.start} is before the working day`);
    else if (pl.minutes !== problem.items[item]?.minutes) bad('WRONG_LENGTH', "the placement is not the assessment's length");
    else {
      state.place(item, { assessor, day, start: minutesOf(pl.start) });
      placed.push(item);
    }
  }
  const cache = new PlanCache();
  for (const item of placed) {
    const slot = state.lift(item);
    if (!slot) continue;
    const found = refusal(state, item, slot, cache);
    state.place(item, slot);
    if (found) violations.push({ ...placementOf(problem, item, slot), finding: found });
  }
  return violations;
}

export function placementOf(problem: Problem, item: number, slot: { assessor: number; day: number; start: number }): Placement {
  const it = problem.items[item] as Problem['items'][number];
  const hh = String(Math.floor(slot.start / 60)).padStart(2, '0');
  const mm = String(slot.start % 60).padStart(2, '0');
  return {
    recordId: problem.records[it.record]?.data.id ?? '',
    method: it.method,
    assessorId: problem.assessors[slot.assessor]?.data.id ?? '',
    date: problem.days[slot.day] ?? '',
    start: `${hh}:${mm}`,
    minutes: it.minutes,
  };
}
