// The soft cost of cost.ts as MILP terms over the placement columns: each record's days to
// completion (the latest of its fixed and placed days), the recommended pairs its dates
// reverse (orderWarning: both dated and the first later than the second; one day is not
// reversed), the assessors it meets beyond one, and each assessor's load above the fair
// share. The unplaced, travel and preferred terms are the columns' own costs (milp-model.ts).
import type { Problem } from '../../src/domain/scheduling/problem.ts';
import { type Column, type Lp, ones, type Term } from './milp-lp.ts';

type Record = Problem['records'][number];

/**
 * The days to completion as a staircase: z_d ≥ "some item of the record is placed on day d
 * or later", each z_d paying the days between d and the day before it (or the latest fixed
 * booking, which is paid in any case). Tighter than "L ≥ each item's day" once relaxed.
 */
function completionRows(lp: Lp, record: Record, r: number) {
  const { problem } = lp;
  const weight = problem.instance.weights.completionDay;
  const fixed = record.fixedDays.length > 0;
  const floor = fixed ? Math.max(...record.fixedDays) : record.gatewayDay;
  if (floor < record.gatewayDay) lp.warnings.push(`record ${record.data.id}: a fixed booking before gateway (a negative completion is not modelled)`);
  if (fixed) lp.constant += (floor - record.gatewayDay) * weight;
  const withColumns = record.items.filter((i) => (lp.byItem.get(i) ?? []).length > 0);
  const nDays = problem.days.length;
  for (let d = 0; d < nDays; d++) {
    const dn = problem.dayNumbers[d] as number;
    if (!fixed && dn < record.gatewayDay && withColumns.some((i) => lp.onDay(i, d).length > 0))
      lp.warnings.push(`record ${record.data.id}: a day before gateway is allowed (a negative completion is not modelled)`);
    const step = Math.max(0, dn - Math.max(d > 0 ? (problem.dayNumbers[d - 1] as number) : Number.NEGATIVE_INFINITY, floor));
    if (step === 0 || weight === 0) continue;
    const z = `Z${r}_${d}`;
    let used = false;
    for (const i of withColumns) {
      const later = Array.from({ length: nDays - d }, (_, k) => d + k).flatMap((d2) => lp.onDay(i, d2));
      if (later.length === 0) continue;
      used = true;
      lp.row([[1, z], ...ones(later, -1)], '>=', 0);
    }
    if (!used) continue;
    lp.objective.push([step * weight, z]);
    // A whole number at the optimum anyway: branching on "the record ends on day d or later" settles more than on one placement.
    lp.binaries.push(z);
  }
}

/** R ≥ 1 when the dates reverse a recommended pair: its `before` method on a later day than its `after` one. */
function orderRows(lp: Lp, record: Record, r: number) {
  const { problem } = lp;
  const weight = problem.instance.weights.order;
  const itemOf = new Map(record.items.map((i) => [problem.items[i]?.method as string, i]));
  const fixedDay = new Map(record.fixed.map((f, n) => [f.method, record.fixedDays[n] as number]));
  for (const m of itemOf.keys())
    if (fixedDay.has(m)) lp.warnings.push(`record ${record.data.id}: ${m} is both fixed and to place (the order term is not modelled for it)`);
  const nDays = problem.days.length;
  const days = (item: number, keep: (dayNumber: number) => boolean) =>
    Array.from({ length: nDays }, (_, d) => d)
      .filter((d) => keep(problem.dayNumbers[d] as number))
      .flatMap((d) => lp.onDay(item, d));
  record.order.rules.forEach((rule, n) => {
    const R = `R${r}_${n}`;
    const [b, c] = [itemOf.get(rule.before), itemOf.get(rule.after)];
    const [fb, fc] = [fixedDay.get(rule.before), fixedDay.get(rule.after)];
    if (b !== undefined && c !== undefined) {
      for (let d1 = 0; d1 < nDays; d1++) {
        const here = lp.onDay(b, d1);
        const earlier = days(c, (dn) => dn < (problem.dayNumbers[d1] as number));
        if (here.length > 0 && earlier.length > 0) lp.row([[1, R], ...ones(here, -1), ...ones(earlier, -1)], '>=', -1);
      }
    } else if (b !== undefined && fc !== undefined)
      lp.row(
        [
          [1, R],
          ...ones(
            days(b, (dn) => dn > fc),
            -1,
          ),
        ],
        '>=',
        0,
      );
    else if (fb !== undefined && c !== undefined)
      lp.row(
        [
          [1, R],
          ...ones(
            days(c, (dn) => dn < fb),
            -1,
          ),
        ],
        '>=',
        0,
      );
    else if (fb !== undefined && fc !== undefined && fb > fc) lp.constant += weight;
    lp.objective.push([weight, R]);
  });
}

/** C ≥ (the assessors met: fixed ones, and U per other assessor an item is placed with) − 1. */
function continuityRows(lp: Lp, record: Record, r: number) {
  const { problem, columns } = lp;
  const fixed = new Set(record.fixedAssessors);
  const byAssessor = new Map<number, Map<number, number[]>>();
  for (const i of record.items)
    for (const k of lp.byItem.get(i) ?? []) {
      const a = (columns[k] as Column).assessor;
      if (fixed.has(a)) continue;
      const perItem = byAssessor.get(a) ?? new Map<number, number[]>();
      byAssessor.set(a, perItem);
      perItem.set(i, [...(perItem.get(i) ?? []), k]);
    }
  if (byAssessor.size === 0 && fixed.size <= 1) return;
  const C = `C${r}`;
  lp.objective.push([problem.instance.weights.continuity, C]);
  for (const [a, perItem] of byAssessor) for (const ks of perItem.values()) lp.row([[1, `U${r}_${a}`], ...ones(ks, -1)], '>=', 0);
  lp.row([[1, C], ...[...byAssessor.keys()].map((a): Term => [-1, `U${r}_${a}`])], '>=', fixed.size - 1);
}

/** B ≥ load − fair share, the load counting the fixed bookings in the horizon. */
function balanceRows(lp: Lp, share: number) {
  const { problem, columns, state } = lp;
  const byAssessor = new Map<number, number[]>();
  columns.forEach((c, k) => {
    byAssessor.set(c.assessor, [...(byAssessor.get(c.assessor) ?? []), k]);
  });
  problem.assessors.forEach((_, a) => {
    const B = `B${a}`;
    const fixedLoad = state.load[a] as number;
    lp.objective.push([problem.instance.weights.balance, B]);
    lp.row([[1, B], ...ones(byAssessor.get(a) ?? [], -1)], '>=', fixedLoad - share);
  });
}

export function objectiveRows(lp: Lp, share: number) {
  lp.problem.records.forEach((record, r) => {
    completionRows(lp, record, r);
    orderRows(lp, record, r);
    continuityRows(lp, record, r);
  });
  balanceRows(lp, share);
}
