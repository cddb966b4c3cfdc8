import { describe, expect, it } from 'vitest';
import { type Caps, capReached, capRefusal, weekOf } from '../../../src/domain/booking/assessor-load.ts';
import { dayRefusal, overlapping, travelBetween, type Visit } from '../../../src/domain/booking/travel.ts';
import { type BookingPlan, bookingPlanFindings } from '../../../src/domain/planning/booking-plan.ts';
import type { Booking } from '../../../src/domain/planning/input.ts';
import { resolved } from '../../helpers.ts';
import { holidays } from './build.ts';

const NO_CAPS: Caps = { perDay: null, perWeek: null };

describe('weekOf: weeks run Monday to Sunday', () => {
  it('gives the Monday of the week for every day of it, Sunday included', () => {
    for (const date of ['2027-01-04', '2027-01-06', '2027-01-08', '2027-01-09', '2027-01-10']) expect(weekOf(date)).toBe('2027-01-04');
    expect(weekOf('2027-01-11')).toBe('2027-01-11');
  });

  it('crosses a month and a year back to the Monday', () => {
    expect(weekOf('2027-01-01')).toBe('2026-12-28');
    expect(weekOf('2027-01-03')).toBe('2026-12-28');
    expect(weekOf('2026-03-01')).toBe('2026-02-23');
  });
});

describe('capReached and capRefusal: the most assessments an assessor takes in a day and a week', () => {
  it('no cap (null) is never reached, however many are booked', () => {
    expect(capReached(NO_CAPS, 50, 500)).toBeNull();
    expect(capRefusal(NO_CAPS, '2027-01-18', 50, 500)).toBeNull();
  });

  it('a day cap of N is reached when N are already booked that day, not before', () => {
    const caps = { perDay: 2, perWeek: null };
    expect(capReached(caps, 0, 0)).toBeNull();
    expect(capReached(caps, 1, 1)).toBeNull();
    expect(capReached(caps, 2, 2)).toBe('day');
    const refused = capRefusal(caps, '2027-01-18', 2, 2);
    expect(refused).toMatchObject({ code: 'ASSESSOR_DAY_FULL', cap: 2 });
    expect(refused?.message).toContain('2 assessments on 2027-01-18');
  });

  it('a day cap of 1 speaks of one assessment, in the singular', () => {
    expect(capRefusal({ perDay: 1, perWeek: null }, '2027-01-18', 1, 1)?.message).toContain('already has 1 assessment on 2027-01-18');
  });

  it('a week cap is reached at N in the week however few are on the day, and names the week by its Monday', () => {
    const caps = { perDay: null, perWeek: 3 };
    expect(capReached(caps, 0, 2)).toBeNull();
    expect(capReached(caps, 0, 3)).toBe('week');
    const refused = capRefusal(caps, '2027-01-21', 0, 3);
    expect(refused).toMatchObject({ code: 'ASSESSOR_WEEK_FULL', cap: 3 });
    expect(refused?.message).toContain('in the week of 2027-01-18');
  });

  it('the day cap is reported first when both are reached', () => {
    const caps = { perDay: 1, perWeek: 1 };
    expect(capReached(caps, 1, 1)).toBe('day');
    expect(capRefusal(caps, '2027-01-18', 1, 1)?.code).toBe('ASSESSOR_DAY_FULL');
    expect(capRefusal(caps, '2027-01-19', 0, 1)?.code).toBe('ASSESSOR_WEEK_FULL');
  });
});

