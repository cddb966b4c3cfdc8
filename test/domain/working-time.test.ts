import { describe, expect, it } from 'vitest';
import { workingHoursProblem, workingTimeWarnings } from '../../src/domain/booking/working-time.ts';
import { englandAndWalesBankHolidays } from '../../src/domain/calendar/bank-holidays.ts';
import { londonToUtc } from '../../src/domain/calendar/london-time.ts';
import { awaitedWork } from '../../src/domain/planning/booking-check.ts';
import { resolved } from '../helpers.ts';

const holidays = englandAndWalesBankHolidays();
const HOURS = { from: '08:00', until: '18:00', source: 'test setting' };
/** A slot from a London date and time, `minutes` long. */
const slot = (date: string, time: string, minutes = 66) => {
  const start = londonToUtc(date, time);
  if (!start.ok) throw new Error(start.problem.message);
  return { method: 'observation', startsAt: start.value, endsAt: new Date(start.value.getTime() + minutes * 60_000) };
};
const codes = (s: ReturnType<typeof slot>, hours = HOURS) => workingTimeWarnings(s, hours, holidays).map((w) => w.code);

describe('a booking in working time (004 Section 5: "within the apprentice\'s usual working hours")', () => {
  it('raises nothing on a weekday inside the hours, from the first minute to the last', () => {
    expect(codes(slot('2026-02-04', '10:00'))).toEqual([]);
    expect(codes(slot('2026-02-04', '08:00'))).toEqual([]);
    expect(codes(slot('2026-02-04', '16:54'))).toEqual([]);
    // BST: 10:00 in London is 09:00 UTC.
    expect(codes(slot('2026-07-01', '08:00'))).toEqual([]);
  });

  it('warns on a Saturday, a Sunday and a bank holiday, saying which, with its source', () => {
    const saturday = workingTimeWarnings(slot('2026-02-07', '10:00'), HOURS, holidays);
    expect(saturday).toEqual([expect.objectContaining({ code: 'NOT_A_WORKING_DAY', dates: ['2026-02-07'], methods: ['observation'] })]);
    expect(saturday[0]?.message).toContain('Saturday 2026-02-07, a weekend');
    expect(saturday[0]?.source).toMatch(/004 Section 5/);
    expect(codes(slot('2026-02-08', '10:00'))).toEqual(['NOT_A_WORKING_DAY']);
    const easterMonday = workingTimeWarnings(slot('2026-04-06', '10:00'), HOURS, holidays);
    expect(easterMonday[0]?.message).toContain('Monday 2026-04-06, a bank holiday');
    // The substitute Boxing Day 2026 (Monday 28 December).
    expect(codes(slot('2026-12-28', '10:00'))).toEqual(['NOT_A_WORKING_DAY']);
  });

  it('warns when it starts before the hours, ends after them, or runs through the night', () => {
    expect(codes(slot('2026-02-04', '07:59'))).toEqual(['OUTSIDE_WORKING_HOURS']);
    // Starts inside, ends at 18:06: after the hours.
    const late = workingTimeWarnings(slot('2026-02-04', '17:00'), HOURS, holidays);
    expect(late).toEqual([expect.objectContaining({ code: 'OUTSIDE_WORKING_HOURS', from: '08:00', until: '18:00' })]);
    expect(late[0]?.message).toContain('from 17:00 to 18:06');
    expect(late[0]?.source).toContain('test setting');
    expect(codes(slot('2026-02-04', '16:55'))).toEqual(['OUTSIDE_WORKING_HOURS']);
    // 23:30 on a Friday to 00:36 on Saturday: night, and into the weekend.
    expect(codes(slot('2026-02-06', '23:30'))).toEqual(['NOT_A_WORKING_DAY', 'OUTSIDE_WORKING_HOURS']);
    expect(codes(slot('2026-02-04', '02:00'))).toEqual(['OUTSIDE_WORKING_HOURS']);
  });

  it('takes the hours as a parameter', () => {
    const evening = { from: '12:00', until: '22:00', source: 'an evening shift' };
    expect(codes(slot('2026-02-04', '19:00'), evening)).toEqual([]);
    expect(codes(slot('2026-02-04', '10:00'), evening)).toEqual(['OUTSIDE_WORKING_HOURS']);
  });

  it('checks the hours themselves', () => {
    expect(workingHoursProblem('08:00', '18:00')).toBeNull();
    expect(workingHoursProblem('18:00', '08:00')).toMatch(/start before/);
    expect(workingHoursProblem('8', '18:00')).toMatch(/HH:MM/);
  });
});

describe('work a booked method waits for (001 §5: the report "2 weeks prior to an interview date")', () => {
  const st0071 = resolved('ST0071@1.2');
  it('warns when the project interview is booked before the report is in, with the date it is due and the rule', () => {
    const [warning, ...rest] = awaitedWork(st0071, { method: 'project', date: '2026-03-19', bookedOn: '2026-01-06' }, '2026-01-06');
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ code: 'PROJECT_NOT_SUBMITTED', due: '2026-03-05', requiredDays: 14, rule: 'PROJECT_LATE', methods: ['project'] });
    expect(warning?.source).toMatch(/001/);
    expect(warning?.message).toContain('by 2026-03-05');
    expect(warning?.message).not.toContain('has passed');
  });
  it('says so when the report can no longer arrive in time', () => {
    const [warning] = awaitedWork(st0071, { method: 'project', date: '2026-03-19', bookedOn: '2026-03-10' }, '2026-03-10');
    expect(warning?.message).toContain('which has passed');
  });
  it('raises nothing once the report is in, for a method that waits for nothing, or for the portfolio (it comes with gateway)', () => {
    expect(awaitedWork(st0071, { method: 'project', date: '2026-03-19', bookedOn: '2026-01-06', projectSubmittedOn: '2026-03-01' }, '2026-01-06')).toEqual([]);
    expect(awaitedWork(st0071, { method: 'observation', date: '2026-03-19', bookedOn: '2026-01-06' }, '2026-01-06')).toEqual([]);
    expect(awaitedWork(st0071, { method: 'discussion', date: '2026-03-19', bookedOn: '2026-01-06' }, '2026-01-06')).toEqual([]);
  });
});
