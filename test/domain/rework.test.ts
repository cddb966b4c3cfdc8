// A failed project's rework (001 §8: "Apprentices will have 1 month to rework their
// submission"; 000, Re-sits and Re-takes: "one month"; 004 Section 3: "1 month").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { englandAndWalesBankHolidays } from '../../src/domain/calendar/bank-holidays.ts';
import { addDays, addMonths } from '../../src/domain/calendar/dates.ts';
import { checkPlan } from '../../src/domain/planning/booking-check.ts';
import { PlanCheckInput } from '../../src/domain/planning/input.ts';
import { workSubmittedOn } from '../../src/domain/planning/submitted.ts';
import { submissionDeadlines } from '../../src/domain/planning/window.ts';
import { latestResultInForce, projectFailReleasedOn, reworkDeadline, reworkMonths } from '../../src/domain/reassessment/rework.ts';
import { resolved } from '../helpers.ts';

const holidays = englandAndWalesBankHolidays();
const fail = { releasedOn: '2026-03-20', methodGrades: { observation: 'pass', project: 'fail', discussion: 'pass' } } as const;

/** Only the codes about when the project report came: the re-sit's own window is the booking's business. */
function deadlineCodes(body: Record<string, unknown>) {
  const parsed = PlanCheckInput.parse({ standard: 'ST0071@1.2', policy: null, gatewayApproved: '2026-01-05', ...body });
  const r = checkPlan(resolved(parsed.standard, parsed.policy), parsed, holidays);
  if (!r.ok) throw new Error(r.problem.message);
  return r.value.violations.filter((v) => ['PROJECT_AFTER_DEADLINE', 'REWORK_AFTER_DEADLINE', 'PROJECT_LATE'].includes(v.code));
}
const resit = (projectSubmittedOn: string, projectFailReleasedOn?: string) =>
  deadlineCodes({
    bookings: [{ method: 'project', date: '2026-05-20', bookedOn: '2026-03-25', projectSubmittedOn }],
    ...(projectFailReleasedOn ? { projectFailReleasedOn } : {}),
  });

describe('the rework period', () => {
  it('is a month, from the standard (001 §8) or the policy that repeats it (VTCT 000, PAL 004)', () => {
    expect(reworkMonths(resolved('ST0071@1.2'))).toEqual({ value: 1, source: expect.stringContaining('001_1e92b44f98d10fcb.txt, §8') });
    expect(reworkMonths(resolved('ST0071@1.2', 'PAL'))).toEqual({ value: 1, source: expect.stringContaining('004_f9b9047560044387.txt') });
    expect(reworkMonths(resolved('ST0071@1.1', 'VTCT'))).toEqual({ value: 1, source: expect.stringContaining('000_105fd02c04a4443e.txt') });
  });
  it('does not exist for ST0072, whose kit sets no rework (003)', () => {
    expect(reworkMonths(resolved('ST0072@1.1', 'HIGHFIELD'))).toBeNull();
    expect(projectFailReleasedOn(resolved('ST0072@1.1', 'HIGHFIELD'), { releasedOn: '2026-03-20', methodGrades: { showcase: 'fail' } })).toBeNull();
  });
  it('runs from the day the project fail was released, to the same day a month later', () => {
    expect(reworkDeadline(resolved('ST0071@1.2'), '2026-03-20')).toMatchObject({ due: '2026-04-20', failReleasedOn: '2026-03-20', months: 1 });
    expect(reworkDeadline(resolved('ST0071@1.2'), '2026-01-31')?.due).toBe('2026-02-28');
  });
  it('applies only while the latest result fails the project', () => {
    const r = resolved('ST0071@1.2');
    expect(projectFailReleasedOn(r, fail)).toBe('2026-03-20');
    expect(projectFailReleasedOn(r, { ...fail, methodGrades: { ...fail.methodGrades, project: 'pass', observation: 'fail' } })).toBeNull();
    expect(projectFailReleasedOn(r, null)).toBeNull();
  });
  it('reads the latest result in force: a cancelled or suspended one does not count', () => {
    const at = (d: string) => new Date(`${d}T12:00:00Z`);
    const results = [
      { ...fail, status: 'superseded', createdAt: at('2026-03-20') },
      { releasedOn: '2026-04-02', methodGrades: { project: 'pass' as const }, status: 'cancelled', createdAt: at('2026-04-02') },
    ];
    expect(latestResultInForce(results)).toEqual({ releasedOn: '2026-03-20', methodGrades: fail.methodGrades });
    expect(
      latestResultInForce([
        ...results,
        { releasedOn: '2026-04-10', methodGrades: { project: 'pass' as const }, status: 'released', createdAt: at('2026-04-10') },
      ]),
    ).toEqual({
      releasedOn: '2026-04-10',
      methodGrades: { project: 'pass' },
    });
    expect(latestResultInForce([])).toBeNull();
  });
});

