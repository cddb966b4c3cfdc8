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

/** A valid ULN built from a 9-digit stem by the LRS check-digit rule (stems whose r = 0 are skipped). */
export function validUln(stem: number): string {
  for (let n = stem; ; n++) {
    const prefix = String(n).padStart(9, '1').slice(0, 9);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(prefix[i]) * (10 - i);
    const r = sum % 11;
    if (r !== 0) return `${prefix}${10 - r}`;
  }
}
