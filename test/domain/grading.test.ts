import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeEpa } from '../../src/domain/grading/grade-epa.ts';
import { GradeInput, type GradeRequest } from '../../src/domain/grading/input.ts';
import { overallGrade } from '../../src/domain/grading/overall-grade.ts';
import type { GradeT } from '../../src/domain/standards/schema.ts';
import { criteriaOf, resolved } from '../helpers.ts';

type Methods = Record<string, { met?: string[]; notEvidenced?: string[]; attempt?: number }>;

function grade(standard: string, methods: Methods, extra: Partial<{ exceptionalCircumstances: boolean; channel: string }> = {}) {
  const request: GradeRequest = GradeInput.parse({
    standard,
    methods,
    exceptionalCircumstances: extra.exceptionalCircumstances ?? false,
    context: extra.channel ? { channel: extra.channel } : {},
  });
  const result = gradeEpa(resolved(standard).index, request);
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}

const ST0071 = 'ST0071@1.2';
const pass = (m: string, s = ST0071) => criteriaOf(s, m, 'pass');
const dist = (m: string, s = ST0071) => criteriaOf(s, m, 'distinction');
const all = (m: string, s = ST0071) => [...pass(m, s), ...dist(m, s)];

describe('the overall grade (001 §8; 000 and 002 grade tables)', () => {
  const G: GradeT[] = ['fail', 'pass', 'distinction'];
  it('gives every one of the 27 combinations the rule: any fail → fail, all distinction → distinction, else pass', () => {
    for (const a of G)
      for (const b of G)
        for (const c of G) {
          const expected = [a, b, c].includes('fail') ? 'fail' : a === 'distinction' && b === 'distinction' && c === 'distinction' ? 'distinction' : 'pass';
          expect(overallGrade([a, b, c], []), `${a} ${b} ${c}`).toBe(expected);
        }
  });

  it("agrees with every row NQual's table does print (002, Assessment Grading Breakdown)", () => {
    const rows: [GradeT, GradeT, GradeT, GradeT][] = [
      ['pass', 'pass', 'pass', 'pass'],
      ['pass', 'pass', 'distinction', 'pass'],
      ['pass', 'distinction', 'pass', 'pass'],
      ['distinction', 'pass', 'pass', 'pass'],
      ['distinction', 'distinction', 'distinction', 'distinction'],
    ];
    for (const [a, b, c, overall] of rows) expect(overallGrade([a, b, c], [])).toBe(overall);
  });

  it("grades the combinations NQual's table omits by the rule (two distinctions and a pass → pass)", () => {
    expect(overallGrade(['distinction', 'distinction', 'pass'], [])).toBe('pass');
    expect(overallGrade(['pass', 'distinction', 'distinction'], [])).toBe('pass');
  });

  it('is incomplete while a method is missing', () => {
    expect(overallGrade(['distinction', 'distinction'], ['project'])).toBe('incomplete');
  });
});

