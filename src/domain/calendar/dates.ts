// Calendar-date arithmetic on ISO dates (YYYY-MM-DD). Dates are plain values without a
// time or zone: a booking "on 5 March" is the same day in any process, so no Date object
// (and no local time zone) is involved in a rule.

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export type IsoDate = string;

// The rules ask the same few hundred dates again and again (a schedule asks millions of
// times): each conversion is remembered, in a store that empties itself when it grows large.
const DAY_NUMBERS = new Map<string, number>();
const DATES = new Map<number, IsoDate>();
const REMEMBERED = 20_000;

/** The day number since 1970-01-01, or NaN when the text is not a real calendar date. */
export function dayNumber(date: IsoDate): number {
  const known = DAY_NUMBERS.get(date);
  if (known !== undefined) return known;
  const day = parseDayNumber(date);
  if (DAY_NUMBERS.size >= REMEMBERED) DAY_NUMBERS.clear();
  DAY_NUMBERS.set(date, day);
  return day;
}

function parseDayNumber(date: IsoDate): number {
  if (typeof date !== 'string') return Number.NaN;
  const m = ISO.exec(date);
  if (!m) return Number.NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return Number.NaN;
  return Date.UTC(y, mo - 1, d) / DAY_MS;
}

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && !Number.isNaN(dayNumber(value));
}

export function fromDayNumber(day: number): IsoDate {
  const known = DATES.get(day);
  if (known !== undefined) return known;
  const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
  if (DATES.size >= REMEMBERED) DATES.clear();
  DATES.set(day, date);
  return date;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Calendar months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whole years of age on `on` for someone born on `born` (a 29 February birthday turns over on 1 March). */
export function ageOn(born: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = born.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function earliest(dates: readonly IsoDate[]): IsoDate | undefined {
  let best: IsoDate | undefined;
  for (const date of dates) if (best === undefined || date < best) best = date;
  return best;
}

export function latest(dates: readonly IsoDate[]): IsoDate | undefined {
  let best: IsoDate | undefined;
  for (const date of dates) if (best === undefined || date > best) best = date;
  return best;
}
