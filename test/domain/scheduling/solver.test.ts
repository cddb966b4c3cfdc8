import { describe, expect, it } from 'vitest';
import { generate, SIZES } from '../../../bench/schedule/generate.ts';
import { schedule } from '../../../src/domain/scheduling/solve.ts';
import { assessor, booking, data, FIRST_NOTICE_DAY, holidays, instance, record, solve } from './build.ts';

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

describe('schedule: where one assessment goes', () => {
  it('places the ST0071 observation on the first day its 14 days of notice allow, at the start of the working day', () => {
    const proposal = solve(instance());
    const where = { recordId: 'R1', method: 'observation', assessorId: 'X1', date: FIRST_NOTICE_DAY, start: '09:00', minutes: 60 };
    expect(proposal.placements).toEqual([expect.objectContaining(where)]);
    expect(proposal.unplaced).toEqual([]);
    expect(proposal.hardViolations).toBe(0);
  });

  it('does not use an assessor on leave: the one free that day takes it', () => {
    const away = assessor({ id: 'X1', leave: [{ fromDate: '2027-01-18', toDate: '2027-01-22', reason: 'holiday' }] });
    const proposal = solve(instance({ assessors: [away, assessor({ id: 'X2' })] }));
    expect(proposal.placements).toEqual([expect.objectContaining({ assessorId: 'X2', date: FIRST_NOTICE_DAY })]);
  });

  it('with the only assessor on leave all week, waits for their return', () => {
    const away = assessor({ id: 'X1', leave: [{ fromDate: '2027-01-18', toDate: '2027-01-22', reason: null }] });
    expect(solve(instance({ assessors: [away] })).placements).toEqual([expect.objectContaining({ assessorId: 'X1', date: '2027-01-25' })]);
  });

  it("avoids the apprentice's unavailable day", () => {
    const proposal = solve(instance({ records: [record({ id: 'R1', unavailable: [FIRST_NOTICE_DAY] })] }));
    expect(proposal.placements).toEqual([expect.objectContaining({ date: '2027-01-19' })]);
  });

  it('keeps to the hours an assessor declared: only Wednesday afternoons', () => {
    const partTime = assessor({ id: 'X1', weeklyHours: [{ weekday: 3, starts: '13:00', ends: '17:00' }] });
    expect(solve(instance({ assessors: [partTime] })).placements).toEqual([expect.objectContaining({ date: '2027-01-20', start: '13:00' })]);
  });
});

describe('schedule: independence (001 §6)', () => {
  const related = assessor({ id: 'X1', relationships: [{ apprenticeId: null, organisationId: 'employer-R1', nature: 'former line manager' }] });

  it('does not use an assessor with a declared relationship with the employer', () => {
    const proposal = solve(instance({ assessors: [related, assessor({ id: 'X2' })] }));
    expect(proposal.placements).toEqual([expect.objectContaining({ assessorId: 'X2' })]);
  });

  it('when they are the only assessor, leaves the item unplaced: NO_ELIGIBLE_ASSESSOR, naming the standard', () => {
    const proposal = solve(instance({ assessors: [related] }));
    expect(proposal.placements).toEqual([]);
    expect(proposal.unplaced).toEqual([{ recordId: 'R1', method: 'observation', code: 'NO_ELIGIBLE_ASSESSOR', reason: expect.stringContaining('ST0071@1.2') }]);
    expect(proposal.unplaced[0]?.reason).toContain('ASSESSOR_NOT_INDEPENDENT');
  });
});

describe("schedule: an assessor's day and week", () => {
  const two = [record({ id: 'R1' }), record({ id: 'R2' })];

  it('a day cap of 1 spreads two assessments over two days with one assessor', () => {
    const proposal = solve(instance({ records: two, assessors: [assessor({ id: 'X1', maxPerDay: 1 })] }));
    expect(proposal.placements.map((p) => p.date).sort()).toEqual([FIRST_NOTICE_DAY, '2027-01-19']);
  });

  it('a day cap of 1 spreads two assessments over two assessors on the first day', () => {
    const assessors = [assessor({ id: 'X1', maxPerDay: 1 }), assessor({ id: 'X2', maxPerDay: 1 })];
    const proposal = solve(instance({ records: two, assessors }));
    expect(proposal.placements.map((p) => p.date)).toEqual([FIRST_NOTICE_DAY, FIRST_NOTICE_DAY]);
    expect(new Set(proposal.placements.map((p) => p.assessorId))).toEqual(new Set(['X1', 'X2']));
  });

  it('leaves the travel time between two workplaces on one day', () => {
    const proposal = solve(instance({ from: FIRST_NOTICE_DAY, to: FIRST_NOTICE_DAY, records: two }));
    const starts = proposal.placements.map((p) => minutesOf(p.start)).sort((a, b) => a - b);
    expect(starts).toHaveLength(2);
    expect((starts[1] as number) - ((starts[0] as number) + 60)).toBeGreaterThanOrEqual(60);
  });

  it('explains NO_FREE_ASSESSOR when the only assessor is full', () => {
    const full = assessor({ id: 'X1', maxPerWeek: 1 });
    const proposal = solve(instance({ from: FIRST_NOTICE_DAY, to: '2027-01-22', records: two, assessors: [full] }));
    expect(proposal.placements).toHaveLength(1);
    expect(proposal.unplaced).toEqual([expect.objectContaining({ code: 'NO_FREE_ASSESSOR', reason: expect.stringContaining('ASSESSOR_WEEK_FULL') })]);
    expect(proposal.unplaced[0]?.reason).toContain('ST0071@1.2');
  });

  // Found by these tests: problem.ts compileFixed drops an existing booking whose date is not
  // one of the horizon's working days, so it never counts towards the assessor's week, though
  // the booking use-case (booking-facts: date_trunc('week')) counts every booking that week.
  it('counts an existing booking earlier in the same week, before the horizon, towards the week cap', () => {
    const full = assessor({ id: 'X1', maxPerWeek: 1 });
    const monday = booking({ id: 'B1', recordId: 'OTHER', assessorId: 'X1', date: FIRST_NOTICE_DAY });
    const proposal = solve(instance({ from: '2027-01-20', to: '2027-01-22', assessors: [full], bookings: [monday] }));
    expect(proposal.placements).toEqual([]);
    expect(proposal.unplaced).toEqual([expect.objectContaining({ code: 'NO_FREE_ASSESSOR' })]);
  });
});

describe('schedule: the proposal as a whole', () => {
  it('is the same for the same instance and seed: JSON-equal placements, unplaced and cost', () => {
    const inst = generate(SIZES.S, 7, data, holidays);
    const a = solve(inst);
    const b = solve(inst);
    expect(JSON.stringify(a.placements)).toBe(JSON.stringify(b.placements));
    expect(a.unplaced).toEqual(b.unplaced);
    expect([a.cost, a.iterations]).toEqual([b.cost, b.iterations]);
  });

  it('refuses an unknown standard with ok:false and a code', () => {
    const result = schedule(instance({ records: [record({ id: 'R1', standard: 'ST9999@1.0' })] }), data, holidays, { moves: 10 });
    expect(result).toEqual({ ok: false, code: 'UNKNOWN_STANDARD', message: expect.stringContaining('ST9999@1.0') });
  });

  it('refuses a method the standard does not have', () => {
    const result = schedule(instance({ records: [record({ id: 'R1', methods: [{ method: 'dance', minutes: 60 }] })] }), data, holidays, { moves: 10 });
    expect(result).toMatchObject({ ok: false, code: 'UNKNOWN_METHOD' });
  });
});