describe('ST0071 method grades (001 Appendix B; 004 Tables 2–4)', () => {
  it('has the numbering of the plan and PAL: observation P1–P20 D1–D2, project P1–P16 D1–D9, discussion P1–P12 D1–D2 (v1.2)', () => {
    expect(pass('observation')).toHaveLength(20);
    expect(dist('observation')).toEqual(['observation.D1', 'observation.D2']);
    expect(pass('project')).toHaveLength(16);
    expect(dist('project')).toHaveLength(9);
    expect(pass('discussion')).toHaveLength(12);
    expect(dist('discussion')).toEqual(['discussion.D1', 'discussion.D2']);
    expect(dist('discussion', 'ST0071@1.1')).toEqual(['discussion.D1', 'discussion.D2', 'discussion.D3']);
  });

  it('passes with every pass criterion met and no distinction criterion', () => {
    const r = grade(ST0071, { observation: { met: pass('observation') }, project: { met: pass('project') }, discussion: { met: pass('discussion') } });
    expect(r.overall).toBe('pass');
    expect(r.methods.observation).toEqual({ grade: 'pass', unmetPass: [], distinctionMet: [], distinctionRequired: 2, carriedOver: [] });
    expect(r.methods.project?.distinctionRequired).toBe(9);
    expect(r.capped).toBe(false);
  });

  it('fails a method with one pass criterion unmet, and the EPA with it', () => {
    const r = grade(ST0071, {
      observation: { met: [...all('observation')].filter((c) => c !== 'observation.P7') },
      project: { met: all('project') },
      discussion: { met: all('discussion') },
    });
    expect(r.methods.observation?.grade).toBe('fail');
    expect(r.methods.observation?.unmetPass).toEqual(['observation.P7']);
    expect(r.overall).toBe('fail');
  });

  it('needs all distinction criteria, not most (001 §8: "all pass and distinction criteria")', () => {
    const r = grade(ST0071, {
      observation: { met: [...pass('observation'), 'observation.D1'] },
      project: { met: all('project') },
      discussion: { met: all('discussion') },
    });
    expect(r.methods.observation?.grade).toBe('pass');
    expect(r.methods.project?.grade).toBe('distinction');
    expect(r.overall).toBe('pass');
  });

  it('gives a distinction overall only when every method is a distinction', () => {
    const r = grade(ST0071, { observation: { met: all('observation') }, project: { met: all('project') }, discussion: { met: all('discussion') } });
    expect(r.overall).toBe('distinction');
  });

  it('in v1.1 the professional discussion needs three distinction criteria, professional image among them (000; 004 revision history)', () => {
    const v11 = 'ST0071@1.1';
    const withoutImage = [...pass('discussion', v11), 'discussion.D1', 'discussion.D3'];
    expect(grade(v11, { discussion: { met: withoutImage } }).methods.discussion?.grade).toBe('pass');
    expect(grade(v11, { discussion: { met: all('discussion', v11) } }).methods.discussion?.grade).toBe('distinction');
  });

  it('is incomplete with a method missing, listing it', () => {
    const r = grade(ST0071, { observation: { met: all('observation') }, discussion: { met: all('discussion') } });
    expect(r.overall).toBe('incomplete');
    expect(r.missing).toEqual(['project']);
  });
});

describe('the re-sit and re-take cap (001 §8; 004 Capping)', () => {
  const distinctions = (attempt: number) => ({
    observation: { met: all('observation'), attempt },
    project: { met: all('project') },
    discussion: { met: all('discussion') },
  });

  it('caps a re-sat method and the overall grade at pass', () => {
    const r = grade(ST0071, distinctions(2));
    expect(r.methods.observation?.grade).toBe('pass');
    expect(r.methods.project?.grade).toBe('distinction');
    expect(r.overall).toBe('pass');
    expect(r.capped).toBe(true);
  });

  it('lifts the cap when exceptional circumstances are recorded', () => {
    const r = grade(ST0071, distinctions(3), { exceptionalCircumstances: true });
    expect(r.overall).toBe('distinction');
    expect(r.capped).toBe(false);
  });

  it('reports capped only when the cap lowered a grade', () => {
    const r = grade(ST0071, {
      observation: { met: pass('observation'), attempt: 2 },
      project: { met: pass('project') },
      discussion: { met: pass('discussion') },
    });
    expect(r.overall).toBe('pass');
    expect(r.capped).toBe(false);
  });

  it('does not cap ST0072: the Highfield kit sets no cap', () => {
    const s = 'ST0072@1.1';
    const r = grade(
      s,
      { showcase: { met: all('showcase', s), attempt: 2 }, observation: { met: all('observation', s) }, discussion: { met: all('discussion', s) } },
      { channel: 'both' },
    );
    expect(r.overall).toBe('distinction');
    expect(r.capped).toBe(false);
  });
});

