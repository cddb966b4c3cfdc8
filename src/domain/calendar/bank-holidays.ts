// England & Wales bank holidays from the date-holidays library (DESIGN §3): public
// holidays of GB/ENG, substitute days included. Loaded only by commands that count
// working days, so the rest of the CLI starts without it.
import Holidays from 'date-holidays';
import { type IsoDate, weekday } from './dates.ts';
import type { HolidayCalendar } from './working-days.ts';

export function englandAndWalesBankHolidays(): HolidayCalendar {
  const library = new Holidays('GB', 'ENG');
  const byYear = new Map<number, Set<string>>();
  const yearOf = (year: number): Set<string> => {
    let days = byYear.get(year);
    if (!days) {
      days = new Set(
        library
          .getHolidays(year)
          .filter((h) => h.type === 'public')
          .map((h) => h.date.slice(0, 10))
          // A holiday falling at a weekend is kept as its weekday substitute, which the library also lists.
          .filter((date) => weekday(date) !== 0 && weekday(date) !== 6),
      );
      byYear.set(year, days);
    }
    return days;
  };
  return { isBankHoliday: (date: IsoDate) => yearOf(Number(date.slice(0, 4))).has(date) };
}
