// An assessor's weekly hours and leave (domain/booking/availability.ts).
import { describe, expect, it } from 'vitest';
import { availabilityWarning } from '../../src/domain/booking/assessor-eligibility.ts';
import { isoWeekday, leaveRefusal, weeklyHoursProblems, weeklyWindowsOn } from '../../src/domain/booking/availability.ts';

describe('weekly hours', () => {
  it('numbers the days Monday 1 to Sunday 7', () => {
    expect(['2026-03-30', '2026-04-04', '2026-04-05'].map(isoWeekday)).toEqual([1, 6, 7]);
  });

  it('falls on its weekday in UK time, GMT and BST alike', () => {
    const hours = [{ weekday: 3, starts: '09:00', ends: '13:00' }];
    expect(weeklyWindowsOn('2026-02-04', hours)).toEqual([{ startsAt: new Date('2026-02-04T09:00:00Z'), endsAt: new Date('2026-02-04T13:00:00Z') }]);
    expect(weeklyWindowsOn('2026-07-01', hours)).toEqual([{ startsAt: new Date('2026-07-01T08:00:00Z'), endsAt: new Date('2026-07-01T12:00:00Z') }]);
    expect(weeklyWindowsOn('2026-07-02', hours)).toEqual([]);
  });

  it('warns of a slot outside them once any hours are declared, even on a day with none', () => {
    const slot = { startsAt: '2026-02-05T09:00:00Z', endsAt: '2026-02-05T10:00:00Z' };
    expect(availabilityWarning([], slot)).toBeNull();
    expect(availabilityWarning([], slot, true)?.code).toBe('OUTSIDE_ASSESSOR_AVAILABILITY');
  });
});

describe('a week’s hours', () => {
  it('refuses a span that ends before it starts, or two on one day that overlap; two days alike are fine', () => {
    expect(
      weeklyHoursProblems([
        { weekday: 1, starts: '09:00', ends: '17:00' },
        { weekday: 2, starts: '09:00', ends: '17:00' },
      ]),
    ).toEqual([]);
    expect(weeklyHoursProblems([{ weekday: 1, starts: '17:00', ends: '09:00' }])).toEqual([{ weekday: 1, code: 'DATES_OUT_OF_ORDER' }]);
    expect(weeklyHoursProblems([{ weekday: 3, starts: '9:00', ends: '12:00' }])).toEqual([{ weekday: 3, code: 'DATES_OUT_OF_ORDER' }]);
    expect(
      weeklyHoursProblems([
        { weekday: 3, starts: '12:00', ends: '15:00' },
        { weekday: 3, starts: '09:00', ends: '13:00' },
      ]),
    ).toEqual([{ weekday: 3, code: 'HOURS_OVERLAP' }]);
  });
});

describe('leave', () => {
  it('refuses every day from its first to its last, and no other', () => {
    const leave = [{ fromDate: '2026-02-09', toDate: '2026-02-13', reason: 'holiday' }];
    expect(leaveRefusal('2026-02-08', leave)).toBeNull();
    expect(leaveRefusal('2026-02-09', leave)).toMatchObject({ code: 'ASSESSOR_ON_LEAVE', message: expect.stringContaining('(holiday)') });
    expect(leaveRefusal('2026-02-13', leave)?.code).toBe('ASSESSOR_ON_LEAVE');
    expect(leaveRefusal('2026-02-14', leave)).toBeNull();
  });
});
