// What Capstone sends the DfE Assessor Service, and what it holds back
// (shared/interop/dfe-assessor-external-api.md; domain/dfe/*).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epaOutcomes } from '../../src/domain/dfe/outcomes.ts';
import { isUkPostcode, normalisePostcode } from '../../src/domain/dfe/postcode.ts';
import { certificateItem, certificateProblems, type DfeLearner, epaItem, epaProblems, type PostalContact, submitItem } from '../../src/domain/dfe/requests.ts';
import { certificateNotBefore } from '../../src/domain/dfe/wait.ts';
import { courseOptionProblem } from '../../src/domain/standards/course-options.ts';

const noHolidays = { isBankHoliday: () => false };
const learner: DfeLearner = { uln: '1234567890', familyName: 'Walker', standardReference: 'ST0071', larsCode: 278, version: '1.2', courseOption: null };
const contact: PostalContact = {
  contactName: 'Sam Harbour',
  organisation: 'Harbour Energy',
  addressLine1: '1 Quay Street',
  city: 'Leeds',
  postCode: 'LS1 4AP',
};
const result = (finalAssessmentOn: string, overall: 'pass' | 'distinction' | 'fail', status = 'released') => ({
  finalAssessmentOn,
  releasedOn: finalAssessmentOn,
  overall,
  status,
});

describe('epaOutcomes', () => {
  it('tells a fail, then a re-sit passed, flagged as a re-sit', () => {
    const epas = epaOutcomes([result('2026-03-18', 'fail', 'superseded'), result('2026-05-12', 'pass')], [{ kind: 'resit', plannedOn: '2026-05-12' }], null);
    expect(epas).toEqual([
      { epaDate: '2026-03-18', epaOutcome: 'Fail' },
      { epaDate: '2026-05-12', epaOutcome: 'Pass', resit: true },
    ]);
  });

  it('flags a re-take, never an appeal’s re-assessment, and ends with a withdrawal', () => {
    expect(epaOutcomes([result('2026-03-18', 'fail'), result('2026-09-01', 'pass')], [{ kind: 're-take', plannedOn: '2026-08-30' }], null)[1]).toEqual({
      epaDate: '2026-09-01',
      epaOutcome: 'Pass',
      retake: true,
    });
    expect(epaOutcomes([result('2026-03-18', 'pass')], [{ kind: 'appeal-reassessment', plannedOn: '2026-04-01' }], null)).toEqual([
      { epaDate: '2026-03-18', epaOutcome: 'Pass' },
    ]);
    expect(epaOutcomes([result('2026-03-18', 'fail')], [], '2026-04-02').at(-1)).toEqual({ epaDate: '2026-04-02', epaOutcome: 'Withdrawn' });
  });

  it('tells a regraded result once, with its later grade; a cancelled result not at all', () => {
    const regraded = [result('2026-03-18', 'fail', 'superseded'), { ...result('2026-03-18', 'pass'), releasedOn: '2026-04-10' }];
    expect(epaOutcomes(regraded, [], null)).toEqual([{ epaDate: '2026-03-18', epaOutcome: 'Pass' }]);
    expect(epaOutcomes([result('2026-03-18', 'pass', 'cancelled')], [], null)).toEqual([]);
    // Set aside for a re-assessment: no outcome until the new result; then both days are told.
    expect(epaOutcomes([result('2026-03-18', 'pass', 'superseded')], [{ kind: 'appeal-reassessment', plannedOn: '2026-04-01' }], null)).toEqual([]);
    expect(
      epaOutcomes(
        [result('2026-03-18', 'pass', 'superseded'), result('2026-04-29', 'distinction')],
        [{ kind: 'appeal-reassessment', plannedOn: '2026-04-01' }],
        null,
      ),
    ).toEqual([
      { epaDate: '2026-03-18', epaOutcome: 'Pass' },
      { epaDate: '2026-04-29', epaOutcome: 'Pass' },
    ]);
  });

  it('never tells more outcomes than results plus a withdrawal, oldest first', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ day: fc.integer({ min: 1, max: 28 }), overall: fc.constantFrom('pass', 'fail', 'distinction') as fc.Arbitrary<'pass' | 'fail'> }),
          { maxLength: 6 },
        ),
        (rs) => {
          const epas = epaOutcomes(
            rs.map((r) => result(`2026-03-${String(r.day).padStart(2, '0')}`, r.overall)),
            [],
            null,
          );
          expect(epas.length).toBeLessThanOrEqual(rs.length);
          expect(epas.map((e) => e.epaDate)).toEqual([...epas.map((e) => e.epaDate)].sort());
        },
      ),
    );
  });
});