describe('ST0072 (003, Assessment summary): at least N of the distinction criteria', () => {
  const s = 'ST0072@1.1';
  const cases: [string, number, number][] = [
    ['showcase', 7, 10],
    ['observation', 4, 5],
    ['discussion', 3, 4],
  ];
  for (const [method, needed, of] of cases) {
    it(`${method}: ${needed} of ${of} is a distinction, ${needed - 1} is a pass`, () => {
      expect(dist(method, s)).toHaveLength(of);
      const at = grade(s, { [method]: { met: [...pass(method, s), ...dist(method, s).slice(0, needed)] } }, { channel: 'both' });
      expect(at.methods[method]?.grade).toBe('distinction');
      expect(at.methods[method]?.distinctionRequired).toBe(needed);
      const below = grade(s, { [method]: { met: [...pass(method, s), ...dist(method, s).slice(0, needed - 1)] } }, { channel: 'both' });
      expect(below.methods[method]?.grade).toBe('pass');
    });
  }

  it('applies criteria by channel: a non-facing apprentice is not judged on face-to-face criteria', () => {
    const nonFacing = pass('observation', s).filter((c) => !['S9.1', 'S9.2', 'S9.3'].includes(c));
    expect(grade(s, { observation: { met: nonFacing } }, { channel: 'non-facing' }).methods.observation?.grade).toBe('pass');
    const r = grade(s, { observation: { met: nonFacing } }, { channel: 'both' });
    expect(r.methods.observation?.grade).toBe('fail');
    expect(r.methods.observation?.unmetPass).toEqual(['S9.1', 'S9.2', 'S9.3']);
    expect(grade(s, { observation: { met: nonFacing } }, { channel: 'face-to-face' }).methods.observation?.unmetPass).toEqual(['S9.1', 'S9.2', 'S9.3']);
  });

  it('carries an observation criterion not evidenced to the discussion, not one attempted and failed (003, Practical observation)', () => {
    const observed = pass('observation', s).filter((c) => c !== 'B16.2');
    const carried = grade(
      s,
      { observation: { met: observed, notEvidenced: ['B16.2'] }, discussion: { met: [...pass('discussion', s), 'B16.2'] } },
      { channel: 'both' },
    );
    expect(carried.methods.observation?.grade).toBe('pass');
    expect(carried.methods.observation?.carriedOver).toEqual(['B16.2']);
    expect(carried.methods.discussion?.grade).toBe('pass');
    const attempted = grade(s, { observation: { met: observed }, discussion: { met: [...pass('discussion', s), 'B16.2'] } }, { channel: 'both' });
    expect(attempted.methods.observation?.grade).toBe('fail');
    expect(attempted.methods.observation?.carriedOver).toEqual([]);
  });
});

describe('bad grading requests are problems, not grades', () => {
  const problemOf = (standard: string, methods: Methods, channel?: string) => {
    const request = GradeInput.parse({ standard, methods, context: channel ? { channel } : {} });
    const r = gradeEpa(resolved(standard).index, request);
    return r.ok ? null : r.problem.code;
  };
  it('names unknown methods and criteria, criteria under the wrong method, and a missing channel', () => {
    expect(problemOf(ST0071, { showcase: { met: [] } })).toBe('UNKNOWN_METHOD');
    expect(problemOf(ST0071, { observation: { met: ['observation.P99'] } })).toBe('UNKNOWN_CRITERION');
    expect(problemOf(ST0071, { observation: { met: ['project.P1'] } })).toBe('CRITERION_WRONG_METHOD');
    expect(problemOf(ST0071, { discussion: { met: ['observation.P1'] } })).toBe('CRITERION_WRONG_METHOD');
    expect(problemOf(ST0071, { observation: { notEvidenced: ['project.P1'] } })).toBe('CRITERION_WRONG_METHOD');
    expect(problemOf(ST0071, { observation: { met: ['observation.P1'], notEvidenced: ['observation.P1'] } })).toBe('CONFLICTING_JUDGEMENT');
    expect(problemOf('ST0072@1.1', { observation: { met: [] } })).toBe('CHANNEL_REQUIRED');
    expect(problemOf('ST0072@1.1', { discussion: { met: ['S8.1'] } }, 'both')).toBeNull();
    expect(problemOf('ST0072@1.1', { observation: { met: ['K1.1'] } }, 'both')).toBe('CRITERION_WRONG_METHOD');
  });
});

