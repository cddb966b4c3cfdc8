// Whether a booked slot falls in working time: on a working day (Monday to Friday, less
// England & Wales bank holidays) and inside the EPAO's working hours, start to end, in
// London time. A warning, never a block: the EPAO may have agreed an unusual time with an
// apprentice who works weekends or nights.
// Source: 004_f9b9047560044387.txt Section 5 ("All end-point assessments should take place
// within the apprentice's usual working hours"); 001_1e92b44f98d10fcb.txt §5 (the
// observation must "Reflect typical working conditions"). No seed sets the hours: they are
// the EPAO's setting, passed in.
import { type IsoDate, weekday } from '../calendar/dates.ts';
import { CLOCK_TIME, utcToLondon } from '../calendar/london-time.ts';
import { type HolidayCalendar, isWorkingDay } from '../calendar/working-days.ts';
import type { Finding } from '../outcome.ts';

export const WORKING_TIME_SOURCE =
  '004 Section 5 ("All end-point assessments should take place within the apprentice\'s usual working hours"); 001 §5 (the observation must "Reflect typical working conditions")';

/** The EPAO's working hours, London wall-clock times HH:MM, `from` before `until`. */
export type WorkingHours = { from: string; until: string; source: string };

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Null when the hours are two HH:MM times, the first earlier; else what is wrong. */
export function workingHoursProblem(from: string, until: string): string | null {
  if (!CLOCK_TIME.test(from) || !CLOCK_TIME.test(until)) return 'working hours are two 24-hour times, HH:MM-HH:MM';
  if (from >= until) return `working hours must start before they end (${from}-${until})`;
  return null;
}

/**
 * The warnings for a slot from `startsAt` to `endsAt` (instants): NOT_A_WORKING_DAY when a
 * day it touches is a weekend or bank holiday, OUTSIDE_WORKING_HOURS when it starts before
 * the hours or ends after them (or runs past midnight).
 */
export function workingTimeWarnings(
  slot: { method: string; startsAt: Date | string; endsAt: Date | string },
  hours: WorkingHours,
  holidays: HolidayCalendar,
): Finding[] {
  const start = utcToLondon(slot.startsAt);
  const end = utcToLondon(slot.endsAt);
  const warnings: Finding[] = [];
  const offDays = [...new Set([start.date, end.date])].filter((d) => !isWorkingDay(d, holidays));
  if (offDays.length > 0)
    warnings.push({
      code: 'NOT_A_WORKING_DAY',
      message: `the ${slot.method} is booked on ${offDays.map((d) => `${dayName(d)} ${d}`).join(' and ')}, ${offDays.map(whyOff).join(' and ')}: not a working day`,
      source: `${WORKING_TIME_SOURCE}; working days are Monday to Friday less England & Wales bank holidays`,
      methods: [slot.method],
      dates: offDays,
    });
  // A slot ending on a later day than it starts runs through the night.
  const endsLater = end.date !== start.date;
  if (start.time < hours.from || end.time > hours.until || endsLater)
    warnings.push({
      code: 'OUTSIDE_WORKING_HOURS',
      message: `the ${slot.method} runs from ${start.time} to ${end.time}${endsLater ? ` on ${end.date}` : ''}, outside working hours (${hours.from} to ${hours.until}, UK time)`,
      source: `${WORKING_TIME_SOURCE}; the hours: ${hours.source}`,
      methods: [slot.method],
      from: hours.from,
      until: hours.until,
    });
  return warnings;
}

function dayName(date: IsoDate): string {
  return DAYS[weekday(date)] as string;
}

function whyOff(date: IsoDate): string {
  const day = weekday(date);
  return day === 0 || day === 6 ? 'a weekend' : 'a bank holiday';
}
