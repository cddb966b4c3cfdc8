import { describe, expect, it } from 'vitest';
import { buildCatalogue, type DataFile, resolve } from '../../src/domain/standards/catalogue.ts';
import { findConflicts } from '../../src/domain/standards/conflicts.ts';
import { readDataFiles } from '../../src/standards/load.ts';
import { data } from '../helpers.ts';

const files = readDataFiles().files;
const clone = <T>(value: T): T => structuredClone(value);

/** The real files with one changed by `edit`. */
// biome-ignore lint/suspicious/noExplicitAny: the edits reach into raw JSON on purpose, to break it
function withEdit(file: string, edit: (json: any) => void): DataFile[] {
  return files.map((f) => {
    if (f.file !== file) return f;
    const copy = clone(f.data);
    edit(copy);
    return { ...f, data: copy };
  });
}

describe('the catalogue', () => {
  it('loads all three standard versions and four policies', () => {
    expect([...data.standards.keys()]).toEqual(['ST0071@1.1', 'ST0071@1.2', 'ST0072@1.1']);
    expect([...data.policies.keys()].sort()).toEqual(['HIGHFIELD', 'NQUAL', 'PAL', 'VTCT']);
  });

  it('holds ST0071 KSBs as numbered in 002 (no S8) with the method of 001 Appendix A', () => {
    const st = data.standards.get('ST0071@1.2');
    expect(st?.standard.ksbs.map((k) => k.id)).toHaveLength(47);
    expect(st?.ksbs.has('S8')).toBe(false);
    expect(st?.ksbs.get('S2')?.methods).toEqual(['discussion']);
    expect(st?.ksbs.get('K11')?.methods).toEqual(['observation']);
    expect(st?.ksbs.get('K1')?.methods).toEqual(['project']);
  });

  it('gives every method of every standard KSBs that some pass criterion evidences', () => {
    for (const { standard } of data.standards.values())
      for (const method of standard.methods) {
        const evidenced = new Set(method.criteria.filter((c) => c.grade === 'pass').flatMap((c) => c.ksbs));
        for (const k of standard.ksbs.filter((k) => k.methods.includes(method.id) && k.methods.length === 1))
          expect(evidenced.has(k.id), `${standard.id} ${method.id} ${k.id}`).toBe(true);
      }
  });

  it('refuses a criterion naming an unknown KSB, a duplicate criterion, an unknown order method and a bad threshold', () => {
    const problems = (edited: DataFile[]) => buildCatalogue(edited).problems.map((p) => `${p.file} ${p.message}`);
    expect(problems(withEdit('ST0071@1.2.json', (s) => (s.methods[0].criteria[0].ksbs = ['K99'])))).toEqual([
      'ST0071@1.2.json criterion observation.P1 names unknown KSB K99',
    ]);
    expect(problems(withEdit('ST0071@1.2.json', (s) => (s.methods[0].criteria[1].id = 'observation.P1')))[0]).toContain('defined twice');
    expect(
      problems(withEdit('ST0071@1.2.json', (s) => s.order.rules.push({ before: 'showcase', after: 'project', source: '001_1e92b44f98d10fcb.txt, §5' })))[0],
    ).toContain('unknown method showcase');
    expect(problems(withEdit('ST0072@1.1.json', (s) => (s.methods[0].distinction.count = 11)))[0]).toContain('needs 11 distinction criteria');
  });

  it('refuses a field of the wrong shape and a policy for an unknown standard, building no catalogue', () => {
    const shape = buildCatalogue(withEdit('ST0071@1.2.json', (s) => (s.methods[0].duration.value.minutes = 'sixty')));
    expect(shape.catalogue).toBeUndefined();
    expect(shape.problems[0]).toMatchObject({ file: 'ST0071@1.2.json', path: 'methods.0.duration.value.minutes' });
    const policy = buildCatalogue(withEdit('policies/PAL.json', (p) => (p.standards = ['ST0071@9.9'])));
    expect(policy.problems.map((p) => p.message)).toEqual(['policy PAL is declared for unknown standard ST0071@9.9']);
    const unsourced = buildCatalogue(withEdit('policies/VTCT.json', (p) => delete p.bookingLeadWorkingDays.source));
    expect(unsourced.problems[0]?.path).toBe('bookingLeadWorkingDays.source');
  });

  it('resolves a standard with a policy only where the policy is declared for it', () => {
    expect(resolve(data, 'ST0071@1.2', 'PAL').ok).toBe(true);
    const codeOf = (s: string, p: string | null) => {
      const r = resolve(data, s, p);
      return r.ok ? 'ok' : r.problem.code;
    };
    expect(codeOf('ST0071@1.3', null)).toBe('UNKNOWN_STANDARD');
    expect(codeOf('ST0071@1.2', 'ACME')).toBe('UNKNOWN_POLICY');
    expect(codeOf('ST0071@1.2', 'HIGHFIELD')).toBe('POLICY_NOT_FOR_STANDARD');
    expect(codeOf('ST0071@1.1', 'PAL')).toBe('POLICY_NOT_FOR_STANDARD');
  });
});

describe('conflicts between the documents (seeds/INDEX.md)', () => {
  const conflicts = findConflicts(data);
  const topics = (standard: string) => conflicts.filter((c) => c.standard === standard).map((c) => c.topic);

  it('reports each known conflict with every value, its source and which applies', () => {
    expect(topics('ST0071@1.2')).toEqual([
      'order of methods',
      'minimum time on programme',
      'questioning in the observation',
      're-sit and re-take window',
      'overall grade table',
    ]);
    expect(topics('ST0071@1.1')).toEqual(['order of methods', 'minimum time on programme', 'overall grade table']);
    for (const c of conflicts) {
      expect(c.values.length).toBeGreaterThanOrEqual(2);
      for (const v of c.values) expect(v.source).toMatch(/\d{3}_[0-9a-f]{16}\.txt|funding rules/i);
      expect(c.applies.length).toBeGreaterThan(20);
    }
  });

  it("finds the combinations NQual's grade table leaves out", () => {
    const table = conflicts.find((c) => c.standard === 'ST0071@1.2' && c.topic === 'overall grade table');
    const nqual = table?.values[1]?.value as { omits: Record<string, string>[] };
    expect(nqual.omits).toEqual([
      { observation: 'pass', project: 'distinction', discussion: 'distinction' },
      { observation: 'distinction', project: 'pass', discussion: 'distinction' },
      { observation: 'distinction', project: 'distinction', discussion: 'pass' },
    ]);
  });

  it("compares PAL's 10 minutes of questioning with the plan's 15% of 60 minutes", () => {
    const q = conflicts.find((c) => c.topic === 'questioning in the observation');
    expect(q?.values.map((v) => v.value)).toEqual([
      { maxPercentOfDuration: 15, minutes: 9 },
      { maxMinutes: 10, policy: 'PAL' },
    ]);
  });
});
