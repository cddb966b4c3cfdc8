import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AssessorHistory, decideSample, draw, PLAN_SAMPLING, unusualPattern } from '../../src/domain/quality/sampling.ts';
import type { GradeT } from '../../src/domain/standards/schema.ts';

const empty = (): AssessorHistory => ({ total: 0, sampled: 0, grades: { fail: 0, pass: 0, distinction: 0 } });

/** Runs a year of results through the sampler, as they are submitted. */
function simulate(results: { id: string; assessor: string; grade: GradeT }[]) {
  const byAssessor = new Map<string, AssessorHistory>();
  const epao = empty();
  const decisions = [];
  for (const r of results) {
    const h = byAssessor.get(r.assessor) ?? empty();
    const d = decideSample(r.id, r.grade, h, epao);
    h.total++;
    h.grades[r.grade]++;
    if (d.sampled) h.sampled++;
    epao.total++;
    epao.grades[r.grade]++;
    if (d.sampled) epao.sampled++;
    byAssessor.set(r.assessor, h);
    decisions.push({ ...r, ...d });
  }
  return { byAssessor, decisions };
}

describe('IQA sampling (001, Internal Quality Assurance: at least 5% of each assessor)', () => {
  it("moderates every one of a new assessor's first five assessments", () => {
    const { decisions } = simulate(Array.from({ length: 5 }, (_, i) => ({ id: `a${i}`, assessor: 'new', grade: 'pass' as GradeT })));
    expect(decisions.every((d) => d.sampled && d.reasons.includes('new-assessor'))).toBe(true);
  });

  it('says why each sample was chosen', () => {
    const d = decideSample(
      'x',
      'pass',
      { total: 40, sampled: 1, grades: { fail: 2, pass: 30, distinction: 8 } },
      { total: 400, sampled: 30, grades: { fail: 20, pass: 300, distinction: 80 } },
    );
    expect(d.sampled).toBe(true);
    expect(d.reasons).toEqual(['minimum-share']);
    expect(d.explanation).toContain('5%');
  });

  it("weights up an assessor whose distinction rate is far above the EPAO's", () => {
    const generous: AssessorHistory = { total: 20, sampled: 5, grades: { fail: 0, pass: 8, distinction: 12 } };
    const epao: AssessorHistory = { total: 500, sampled: 40, grades: { fail: 40, pass: 400, distinction: 60 } };
    expect(unusualPattern(generous, epao)).toBe(true);
    expect(unusualPattern({ ...generous, grades: { fail: 1, pass: 16, distinction: 3 } }, epao)).toBe(false);
    const drawn = Array.from({ length: 2000 }, (_, i) => decideSample(`g${i}`, 'distinction', generous, epao)).filter((d) =>
      d.reasons.includes('unusual-grade-pattern'),
    );
    expect(drawn.length / 2000).toBeGreaterThan(0.18);
    expect(drawn.length / 2000).toBeLessThan(0.32);
  });

  it('draws deterministically from the id, uniformly enough', () => {
    expect(draw('abc')).toBe(draw('abc'));
    const mean = Array.from({ length: 5000 }, (_, i) => draw(`id-${i}`)).reduce((a, b) => a + b, 0) / 5000;
    expect(mean).toBeGreaterThan(0.47);
    expect(mean).toBeLessThan(0.53);
  });

  it('keeps at least 5% of every assessor sampled over a generated year, at every point (property)', () => {
    const year = fc.array(
      fc.record({ assessor: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), grade: fc.constantFrom<GradeT>('fail', 'pass', 'pass', 'pass', 'distinction') }),
      { minLength: 50, maxLength: 1200 },
    );
    fc.assert(
      fc.property(year, (rows) => {
        const results = rows.map((r, i) => ({ ...r, id: `y-${i}-${r.assessor}` }));
        const seen = new Map<string, { total: number; sampled: number }>();
        for (const d of simulate(results).decisions) {
          const s = seen.get(d.assessor) ?? { total: 0, sampled: 0 };
          s.total++;
          if (d.sampled) s.sampled++;
          seen.set(d.assessor, s);
          expect(s.sampled).toBeGreaterThanOrEqual(Math.ceil((PLAN_SAMPLING.minimumPercent / 100) * s.total));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('an EPAO policy may sample more, never less', () => {
  it("raises the floor to the policy's share and keeps 5% otherwise", async () => {
    const { samplingFor } = await import('../../src/domain/quality/sampling.ts');
    expect(samplingFor(null).minimumPercent).toBe(5);
    expect(samplingFor({ moderationMinimumPercent: { value: 10 } }).minimumPercent).toBe(10);
    expect(samplingFor({ moderationMinimumPercent: { value: 2 } }).minimumPercent).toBe(5);
    const policy = samplingFor({ moderationMinimumPercent: { value: 20 } });
    const history = { total: 9, sampled: 1, grades: { fail: 0, pass: 9, distinction: 0 } };
    expect(decideSample('z', 'pass', history, history, policy)).toMatchObject({ sampled: true, reasons: ['minimum-share'] });
    expect(decideSample('z', 'pass', { ...history, sampled: 2 }, history, PLAN_SAMPLING).reasons).not.toContain('minimum-share');
  });
});
