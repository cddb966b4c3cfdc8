// Rules added with casework and people, each from the documents' own words: withdrawal's
// charges (VTCT: "Cancellation … within 10 working days prior to the assessment taking place
// will incur the full cost", 000 Scheduling – Cancellation), the UKPRN, the casework chase and
// the malpractice hold on a release.
import { describe, expect, it } from 'vitest';
import { chargeDue, withdrawalCharges } from '../../src/domain/booking/withdrawal-charges.ts';
import { englandAndWalesBankHolidays } from '../../src/domain/calendar/bank-holidays.ts';
import { chaseDue } from '../../src/domain/casework/deadlines.ts';
import { ukprnProblem } from '../../src/domain/organisations/ukprn.ts';
import { malpracticeHold } from '../../src/domain/quality/malpractice.ts';
import { resolved } from '../helpers.ts';

const holidays = englandAndWalesBankHolidays();

describe('withdrawal charges (000 Scheduling – Cancellation)', () => {
  const vtct = resolved('ST0071@1.1', 'VTCT').policy?.cancellation;
  it('charges the full fee for a booking 10 working days away or nearer, and nothing for one further', () => {
    // Withdrawn on Monday 2 March 2026: the 16th is 10 working days away, the 17th 11.
    const charges = withdrawalCharges(
      vtct,
      [
        { id: 'a', method: 'observation', date: '2026-03-16' },
        { id: 'b', method: 'discussion', date: '2026-03-17' },
      ],
      '2026-03-02',
      holidays,
    );
    expect(charges.map((c) => [c.id, c.charge, c.workingDaysBefore])).toEqual([
      ['a', 'full-fee', 10],
      ['b', 'none', 11],
    ]);
    expect(charges.map(chargeDue)).toEqual(['full-fee', null]);
    expect(charges[0]?.source).toContain('000_105fd02c04a4443e.txt');
  });
  it('charges nothing where the policy sets no cancellation charge (PAL)', () => {
    const [charge] = withdrawalCharges(
      resolved('ST0071@1.2', 'PAL').policy?.cancellation,
      [{ id: 'a', method: 'project', date: '2026-03-03' }],
      '2026-03-02',
      holidays,
    );
    expect(charge && chargeDue(charge)).toBeNull();
  });
});

describe('the UKPRN (UK Register of Learning Providers)', () => {
  it('is eight digits beginning with 1', () => {
    expect(ukprnProblem('10012345')).toBeNull();
    for (const bad of ['20012345', '1001234', '100123456', '1001234a', '']) expect(ukprnProblem(bad)?.code, bad).toBe('UKPRN_INVALID');
  });
});

describe('the casework chase', () => {
  it('chases a step from 2 working days before it is due, and every day it is late', () => {
    const due = { by: '2026-12-24', late: false };
    expect(chaseDue(due, '2026-12-21', holidays)).toBe(false);
    expect(chaseDue(due, '2026-12-22', holidays)).toBe(true);
    expect(chaseDue({ by: '2026-12-24', late: true }, '2027-01-04', holidays)).toBe(true);
    expect(chaseDue(null, '2026-12-22', holidays)).toBe(false);
  });
});

describe('a malpractice case holds the release (004 Section 6 – Certification)', () => {
  it('refuses a release while a case is open, naming the case', () => {
    expect(malpracticeHold('case-1')).toMatchObject({
      code: 'MALPRACTICE_CASE_OPEN',
      caseId: 'case-1',
      source: expect.stringContaining('004_f9b9047560044387.txt'),
    });
    expect(malpracticeHold(null)).toBeNull();
  });
});
