// Where the documents disagree (seeds/INDEX.md, "Known conflicts"): found from the data,
// each with every stated value, its source and which one the engine applies.

import { overallGrade } from '../grading/overall-grade.ts';
import type { Catalogue, StandardIndex } from './catalogue.ts';
import type { GradeT, Order, Policy } from './schema.ts';

export type Conflict = {
  topic: string;
  standard: string;
  values: { value: unknown; source: string }[];
  applies: string;
};

export function findConflicts(catalogue: Catalogue): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const index of catalogue.standards.values()) {
    const policies = [...catalogue.policies.values()].filter((p) => p.standards.includes(index.standard.id));
    const order = orderConflict(index, policies);
    if (order) conflicts.push(order);
    const minimum = minimumDurationConflict(index, policies, catalogue);
    if (minimum) conflicts.push(minimum);
    conflicts.push(...questioningConflicts(index, policies));
    const resit = resitWindowConflict(index, policies);
    if (resit) conflicts.push(resit);
    conflicts.push(...gradeTableConflicts(index, policies));
  }
  return conflicts;
}

/** Pairs one order says A-before-B and another B-before-A. */
function reverses(a: Order, b: Order): boolean {
  return a.rules.some((r) => b.rules.some((s) => s.before === r.after && s.after === r.before));
}

function orderConflict(index: StandardIndex, policies: Policy[]): Conflict | null {
  const own = index.standard.order;
  const ordered = policies.filter((p) => p.order !== undefined);
  const orders: { name: string; order: Order }[] = [{ name: index.standard.id, order: own }, ...ordered.map((p) => ({ name: p.id, order: p.order as Order }))];
  const disagree = orders.some((x, i) => orders.slice(i + 1).some((y) => reverses(x.order, y.order)));
  if (!disagree) return null;
  return {
    topic: 'order of methods',
    standard: index.standard.id,
    values: orders.map(({ name, order }) => ({
      value: { by: name, sequence: order.sequence, before: order.rules.map((r) => `${r.before} before ${r.after}`) },
      source: order.source,
    })),
    applies:
      "A recommendation, shown as the warning ORDER_NOT_RECOMMENDED and never a block: the EPAO policy's preferred order where a policy is chosen, else the standard's.",
  };
}

function minimumDurationConflict(index: StandardIndex, policies: Policy[], catalogue: Catalogue): Conflict | null {
  const values: Conflict['values'] = [
    ...index.standard.statedMinimumDuration.map((m) => ({ value: m.value, source: m.source })),
    ...policies.flatMap((p) =>
      p.minimumDaysOnProgramme ? [{ value: { days: p.minimumDaysOnProgramme.value, policy: p.id }, source: p.minimumDaysOnProgramme.source }] : [],
    ),
    ...catalogue.fundingRules.minimumDuration.map((r) => ({ value: { months: r.months, startsFrom: r.from }, source: r.source })),
  ];
  const distinct = new Set(values.map((v) => JSON.stringify({ months: (v.value as { months?: number }).months, days: (v.value as { days?: number }).days })));
  if (distinct.size < 2) return null;
  return {
    topic: 'minimum time on programme',
    standard: index.standard.id,
    values,
    applies:
      'The funding rule in force on the start date (12 months for starts before 1 August 2025, 8 months from then), made stricter by an EPAO policy where it sets its own minimum (PAL: 366 days); both are checked and either unmet fails MIN_DURATION.',
  };
}

function questioningConflicts(index: StandardIndex, policies: Policy[]): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const method of index.standard.methods) {
    const limit = method.questioning;
    if (!limit?.value.maxPercentOfDuration) continue;
    const planMinutes = (method.duration.value.minutes * limit.value.maxPercentOfDuration) / 100;
    for (const policy of policies) {
      const stated = policy.questioningMaxMinutes?.[method.id];
      if (!stated || stated.value === planMinutes) continue;
      conflicts.push({
        topic: `questioning in the ${method.id}`,
        standard: index.standard.id,
        values: [
          { value: { maxPercentOfDuration: limit.value.maxPercentOfDuration, minutes: planMinutes }, source: limit.source },
          { value: { maxMinutes: stated.value, policy: policy.id }, source: stated.source },
        ],
        applies: `The assessment plan's ${limit.value.maxPercentOfDuration}% of the time allowed (${planMinutes} minutes of ${method.duration.value.minutes}).`,
      });
    }
  }
  return conflicts;
}

function resitWindowConflict(index: StandardIndex, policies: Policy[]): Conflict | null {
  const plan = index.standard.reassessment.windowMonths;
  if (plan.value === null) return null;
  const stated = policies.filter(
    (p) => p.reassessment?.typicalMonthsEach || (p.reassessment?.windowMonths && p.reassessment.windowMonths.value !== plan.value),
  );
  if (stated.length === 0) return null;
  return {
    topic: 're-sit and re-take window',
    standard: index.standard.id,
    values: [
      { value: { months: plan.value }, source: plan.source },
      ...stated.map((p) => ({
        value: { policy: p.id, typicalMonthsEach: p.reassessment?.typicalMonthsEach?.value, allMethodsWithinMonths: p.reassessment?.windowMonths?.value },
        source: p.reassessment?.typicalMonthsEach?.source ?? p.reassessment?.windowMonths?.source ?? '',
      })),
    ],
    applies: `Re-sits and re-takes within ${plan.value} months (the standard's rule); an EPAO's typical timescale is guidance.`,
  };
}

const GRADES: GradeT[] = ['fail', 'pass', 'distinction'];

/** Every combination of method grades a printed table leaves out or grades against the rule. */
function gradeTableConflicts(index: StandardIndex, policies: Policy[]): Conflict[] {
  const conflicts: Conflict[] = [];
  const methods = index.standard.methods.map((m) => m.id);
  const combinations: GradeT[][] = methods.reduce<GradeT[][]>((acc) => acc.flatMap((c) => GRADES.map((g) => [...c, g])), [[]]);
  for (const policy of policies) {
    const table = policy.overallGradeTable;
    if (!table) continue;
    const omitted: Record<string, GradeT>[] = [];
    const contradicted: { methods: Record<string, GradeT>; table: GradeT; rule: GradeT }[] = [];
    for (const combination of combinations) {
      const named = Object.fromEntries(methods.map((m, i) => [m, combination[i] as GradeT]));
      const rule = overallGrade(combination, []) as GradeT;
      const row = table.value.find((r) => methods.every((m) => r.methods[m] === 'any' || r.methods[m] === named[m]));
      if (!row) omitted.push(named);
      else if (row.overall !== rule) contradicted.push({ methods: named, table: row.overall, rule });
    }
    if (omitted.length === 0 && contradicted.length === 0) continue;
    conflicts.push({
      topic: 'overall grade table',
      standard: index.standard.id,
      values: [
        { value: 'any method failed → Fail; every method Distinction → Distinction; otherwise Pass', source: index.standard.overall.source },
        { value: { policy: policy.id, omits: omitted, contradicts: contradicted }, source: table.source },
      ],
      applies: "The rule common to every document (the assessment plan's): any method failed → Fail; every method Distinction → Distinction; otherwise Pass.",
    });
  }
  return conflicts;
}
