// Working days: Monday to Friday, less England & Wales bank holidays. The holiday list is
// passed in so the rule stays pure; `bank-holidays.ts` builds it from a maintained library.
import { addDays, dayNumber, type IsoDate, weekday } from './dates.ts';

export type HolidayCalendar = { isBankHoliday(date: IsoDate): boolean };

export function isWorkingDay(date: IsoDate, holidays: HolidayCalendar): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && !holidays.isBankHoliday(date);
}

/** The Nth working day after `date`, the day itself not counted (as the policies count them: 000 Scheduling, "20 working days"). */
export function addWorkingDays(date: IsoDate, n: number, holidays: HolidayCalendar): IsoDate {
  let current = date;
  let counted = 0;
  while (counted < n) {
    current = addDays(current, 1);
    if (isWorkingDay(current, holidays)) counted++;
  }
  return current;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate, holidays: HolidayCalendar): number {
  let count = 0;
  for (let offset = 1; offset <= dayNumber(to) - dayNumber(from); offset++) {
    if (isWorkingDay(addDays(from, offset), holidays)) count++;
  }
  return count;
}

/** A lead of N working days is met when `date` is on or after the Nth working day after `from`. */
export function meetsWorkingDayLead(from: IsoDate, date: IsoDate, n: number, holidays: HolidayCalendar): boolean {
  return date >= addWorkingDays(from, n, holidays);
}
