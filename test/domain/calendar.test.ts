import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { englandAndWalesBankHolidays } from '../../src/domain/calendar/bank-holidays.ts';
import { addDays, addMonths, ageOn, dayNumber, daysBetween, isIsoDate, weekday } from '../../src/domain/calendar/dates.ts';
import { addWorkingDays, isWorkingDay, meetsWorkingDayLead, workingDaysBetween } from '../../src/domain/calendar/working-days.ts';

const holidays = englandAndWalesBankHolidays();

describe('calendar dates', () => {
  it('refuses dates that do not exist', () => {
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-5')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
  });

  it('adds calendar months, clamped to the month end (issue 3: epaEnd = approval + 3 months)', () => {
    expect(addMonths('2026-01-05', 3)).toBe('2026-04-05');
    expect(addMonths('2026-01-05', 2)).toBe('2026-03-05');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
    expect(addMonths('2024-09-02', 12)).toBe('2025-09-02');
  });

  it('counts days between dates and ages in whole years', () => {
    expect(daysBetween('2026-01-01', '2026-01-15')).toBe(14);
    expect(daysBetween('2024-03-01', '2025-03-01')).toBe(365);
    expect(daysBetween('2023-03-01', '2024-03-01')).toBe(366);
    expect(ageOn('2008-04-30', '2024-09-02')).toBe(16);
    expect(ageOn('2008-09-02', '2026-09-02')).toBe(18);
    expect(ageOn('2008-09-03', '2026-09-02')).toBe(17);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('knows the weekday', () => {
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('2026-11-23')).toBe(1);
    expect(weekday('2026-12-26')).toBe(6);
  });
});

describe('England & Wales bank holidays (date-holidays)', () => {
  it('includes the 2026 bank holidays and the Boxing Day substitute', () => {
    for (const day of ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'])
      expect(holidays.isBankHoliday(day), day).toBe(true);
    expect(holidays.isBankHoliday('2026-12-26')).toBe(false); // a Saturday; the 28th stands in
    expect(holidays.isBankHoliday('2026-03-17')).toBe(false); // St Patrick's Day is Northern Ireland's
    expect(holidays.isBankHoliday('2026-11-30')).toBe(false); // St Andrew's Day is Scotland's
  });
});

describe('working days (issue 3, "Counting, everywhere")', () => {
  it('skips weekends and bank holidays, not counting the starting day', () => {
    expect(addWorkingDays('2026-11-23', 1, holidays)).toBe('2026-11-24');
    expect(addWorkingDays('2026-11-27', 1, holidays)).toBe('2026-11-30'); // Friday → Monday
    expect(addWorkingDays('2026-04-02', 1, holidays)).toBe('2026-04-07'); // over Easter
    expect(addWorkingDays('2026-12-24', 1, holidays)).toBe('2026-12-29'); // over Christmas
    expect(addWorkingDays('2026-03-02', 20, holidays)).toBe('2026-03-30'); // four full weeks
    expect(addWorkingDays('2026-03-09', 20, holidays)).toBe('2026-04-08'); // Good Friday and Easter Monday skipped
  });

  it('meets a lead of N working days on the Nth working day and not the day before', () => {
    expect(meetsWorkingDayLead('2026-03-09', '2026-04-08', 20, holidays)).toBe(true);
    expect(meetsWorkingDayLead('2026-03-09', '2026-04-07', 20, holidays)).toBe(false);
  });

  it('agrees with a day-by-day count (property)', () => {
    const start = dayNumber('2024-01-01');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 4 }), fc.integer({ min: 0, max: 60 }), (offset, n) => {
        const from = addDays('2024-01-01', offset);
        const result = addWorkingDays(from, n, holidays);
        // Walk day by day, counting Monday–Friday days that are not bank holidays.
        let counted = 0;
        let day = from;
        while (counted < n) {
          day = addDays(day, 1);
          const wd = weekday(day);
          if (wd !== 0 && wd !== 6 && !holidays.isBankHoliday(day)) counted++;
        }
        expect(result).toBe(day);
        expect(workingDaysBetween(from, result, holidays)).toBe(n);
        if (n > 0) expect(isWorkingDay(result, holidays)).toBe(true);
        expect(dayNumber(result)).toBeGreaterThanOrEqual(start + offset + n);
      }),
      { numRuns: 300 },
    );
  });

  it('adding months never goes backwards and lands in the right month (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 30 }), fc.integer({ min: 0, max: 36 }), (offset, months) => {
        const from = addDays('2000-01-01', offset);
        const to = addMonths(from, months);
        expect(isIsoDate(to)).toBe(true);
        expect(to >= from).toBe(true);
        const [fy, fm] = from.split('-').map(Number) as [number, number];
        const [ty, tm] = to.split('-').map(Number) as [number, number];
        expect(ty * 12 + tm - (fy * 12 + fm)).toBe(months);
      }),
    );
  });
});