describe("dayRefusal: one assessment at a time, and time to travel between venues (this EPAO's travelMinutes)", () => {
  const at = (from: number, minutes: number, venue: string | null): Visit => ({ from, until: from + minutes, venue });
  const NINE = 9 * 60;

  it('an empty day takes any visit', () => {
    expect(dayRefusal([], at(NINE, 60, 'A'), 60)).toBeNull();
  });

  it('an overlap is ASSESSOR_BUSY, whatever the venues', () => {
    expect(dayRefusal([at(NINE, 60, 'A')], at(NINE + 30, 60, 'A'), 60)?.code).toBe('ASSESSOR_BUSY');
    expect(dayRefusal([at(NINE, 60, null)], at(NINE + 59, 60, null), 0)?.code).toBe('ASSESSOR_BUSY');
    expect(dayRefusal([at(NINE + 30, 30, 'A')], at(NINE, 120, 'B'), 60)?.code).toBe('ASSESSOR_BUSY');
    expect(overlapping(at(NINE, 60, null), at(NINE + 60, 60, null))).toBe(false);
  });

  it('face to face at different venues with less than the travel time between them is NO_TIME_TO_TRAVEL, before or after', () => {
    const refused = dayRefusal([at(NINE, 60, 'A')], at(NINE + 60 + 59, 60, 'B'), 60);
    expect(refused).toMatchObject({ code: 'NO_TIME_TO_TRAVEL', travelMinutes: 60 });
    expect(refused?.message).toContain('between A and B');
    expect(dayRefusal([at(NINE + 120, 60, 'A')], at(NINE, 61, 'B'), 60)?.code).toBe('NO_TIME_TO_TRAVEL');
  });

  it('exactly the travel time between them is allowed, before or after', () => {
    expect(dayRefusal([at(NINE, 60, 'A')], at(NINE + 120, 60, 'B'), 60)).toBeNull();
    expect(dayRefusal([at(NINE + 120, 60, 'A')], at(NINE, 60, 'B'), 60)).toBeNull();
  });

  it('two at the same venue may run back to back', () => {
    expect(dayRefusal([at(NINE, 60, 'A')], at(NINE + 60, 60, 'A'), 60)).toBeNull();
    expect(travelBetween(at(NINE, 60, 'A'), at(NINE + 60, 60, 'A'), 60)).toBe(0);
  });

  it('a remote assessment (venue null) needs no travel before or after it', () => {
    expect(dayRefusal([at(NINE, 60, 'A')], at(NINE + 60, 60, null), 60)).toBeNull();
    expect(dayRefusal([at(NINE + 60, 60, null)], at(NINE, 60, 'B'), 60)).toBeNull();
    expect(travelBetween(at(NINE, 60, null), at(NINE + 60, 60, 'B'), 60)).toBe(0);
  });

  it('a travel time of 0 lets different venues run back to back', () => {
    expect(dayRefusal([at(NINE, 60, 'A')], at(NINE + 60, 60, 'B'), 0)).toBeNull();
  });

  it('checks the visit against every one in the day, not just the first', () => {
    const day = [at(NINE, 60, 'A'), at(NINE + 240, 60, 'C')];
    expect(dayRefusal(day, at(NINE + 120, 60, 'B'), 60)).toBeNull();
    expect(dayRefusal(day, at(NINE + 150, 60, 'B'), 60)?.code).toBe('NO_TIME_TO_TRAVEL');
  });
});

const booked = (method: string, date: string, bookedOn = '2027-01-04'): Booking => ({ method, date, bookedOn });
const codesOf = (standard: string, plan: BookingPlan) => {
  const result = bookingPlanFindings(resolved(standard), plan, holidays);
  if (!result.ok) throw new Error(result.problem.message);
  return result.value.violations.map((v) => v.code);
};