describe('grading invariants (properties)', () => {
  const standards = ['ST0071@1.1', 'ST0071@1.2', 'ST0072@1.1'];
  const rank: Record<string, number> = { incomplete: -1, fail: 0, pass: 1, distinction: 2 };

  const arbitraryCase = fc.constantFrom(...standards).chain((standard) => {
    const { index } = resolved(standard);
    const methods = index.standard.methods;
    return fc.record({
      standard: fc.constant(standard),
      channel: fc.constantFrom('face-to-face', 'non-facing', 'both'),
      met: fc.tuple(...methods.map((m) => fc.subarray(m.criteria.map((c) => c.id)))),
      extra: fc.tuple(...methods.map((m) => fc.subarray(m.criteria.map((c) => c.id)))),
    });
  });

  it('meeting more criteria never lowers an uncapped grade', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ standard, channel, met, extra }) => {
        const ids = resolved(standard).index.standard.methods.map((m) => m.id);
        const fewer = Object.fromEntries(ids.map((id, i) => [id, { met: met[i] ?? [] }]));
        const more = Object.fromEntries(ids.map((id, i) => [id, { met: [...new Set([...(met[i] ?? []), ...(extra[i] ?? [])])] }]));
        const a = grade(standard, fewer, { channel });
        const b = grade(standard, more, { channel });
        expect(rank[b.overall]).toBeGreaterThanOrEqual(rank[a.overall] as number);
        for (const id of ids) expect(rank[b.methods[id]?.grade as string]).toBeGreaterThanOrEqual(rank[a.methods[id]?.grade as string] as number);
      }),
      { numRuns: 300 },
    );
  });

  it('a distinction implies every applicable pass criterion met', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ standard, channel, met }) => {
        const methods = resolved(standard).index.standard.methods;
        const request = Object.fromEntries(methods.map((m, i) => [m.id, { met: met[i] ?? [] }]));
        const r = grade(standard, request, { channel });
        methods.forEach((m, i) => {
          const result = r.methods[m.id];
          if (result?.grade !== 'distinction') return;
          expect(result.unmetPass).toEqual([]);
          const applicable = m.criteria.filter((c) => c.grade === 'pass' && (c.channel === undefined || channel === 'both' || c.channel === channel));
          for (const c of applicable) expect(met[i]).toContain(c.id);
        });
        if (r.overall === 'distinction') for (const m of methods) expect(r.methods[m.id]?.grade).toBe('distinction');
      }),
      { numRuns: 300 },
    );
  });

  it('a capped grade is never above pass and never above the uncapped grade', () => {
    fc.assert(
      fc.property(arbitraryCase, fc.integer({ min: 1, max: 4 }), ({ standard, channel, met }, attempt) => {
        const methods = resolved(standard).index.standard.methods;
        const first = Object.fromEntries(methods.map((m, i) => [m.id, { met: met[i] ?? [] }]));
        const again = Object.fromEntries(methods.map((m, i) => [m.id, { met: met[i] ?? [], attempt: i === 0 ? attempt : 1 }]));
        const a = grade(standard, first, { channel });
        const b = grade(standard, again, { channel });
        expect(rank[b.overall]).toBeLessThanOrEqual(rank[a.overall] as number);
        const capApplies = attempt >= 2 && resolved(standard).index.standard.reassessment.cap.value === 'pass';
        if (capApplies) expect(b.overall).not.toBe('distinction');
        const reattempted = methods[0]?.id as string;
        expect(b.capped).toBe(capApplies && (a.overall === 'distinction' || a.methods[reattempted]?.grade === 'distinction'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('carry-over respects the channel', () => {
  it('does not carry a non-facing criterion for a face-to-face apprentice', () => {
    const s = 'ST0072@1.1';
    const met = pass('observation', s).filter((c) => c !== 'S9.4');
    const r = grade(s, { observation: { met, notEvidenced: ['S9.4'] }, discussion: { met: [...pass('discussion', s), 'S9.4'] } }, { channel: 'face-to-face' });
    expect(r.methods.observation?.carriedOver).toEqual([]);
    expect(r.methods.observation?.grade).toBe('pass');
  });
});

describe('combining decided method grades (001 §8; 004 Capping)', () => {
  const methods = ['observation', 'project', 'discussion'];
  it('applies the overall rule, capping a re-attempted method and the overall grade', async () => {
    const { combineMethodGrades } = await import('../../src/domain/grading/combine.ts');
    const all = { observation: 'distinction', project: 'distinction', discussion: 'distinction' } as const;
    expect(combineMethodGrades(methods, all, new Map(), 'pass')).toMatchObject({ overall: 'distinction', capped: false });
    expect(combineMethodGrades(methods, all, new Map([['project', 2]]), 'pass')).toMatchObject({
      overall: 'pass',
      capped: true,
      grades: { project: 'pass', observation: 'distinction' },
    });
    expect(combineMethodGrades(methods, all, new Map([['project', 2]]), null)).toMatchObject({ overall: 'distinction', capped: false });
    expect(combineMethodGrades(methods, { observation: 'fail', project: 'pass' }, new Map(), 'pass')).toMatchObject({
      overall: 'incomplete',
      missing: ['discussion'],
    });
  });
});
