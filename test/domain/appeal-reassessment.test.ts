// An appeal upheld for an unsound assessment: the methods assessed again, at no charge, and
// the new attempt counted in place of the flawed one, so the re-sit cap (001 §8) falls where
// it would have without the flaw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chargeFor, countedAttempt, reassessmentRefusal } from '../../src/domain/appeals/reassessment.ts';
import { combineMethodGrades } from '../../src/domain/grading/combine.ts';

const ST0071 = ['observation', 'project', 'discussion'];

describe('countedAttempt', () => {
  it('counts a re-assessment ordered on appeal in place of the attempt it replaces', () => {
    const reassessed = [{ method: 'observation', attempt: 2 }];
    expect(countedAttempt('observation', 1, reassessed)).toBe(1);
    expect(countedAttempt('observation', 2, reassessed)).toBe(1);
    // A re-sit after the re-assessment is the second attempt that counts.
    expect(countedAttempt('observation', 3, reassessed)).toBe(2);
    expect(countedAttempt('project', 2, reassessed)).toBe(2);
  });

  it('leaves a re-assessed first attempt uncapped, and a re-assessed re-sit capped (combined as a release combines them)', () => {
    const grades = { observation: 'distinction', project: 'distinction', discussion: 'distinction' } as const;
    const attempts = (observation: number) => new Map([...ST0071.map((m) => [m, 1] as const), ['observation', observation]]);
    const reassessedFirst = [{ method: 'observation', attempt: 2 }];
    const uncapped = combineMethodGrades(ST0071, grades, attempts(countedAttempt('observation', 2, reassessedFirst)), 'pass');
    expect(uncapped).toMatchObject({ overall: 'distinction', capped: false });
    // Attempt 2 was a re-sit and attempt 3 re-assesses it: still a re-sit, still capped.
    const reassessedResit = [{ method: 'observation', attempt: 3 }];
    const capped = combineMethodGrades(ST0071, grades, attempts(countedAttempt('observation', 3, reassessedResit)), 'pass');
    expect(capped).toMatchObject({ overall: 'pass', capped: true });
  });

  it('counts every attempt when nothing was re-assessed; a re-assessed attempt counts as the one before it, later ones one fewer', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 2, max: 10 }), { maxLength: 5 }), (reassessedAt) => {
        const reassessed = reassessedAt.map((attempt) => ({ method: 'project', attempt }));
        for (let attempt = 1; attempt <= 10; attempt++) {
          expect(countedAttempt('project', attempt, [])).toBe(attempt);
          // Another method's re-assessment changes nothing here.
          expect(countedAttempt('observation', attempt, reassessed)).toBe(attempt);
          if (attempt === 1) continue;
          const step = countedAttempt('project', attempt, reassessed) - countedAttempt('project', attempt - 1, reassessed);
          expect(step).toBe(reassessedAt.includes(attempt) ? 0 : 1);
        }
      }),
    );
  });
});

describe('reassessmentRefusal', () => {
  it('refuses a method the standard does not have, then one that was not assessed for the result', () => {
    expect(reassessmentRefusal(ST0071, new Set(ST0071), ['showcase'])?.code).toBe('UNKNOWN_METHOD');
    expect(reassessmentRefusal(ST0071, new Set(['observation', 'discussion']), ['project'])).toMatchObject({
      code: 'METHOD_NOT_ASSESSED',
      methods: ['project'],
    });
    expect(reassessmentRefusal(ST0071, new Set(ST0071), ['observation', 'project'])).toBeNull();
  });
});

describe('chargeFor', () => {
  it('charges a re-sit or re-take (004 Reassessment), never an appeal’s re-assessment', () => {
    expect(chargeFor('resit')).toBe('chargeable');
    expect(chargeFor('re-take')).toBe('chargeable');
    expect(chargeFor('appeal-reassessment')).toBe('none');
  });
});