describe('the rework replaces the first report’s deadline (gateway approval + 2 months)', () => {
  it('replaces the project report’s deadline after the fail, and leaves it alone before', () => {
    const r = resolved('ST0071@1.2');
    expect(submissionDeadlines(r, '2026-01-05').get('project-report')?.due).toBe('2026-03-05');
    expect(submissionDeadlines(r, '2026-01-05', '2026-03-20').get('project-report')).toMatchObject({ due: '2026-04-20', rework: { months: 1 } });
  });
  it('accepts a rework sent 13 days after the fail, though the first deadline has passed', () => {
    expect(resit('2026-04-02')).toMatchObject([{ code: 'PROJECT_AFTER_DEADLINE', due: '2026-03-05' }]); // the rule without the fail
    expect(resit('2026-04-02', '2026-03-20')).toEqual([]);
  });
  it('refuses a rework sent 40 days after the fail, with its own code and the rework’s source', () => {
    expect(resit('2026-04-29', '2026-03-20')).toEqual([
      expect.objectContaining({
        code: 'REWORK_AFTER_DEADLINE',
        due: '2026-04-20',
        failReleasedOn: '2026-03-20',
        submittedOn: '2026-04-29',
        source: expect.stringContaining('001_1e92b44f98d10fcb.txt, §8'),
      }),
    ]);
    expect(resit('2026-04-20', '2026-03-20')).toEqual([]); // the last day is in time
  });
  it('still wants the rework 14 days before the re-sit interview (001 §5)', () => {
    expect(resit('2026-05-07', '2026-04-10').map((f) => f.code)).toEqual(['PROJECT_LATE']);
  });
  it('does not count the first report as the rework', () => {
    expect(resit('2026-02-20', '2026-03-20')).toEqual([]);
    const work = [
      { kind: 'project-report' as const, submittedOn: '2026-02-20' },
      { kind: 'project-report' as const, submittedOn: '2026-04-01' },
    ];
    expect(workSubmittedOn(work.slice(0, 1), [], '2026-03-20').projectSubmittedOn).toBeUndefined();
    expect(workSubmittedOn(work, [], '2026-03-20').projectSubmittedOn).toBe('2026-04-01');
    expect(workSubmittedOn(work.slice(0, 1), []).projectSubmittedOn).toBe('2026-02-20');
  });
  it('is late exactly when sent after the month is out (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 60 }), (failDay, after) => {
        const failOn = addDays('2024-01-01', failDay);
        const sent = addDays(failOn, after);
        const parsed = PlanCheckInput.parse({
          standard: 'ST0071@1.2',
          policy: null,
          gatewayApproved: addDays(failOn, -60),
          projectFailReleasedOn: failOn,
          bookings: [{ method: 'project', date: addDays(sent, 30), bookedOn: sent, projectSubmittedOn: sent }],
        });
        const r = checkPlan(resolved('ST0071@1.2'), parsed, holidays);
        if (!r.ok) return false;
        const late = r.value.violations.some((v) => v.code === 'REWORK_AFTER_DEADLINE');
        return late === sent > addMonths(failOn, 1);
      }),
    );
  });
});
