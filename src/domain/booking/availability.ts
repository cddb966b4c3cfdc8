// An assessor's time as they keep it: weekly hours (UK time, a day of the week each), days
// away on leave, and one-off windows. Where they declared hours or windows, a booking outside
// them is worth a warning (the EPAO may have agreed the time with them); a booking on a day
// of leave is refused: they said they are away. This EPAO's setting: no seed speaks of an
// assessor's diary beyond their independence and standardisation.
import type { IsoDate } from '../calendar/dates.ts';
import { londonToUtc } from '../calendar/london-time.ts';
import type { Finding } from '../outcome.ts';

export type WeeklyHours = { weekday: number; starts: string; ends: string };
export type Leave = { fromDate: IsoDate; toDate: IsoDate; reason: string | null };
export type Window = { startsAt: Date | string; endsAt: Date | string };

const SOURCE = "this EPAO's setting: the hours and leave its assessors declare";

/** ISO day of the week, Monday 1 to Sunday 7. */
export function isoWeekday(date: IsoDate): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The weekly hours that fall on `date`, as instants (a time the clocks skip is left out). */
export function weeklyWindowsOn(date: IsoDate, hours: readonly WeeklyHours[]): Window[] {
  const weekday = isoWeekday(date);
  return hours.flatMap((h) => {
    if (h.weekday !== weekday) return [];
    const from = londonToUtc(date, h.starts);
    const until = londonToUtc(date, h.ends);
    return from.ok && until.ok ? [{ startsAt: from.value, endsAt: until.value }] : [];
  });
}

/** The leave that covers `date`, refused as a booking day. */
export function leaveRefusal(date: IsoDate, leave: readonly Leave[]): Finding | null {
  const away = leave.find((l) => l.fromDate <= date && date <= l.toDate);
  if (!away) return null;
  return {
    code: 'ASSESSOR_ON_LEAVE',
    message: `the assessor is away from ${away.fromDate} to ${away.toDate}${away.reason ? ` (${away.reason})` : ''}: choose another day or assessor`,
    source: SOURCE,
    fromDate: away.fromDate,
    toDate: away.toDate,
  };
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What is wrong with a week's hours: a span that ends before it starts, or two on one day that overlap; empty when none. */
export function weeklyHoursProblems(hours: readonly WeeklyHours[]): { weekday: number; code: 'DATES_OUT_OF_ORDER' | 'HOURS_OVERLAP' }[] {
  const problems: { weekday: number; code: 'DATES_OUT_OF_ORDER' | 'HOURS_OVERLAP' }[] = [];
  for (const h of hours)
    if (!CLOCK.test(h.starts) || !CLOCK.test(h.ends) || h.ends <= h.starts) problems.push({ weekday: h.weekday, code: 'DATES_OUT_OF_ORDER' });
  const sorted = [...hours].sort((a, b) => a.weekday - b.weekday || a.starts.localeCompare(b.starts));
  sorted.forEach((h, i) => {
    const next = sorted[i + 1];
    if (next && next.weekday === h.weekday && next.starts < h.ends) problems.push({ weekday: h.weekday, code: 'HOURS_OVERLAP' });
  });
  return problems;
}
