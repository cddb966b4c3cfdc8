// Wall-clock times in England. Assessments are booked as a London date and time
// ("10:00 on 2 February"); the store keeps instants. Europe/London is GMT in winter and
// BST (UTC+1) from the last Sunday of March to the last Sunday of October; the tz data
// comes from the runtime's Intl (ICU), so no date library is needed. A Date here is an
// instant in UTC, never "now" and never local time.

import { ok, problem, type Result } from '../outcome.ts';
import { dayNumber, type IsoDate } from './dates.ts';

export const LONDON = 'Europe/London';

/** HH:MM, 24-hour. */
export const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const TIME = CLOCK_TIME;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A 24-hour clock time, HH:MM. */
export function isClockTime(value: unknown): value is string {
  return typeof value === 'string' && TIME.test(value);
}

/** London's offset from UTC through one UTC hour: the clocks only ever change on the hour (01:00 UTC). */
const offsetOfHour = new Map<number, number>();
const HOUR_MS = 3_600_000;

/** Asked of every booking's instants, so ICU is asked once an hour of time, not once a call. */
function offsetAt(instant: number): number {
  const hour = Math.floor(instant / HOUR_MS);
  let offset = offsetOfHour.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    const parts: Record<string, string> = {};
    for (const p of wallClock.formatToParts(new Date(start))) parts[p.type] = p.value;
    offset = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) - start;
    if (offsetOfHour.size >= 100_000) offsetOfHour.clear();
    offsetOfHour.set(hour, offset);
  }
  return offset;
}

const two = (n: number) => String(n).padStart(2, '0');

function londonParts(instant: number): { date: IsoDate; time: string; wall: number } {
  const wall = Math.floor((instant + offsetAt(instant)) / 1000) * 1000;
  const d = new Date(wall);
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  return { date, time: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`, wall };
}

/**
 * The instant a London date and time names. In the autumn hour that happens twice
 * (01:00–01:59 on the last Sunday of October) the first, BST, occurrence is meant; a time
 * in the spring hour that never happens (01:00–01:59 on the last Sunday of March) is
 * refused rather than guessed.
 */
export function londonToUtc(date: IsoDate, time: string): Result<Date> {
  const day = dayNumber(date);
  if (Number.isNaN(day)) return problem('INVALID_DATE', `"${date}" is not a real calendar date, YYYY-MM-DD`);
  const m = TIME.exec(time);
  if (!m) return problem('INVALID_TIME', `"${time}" is not a time of day, HH:MM (24-hour)`);
  const wall = day * DAY_MS + Number(m[1]) * 60 * MINUTE_MS + Number(m[2]) * MINUTE_MS;
  // The offsets in force a day either side cover any change of clocks on the day itself.
  const offsets = new Set([offsetAt(wall - DAY_MS), offsetAt(wall), offsetAt(wall + DAY_MS)]);
  const candidates = [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => londonParts(instant).wall === wall)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first === undefined)
    return problem('TIME_DOES_NOT_EXIST', `${time} on ${date} does not exist in the UK: the clocks go forward an hour that night (British Summer Time)`);
  return ok(new Date(first));
}

/** The London calendar date and HH:MM of an instant. */
export function utcToLondon(instant: Date | string): { date: IsoDate; time: string } {
  const { date, time } = londonParts(new Date(instant).getTime());
  return { date, time };
}

/** Minutes later, as an instant. */
export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * MINUTE_MS);
}
