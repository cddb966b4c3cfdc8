import { describe, expect, it } from 'vitest';
import { appealInTime } from '../../src/domain/appeals/window.ts';
import { englandAndWalesBankHolidays } from '../../src/domain/calendar/bank-holidays.ts';
import { achievementsCsv, batches, checkClaim, sameName } from '../../src/domain/certification/claim.ts';
import { moderationConflict } from '../../src/domain/quality/independence.ts';
import { planReattempt } from '../../src/domain/reassessment/reattempt.ts';
import { releaseBlockers, resultsDue } from '../../src/domain/results/release.ts';
import { data, resolved } from '../helpers.ts';

const holidays = englandAndWalesBankHolidays();
const st0071 = resolved('ST0071@1.2').index.standard;
const st0072 = resolved('ST0072@1.1').index.standard;

describe('releasing results (001 §8: not confirmed before moderation)', () => {
  const all = (moderation: 'pending' | 'agreed' | 'signed-off') =>
    ['observation', 'project', 'discussion'].map((method) => ({ method, submitted: true, moderation }));
  it('blocks a result while any method waits for its moderation decision', () => {
    expect(releaseBlockers(st0071, all('pending')).map((f) => f.code)).toEqual(['MODERATION_PENDING']);
    expect(releaseBlockers(st0071, [...all('signed-off').slice(0, 2), { method: 'discussion', submitted: true, moderation: 'pending' }])[0]).toMatchObject({
      methods: ['discussion'],
    });
    expect(releaseBlockers(st0071, all('agreed'))).toEqual([]);
    expect(releaseBlockers(st0071, all('signed-off'))).toEqual([]);
  });
  it('blocks a result with a method not yet graded', () => {
    expect(releaseBlockers(st0071, all('agreed').slice(0, 2)).map((f) => f.code)).toEqual(['METHOD_NOT_GRADED']);
  });
  it("tracks NQual's 10 working days from the final assessment (002 EPA Timescale)", () => {
    expect(resultsDue(data.policies.get('NQUAL') ?? null, '2026-03-27', holidays)).toMatchObject({ due: '2026-04-14' }); // Easter skipped
    expect(resultsDue(null, '2026-03-27', holidays)).toBeNull();
  });
});

describe('re-sits and re-takes (001 §8; 004 Section 3; 003)', () => {
  const request = {
    method: 'observation',
    kind: 'resit' as const,
    latestGrade: 'fail' as const,
    latestAttempt: 1,
    firstFailedOn: '2026-03-02',
    plannedOn: '2026-05-01',
  };
  it('plans the next attempt, capped at pass, within 12 months', () => {
    const { findings, plan } = planReattempt(st0071, null, request);
    expect(findings).toEqual([]);
    expect(plan).toMatchObject({ attempt: 2, cap: 'pass', windowEnds: '2027-03-02', needsGateway: false });
    expect(plan.requirements.join(' ')).toMatch(/further observation/i);
  });
  it('refuses to re-sit a pass, or after the window', () => {
    expect(planReattempt(st0071, null, { ...request, latestGrade: 'pass' }).findings.map((f) => f.code)).toEqual(['PASS_CANNOT_BE_RETAKEN']);
    expect(planReattempt(st0071, null, { ...request, plannedOn: '2027-03-03' }).findings.map((f) => f.code)).toEqual(['REASSESSMENT_WINDOW_PASSED']);
  });
  it('sends a re-take back through gateway', () => {
    expect(planReattempt(st0071, null, { ...request, kind: 're-take' }).plan.needsGateway).toBe(true);
  });
  it('ST0072: no cap, in full, and the observation offers the 30-minute discussion follow-up', () => {
    const { plan } = planReattempt(st0072, null, request);
    expect(plan.cap).toBeNull();
    expect(plan.requirements[0]).toContain('in full');
    expect(plan.requirements.join(' ')).toContain('professional discussion follow-up of 30 minutes');
  });
});

describe('certificate claims (004 Section 6)', () => {
  const record = { uln: '1234567899', givenNames: 'Ada', familyName: "O'Neill-Smith" };
  it('accepts a matching claim for a pass or distinction', () => {
    expect(checkClaim({ overall: 'distinction', record, claim: { ...record, familyName: "o'neill - smith" } })).toEqual([]);
    expect(sameName('Zoë  Ball', 'zoë ball')).toBe(true);
  });
  it('refuses the common causes of rejection: name, ULN, temporary ULN, grade', () => {
    const codes = (overall: string, claim: typeof record, rec = record) => checkClaim({ overall, record: rec, claim }).map((f) => f.code);
    expect(codes('pass', { ...record, familyName: 'Oneill' })).toEqual(['CLAIM_NAME_MISMATCH']);
    expect(codes('pass', { ...record, uln: '1234567890' })).toEqual(['CLAIM_ULN_MISMATCH']);
    expect(codes('pass', { ...record, uln: '9999999999' }, { ...record, uln: '9999999999' })).toEqual(['ULN_TEMPORARY']);
    expect(codes('fail', record)).toEqual(['GRADE_NOT_ACHIEVED']);
  });
  it('batches the export by the service limit of 25 and writes CSV', () => {
    const rows = Array.from({ length: 60 }, (_, i) => i);
    expect(batches(rows).map((b) => b.length)).toEqual([25, 25, 10]);
    expect(() => batches(rows, 0)).toThrow();
    expect(
      achievementsCsv([
        { uln: '1234567899', familyName: 'Smith, Jr', standardCode: 'ST0071', standardVersion: '1.2', grade: 'pass', achievementDate: '2026-04-01' },
      ]),
    ).toBe('uln,family_name,standard_code,standard_version,grade,achievement_date\r\n1234567899,"Smith, Jr",ST0071,1.2,pass,2026-04-01\r\n');
  });
});

describe('independence of moderation and appeals (001 IQA; 004 Section 6)', () => {
  it('nobody moderates their own assessment', () => {
    expect(moderationConflict('u1', 'u1')?.code).toBe('OWN_ASSESSMENT');
    expect(moderationConflict('u2', 'u1')).toBeNull();
  });
  it('counts the appeal window in working days', () => {
    const window = { workingDays: 10, source: 'EPAO setting' };
    expect(appealInTime('2026-03-27', '2026-04-14', window, holidays)).toBeNull();
    expect(appealInTime('2026-03-27', '2026-04-15', window, holidays)?.code).toBe('APPEAL_OUT_OF_TIME');
  });
});

describe('malpractice cases (Ofqual General Condition A8; 004 Section 6)', () => {
  it('are never decided by the person they concern, and suspend only the assessor an upheld case names', async () => {
    const { caseDeciderConflict, suspensionRefusal } = await import('../../src/domain/quality/malpractice.ts');
    expect(caseDeciderConflict('u1', 'u1')?.code).toBe('MALPRACTICE_DECIDER_CONCERNED');
    expect(caseDeciderConflict('u2', 'u1')).toBeNull();
    expect(caseDeciderConflict('u2', null)).toBeNull();
    expect(suspensionRefusal(true, 'assessor', true)).toBeNull();
    expect(suspensionRefusal(false, 'assessor', true)?.message).toContain('dismissed');
    expect(suspensionRefusal(true, 'apprentice', false)?.code).toBe('SANCTION_NOT_OPEN');
    expect(suspensionRefusal(true, 'assessor', false)?.code).toBe('SANCTION_NOT_OPEN');
  });
});
