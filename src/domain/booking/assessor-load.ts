// How much one assessor takes on: at most so many assessments a day and a week, where the
// EPAO has set a cap for them, and never two at once. No seed sets caps: they are this
// EPAO's setting, per assessor (an assessor who works part time takes fewer).
import { addDays, type IsoDate } from '../calendar/dates.ts';
import type { Finding } from '../outcome.ts';
import { isoWeekday } from './availability.ts';

const SOURCE = "this EPAO's setting: the most assessments an assessor takes in a day and in a week";

export type Caps = { perDay: number | null; perWeek: number | null };

/** The Monday of the week `date` falls in: weeks run Monday to Sunday. */
export function weekOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** Which cap one more assessment goes over, if any; the counts are of those already booked that day and week. */
export function capReached(caps: Caps, bookedThatDay: number, bookedThatWeek: number): 'day' | 'week' | null {
  if (caps.perDay !== null && bookedThatDay + 1 > caps.perDay) return 'day';
  if (caps.perWeek !== null && bookedThatWeek + 1 > caps.perWeek) return 'week';
  return null;
}

/** Why one more assessment on `date` goes over a cap, or null when it does not. */
export function capRefusal(caps: Caps, date: IsoDate, bookedThatDay: number, bookedThatWeek: number): Finding | null {
  const reached = capReached(caps, bookedThatDay, bookedThatWeek);
  if (reached === 'day')
    return {
      code: 'ASSESSOR_DAY_FULL',
      message: `the assessor already has ${bookedThatDay} assessment${bookedThatDay === 1 ? '' : 's'} on ${date}, their most in a day (${caps.perDay})`,
      source: SOURCE,
      cap: caps.perDay as number,
    };
  if (reached === 'week')
    return {
      code: 'ASSESSOR_WEEK_FULL',
      message: `the assessor already has ${bookedThatWeek} assessment${bookedThatWeek === 1 ? '' : 's'} in the week of ${weekOf(date)}, their most in a week (${caps.perWeek})`,
      source: SOURCE,
      cap: caps.perWeek as number,
    };
  return null;
}
