import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { englandAndWalesBankHolidays } from '../../src/domain/calendar/bank-holidays.ts';
import { addDays } from '../../src/domain/calendar/dates.ts';
import { workingDaysBetween } from '../../src/domain/calendar/working-days.ts';
import { withinWorkingDays } from '../../src/domain/reminders/due.ts';

const holidays = englandAndWalesBankHolidays();

describe('"no more than n working days ahead", worked out once a run', () => {
  it('agrees with counting the working days from today to the deadline, for any today, deadline and n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: -30, max: 400 }), fc.integer({ min: 0, max: 40 }), (start, ahead, n) => {
        const today = addDays('2025-01-01', start);
        const due = addDays(today, ahead);
        const within = withinWorkingDays(today, holidays);
        expect(within(due, n)).toBe(today <= due && workingDaysBetween(today, due, holidays) <= n);
      }),
      { numRuns: 2000 },
    );
  });

  it('holds across Christmas: from 23 December 2026, 28 December (a bank holiday) is within 1 working day, 29 December is not', () => {
    const within = withinWorkingDays('2026-12-23', holidays);
    expect(within('2026-12-24', 1)).toBe(true);
    expect(within('2026-12-28', 1)).toBe(true);
    expect(within('2026-12-29', 1)).toBe(false);
    expect(within('2026-12-22', 5)).toBe(false);
  });
});