describe('the items and their checks', () => {
  it('builds the EPA, certificate and submit items in the API’s own fields', () => {
    expect(epaItem('r1', learner, [{ epaDate: '2026-03-18', epaOutcome: 'Pass' }], null)).toEqual({
      requestId: 'r1',
      standard: { standardCode: 278, standardReference: 'ST0071' },
      learner: { uln: 1234567890, familyName: 'Walker' },
      learningDetails: { version: '1.2' },
      epaDetails: { epas: [{ epaDate: '2026-03-18', epaOutcome: 'Pass' }] },
    });
    expect(epaItem('r1', learner, [], 'EPA123').epaReference).toBe('EPA123');
    const cert = certificateItem('r2', learner, 'Distinction', '2026-04-01', contact, null);
    expect(cert.learningDetails).toEqual({ version: '1.2', overallGrade: 'Distinction', achievementDate: '2026-04-01' });
    expect(cert).not.toHaveProperty('certificateReference');
    expect(submitItem('r3', learner, '00012345')).toEqual({
      requestId: 'r3',
      uln: 1234567890,
      standardCode: 278,
      standardReference: 'ST0071',
      familyName: 'Walker',
      certificateReference: '00012345',
    });
  });

  it('holds back what the API would refuse: the temporary ULN, a future date, a postal contact it cannot post to', () => {
    expect(epaProblems({ ...learner, uln: '9999999999' }, [{ epaDate: '2026-03-18', epaOutcome: 'Pass' }], '2026-04-01').map((p) => p.code)).toEqual([
      'DFE_TEMPORARY_ULN',
    ]);
    expect(epaProblems(learner, [{ epaDate: '2026-04-02', epaOutcome: 'Pass' }], '2026-04-01').map((p) => p.code)).toEqual(['DFE_DATE_IN_FUTURE']);
    expect(epaProblems(learner, [{ epaDate: '2016-12-31', epaOutcome: 'Fail' }], '2026-04-01').map((p) => p.code)).toEqual(['DFE_DATE_TOO_EARLY']);
    expect(epaProblems(learner, [], '2026-04-01').map((p) => p.code)).toEqual(['DFE_NO_OUTCOME']);
    expect(certificateProblems(learner, '2026-04-01', null, '2026-04-01').map((p) => p.code)).toEqual(['DFE_POSTAL_CONTACT_MISSING']);
    expect(certificateProblems(learner, '2026-04-01', { ...contact, postCode: 'LS1', city: ' ' }, '2026-04-01').map((p) => p.code)).toEqual([
      'DFE_POSTAL_CONTACT_INCOMPLETE',
      'DFE_POSTCODE_INVALID',
    ]);
    expect(certificateProblems(learner, '2026-04-01', contact, '2026-04-01')).toEqual([]);
  });
});

describe('postcodes', () => {
  it('knows a UK postcode, and writes it as Royal Mail does', () => {
    for (const p of ['LS1 4AP', 'ls14ap', 'SW1A 1AA', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'GIR 0AA']) expect(isUkPostcode(p)).toBe(true);
    for (const p of ['LS1', '12345', 'LS1 4A', 'Q1 1AA1', '']) expect(isUkPostcode(p)).toBe(false);
    expect(normalisePostcode(' ls14ap ')).toBe('LS1 4AP');
    expect(normalisePostcode('not one')).toBe('not one');
  });
});

describe('certificateNotBefore', () => {
  const wait = { appealWindowWorkingDays: 20, topGradeCalendarDays: 7, source: 'test' };
  it('waits out the appeal window for a pass, and a week for a distinction', () => {
    // Released Monday 2 March 2026: the 20th working day after is Monday 30 March.
    expect(certificateNotBefore('2026-03-02', 'pass', wait, noHolidays)).toBe('2026-03-31');
    expect(certificateNotBefore('2026-03-02', 'distinction', wait, noHolidays)).toBe('2026-03-09');
  });
});

describe('courseOptionProblem', () => {
  it('asks for one of a version’s options where it has them, and for none where it has none', () => {
    const pathways = ['Retail', 'Hospitality'];
    expect(courseOptionProblem(pathways, 'Retail')).toBeNull();
    expect(courseOptionProblem(pathways, undefined)?.code).toBe('COURSE_OPTION_REQUIRED');
    expect(courseOptionProblem(pathways, 'retail')?.code).toBe('UNKNOWN_COURSE_OPTION');
    expect(courseOptionProblem(undefined, 'Retail')?.code).toBe('COURSE_OPTION_NOT_OFFERED');
    expect(courseOptionProblem(undefined, null)).toBeNull();
  });
});