describe('bookingPlanFindings on ST0071@1.2: 14 days of notice for the observation, 3 months from gateway approval', () => {
  const base = { standard: 'ST0071@1.2', policy: null, gatewayApproved: '2027-01-04' };
  const plan = (proposed: Booking, others: Booking[] = [], reattempt?: BookingPlan['reattempt']): BookingPlan => ({ base, others, proposed, reattempt });

  it('confirms the seed: the observation needs 14 days of notice, the window is 3 months from gateway approval', () => {
    const { standard } = resolved('ST0071@1.2').index;
    expect(standard.epaWindow.value).toEqual({ months: 3, startsAt: 'gateway-approval' });
    expect(standard.methods.find((m) => m.id === 'observation')?.noticeDays?.value).toBe(14);
  });

  it('a booking inside the window with the notice given is ok, the window closing day included', () => {
    expect(codesOf('ST0071@1.2', plan(booked('observation', '2027-01-18')))).toEqual([]);
    expect(codesOf('ST0071@1.2', plan(booked('observation', '2027-04-04')))).toEqual([]);
    expect(codesOf('ST0071@1.2', plan(booked('discussion', '2027-02-15'), [booked('observation', '2027-02-01')]))).toEqual([]);
  });

  it('13 days of notice is too short', () => {
    expect(codesOf('ST0071@1.2', plan(booked('observation', '2027-01-17')))).toEqual(['NOTICE_TOO_SHORT']);
  });

  it('a day after the window, or before gateway approval, is OUTSIDE_EPA_WINDOW', () => {
    expect(codesOf('ST0071@1.2', plan(booked('observation', '2027-04-05')))).toEqual(['OUTSIDE_EPA_WINDOW']);
    expect(codesOf('ST0071@1.2', plan(booked('discussion', '2027-01-03', '2026-12-01')))).toEqual(['OUTSIDE_EPA_WINDOW']);
  });

  it("another booking's own problem does not block this one", () => {
    expect(codesOf('ST0071@1.2', plan(booked('discussion', '2027-02-15'), [booked('observation', '2027-05-01')]))).toEqual([]);
  });

  it("a re-attempt keeps to its own window instead: after the EPA window but by the re-attempt's end is ok", () => {
    expect(codesOf('ST0071@1.2', plan(booked('observation', '2027-06-01'), [], { windowEnds: '2028-01-04' }))).toEqual([]);
    expect(codesOf('ST0071@1.2', plan(booked('observation', '2028-01-04'), [], { windowEnds: '2028-01-04' }))).toEqual([]);
  });

  it("a re-attempt after its own window's end is REASSESSMENT_WINDOW_PASSED, not OUTSIDE_EPA_WINDOW", () => {
    const result = bookingPlanFindings(resolved('ST0071@1.2'), plan(booked('observation', '2028-01-05'), [], { windowEnds: '2028-01-04' }), holidays);
    expect(result.ok && result.value.violations).toEqual([
      expect.objectContaining({ code: 'REASSESSMENT_WINDOW_PASSED', methods: ['observation'], windowEnds: '2028-01-04' }),
    ]);
  });

  it('a re-attempt with no window of its own (null) has no window at all, but still its notice', () => {
    expect(codesOf('ST0071@1.2', plan(booked('observation', '2029-01-08'), [], { windowEnds: null }))).toEqual([]);
    expect(codesOf('ST0071@1.2', plan(booked('observation', '2027-01-10'), [], { windowEnds: null }))).toEqual(['NOTICE_TOO_SHORT']);
  });
});

describe('bookingPlanFindings on ST0072@1.1: a window of 3 months from the first assessment', () => {
  const base = { standard: 'ST0072@1.1', policy: null, gatewayApproved: '2027-01-04' };
  const plan = (proposed: Booking, others: Booking[] = []): BookingPlan => ({ base, others, proposed });

  it('confirms the seed: the window is 3 months from the first assessment', () => {
    expect(resolved('ST0072@1.1').index.standard.epaWindow.value).toEqual({ months: 3, startsAt: 'first-assessment' });
  });

  it('alone, any date on or after gateway approval is inside (the window starts with it)', () => {
    expect(codesOf('ST0072@1.1', plan(booked('observation', '2027-01-06')))).toEqual([]);
    expect(codesOf('ST0072@1.1', plan(booked('observation', '2027-12-01')))).toEqual([]);
  });

  it('3 months from the first assessment is inside; the day after is OUTSIDE_EPA_WINDOW', () => {
    const first = [booked('observation', '2027-02-01')];
    expect(codesOf('ST0072@1.1', plan(booked('discussion', '2027-05-01'), first))).toEqual([]);
    expect(codesOf('ST0072@1.1', plan(booked('discussion', '2027-05-02'), first))).toEqual(['OUTSIDE_EPA_WINDOW']);
  });

  it('an earlier booking that pushes the others out of the window is refused, though its own date is fine', () => {
    const later = [booked('discussion', '2027-04-20')];
    const result = bookingPlanFindings(resolved('ST0072@1.1'), plan(booked('showcase', '2027-01-11'), later), holidays);
    expect(result.ok && result.value.violations).toEqual([expect.objectContaining({ code: 'OUTSIDE_EPA_WINDOW', methods: ['discussion'] })]);
  });
});
