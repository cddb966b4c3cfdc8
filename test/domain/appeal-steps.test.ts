// An appeal's steps: the EPAO's deadlines in working days from the lodging, the reviewer's
// independence, and what waits while an appeal is open (domain/appeals/steps.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appealDeadlines, appealDue, deciderConflict, decidesAppeal, heldByAppeal, lateIfLodgedBy, reviewerConflict } from '../../src/domain/appeals/steps.ts';
import { englandAndWalesBankHolidays } from '../../src/domain/calendar/bank-holidays.ts';
import { isWorkingDay, workingDaysBetween } from '../../src/domain/calendar/working-days.ts';

const holidays = englandAndWalesBankHolidays();
const timings = { acknowledgeWorkingDays: 5, decideWorkingDays: 20, source: 'EPAO settings' };

describe('the deadlines of an appeal, in working days from its lodging (EPAO settings)', () => {
  it('skips weekends and bank holidays: lodged on Thursday 17 December 2026, Christmas and Boxing Day (moved to the 28th) do not count', () => {
    const d = appealDeadlines('2026-12-17', timings, holidays);
    // 18, 21, 22, 23, 24 December are the five working days after the 17th.
    expect(d.acknowledgeBy).toBe('2026-12-24');
    // Then 29, 30, 31 December and, past New Year's Day, 4 to 19 January 2027: the twentieth working day.
    expect(d.decideBy).toBe('2027-01-19');
    expect(d.source).toBe('EPAO settings');
  });

  it('asks for the acknowledgement first, then the decision; late once the day has passed; nothing once decided', () => {
    const d = appealDeadlines('2026-03-02', timings, holidays);
    expect(appealDue({ status: 'lodged', acknowledgedOn: null }, d, '2026-03-09')).toEqual({ step: 'acknowledge', by: '2026-03-09', late: false });
    expect(appealDue({ status: 'lodged', acknowledgedOn: null }, d, '2026-03-10')).toEqual({ step: 'acknowledge', by: '2026-03-09', late: true });
    expect(appealDue({ status: 'lodged', acknowledgedOn: '2026-03-03' }, d, '2026-03-10')).toEqual({ step: 'decide', by: '2026-03-30', late: false });
    expect(appealDue({ status: 'upheld', acknowledgedOn: '2026-03-03' }, d, '2026-05-01')).toBeNull();
  });

  it('finds the late appeals by their lodging date: lodged on or before the cut-off, and only those', () => {
    // On Friday 13 March 2026: lodged Thursday 5 March, the acknowledgement was due on the 12th (late); lodged on the 6th, it is due today (not late).
    expect(lateIfLodgedBy('2026-03-13', 5, holidays)).toBe('2026-03-05');
    const day = fc.date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.integer({ min: 1, max: 25 }), (lodgedOn, today, n) => {
        const d = appealDeadlines(lodgedOn, { acknowledgeWorkingDays: n, decideWorkingDays: n, source: 's' }, holidays);
        const late = appealDue({ status: 'lodged', acknowledgedOn: null }, d, today)?.late;
        expect(late).toBe(lodgedOn <= lateIfLodgedBy(today, n, holidays));
      }),
    );
  });

  it('property: each deadline is a working day exactly its number of working days after the lodging', () => {
    const day = fc.date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 30 }), (lodgedOn, ack, extra) => {
        const d = appealDeadlines(lodgedOn, { acknowledgeWorkingDays: ack, decideWorkingDays: ack + extra, source: 's' }, holidays);
        expect(isWorkingDay(d.acknowledgeBy, holidays) && isWorkingDay(d.decideBy, holidays)).toBe(true);
        expect(workingDaysBetween(lodgedOn, d.acknowledgeBy, holidays)).toBe(ack);
        expect(d.decideBy >= d.acknowledgeBy).toBe(true);
      }),
    );
  });
});

describe('the reviewer had no part in the decision appealed (004 Section 6; Ofqual General Condition I1)', () => {
  const parties = { assessorUserIds: ['assessor'], moderatorUserIds: ['iqa'] };
  it('refuses an assessor or a moderator of the apprentice’s EPA, and nobody else', () => {
    expect(reviewerConflict('assessor', parties)).toMatchObject({ code: 'APPEAL_DECIDER_NOT_INDEPENDENT', message: expect.stringContaining('assessor') });
    expect(reviewerConflict('iqa', parties)).toMatchObject({ code: 'APPEAL_DECIDER_NOT_INDEPENDENT', message: expect.stringContaining('moderate') });
    expect(reviewerConflict('other', parties)).toBeNull();
  });
  it('the EPAO deciding without a reviewer did not assess the apprentice; its moderating IQA may decide', () => {
    expect(deciderConflict('assessor', parties.assessorUserIds)?.code).toBe('APPEAL_DECIDER_NOT_INDEPENDENT');
    expect(deciderConflict('iqa', parties.assessorUserIds)).toBeNull();
  });
});

describe('who decides an appeal (001 §8; the reviewer the EPAO names)', () => {
  it('is its reviewer alone once it has one, else the EPAO’s admin or IQA', () => {
    expect(decidesAppeal({ userId: 'r', role: 'assessor' }, 'r')).toBe(true);
    expect(decidesAppeal({ userId: 'a', role: 'epao-admin' }, 'r')).toBe(false);
    expect(decidesAppeal({ userId: 'a', role: 'epao-admin' }, null)).toBe(true);
    expect(decidesAppeal({ userId: 'i', role: 'iqa' }, null)).toBe(true);
    expect(decidesAppeal({ userId: 'p', role: 'provider' }, null)).toBe(false);
  });
});

describe('a re-sit or a certificate claim waits for an open appeal (this EPAO’s setting)', () => {
  const open = { id: 'a1', lodgedOn: '2026-03-02' };
  it('holds while the appeal is open, unless the EPAO says why it goes ahead', () => {
    expect(heldByAppeal(open, 'resit', null)).toMatchObject({ code: 'APPEAL_PENDING', appealId: 'a1', message: expect.stringContaining('re-sit') });
    expect(heldByAppeal(open, 'claim', '  ')).toMatchObject({ code: 'APPEAL_PENDING', message: expect.stringContaining('certificate') });
    expect(heldByAppeal(open, 'claim', 'The appeal is about the project only; the certificate is for the pass that stands.')).toBeNull();
    expect(heldByAppeal(null, 'resit', null)).toBeNull();
  });
});
