import { type Resolved, resolve } from '../src/domain/standards/catalogue.ts';
import { catalogue } from '../src/standards/load.ts';

export const data = catalogue();

export function resolved(standard: string, policy: string | null = null): Resolved {
  const r = resolve(data, standard, policy);
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}

export function criteriaOf(standard: string, method: string, grade: 'pass' | 'distinction'): string[] {
  const m = resolved(standard).index.methods.get(method);
  if (!m) throw new Error(`no method ${method}`);
  return m.criteria.filter((c) => c.grade === grade).map((c) => c.id);
}
