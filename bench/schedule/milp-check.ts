// A check of the MILP's objective on schedules it did not choose: with every column fixed to
// a given schedule (greedy's, the solver's), the least the model can make its objective must
// be that schedule's costParts. Greedy's schedules have reversed orders, extra assessors and
// loads above the share that an optimum avoids, so this tries the terms the optimum leaves at 0.
import type { Placement } from '../../src/domain/scheduling/model.ts';
import type { Problem } from '../../src/domain/scheduling/problem.ts';
import { ScheduleState } from '../../src/domain/scheduling/state.ts';
import { outcomeOf } from './greedy.ts';
import { highs, modelOf, solveLp } from './milp.ts';
import { type Column, ones } from './milp-lp.ts';
import type { Kind } from './milp-model.ts';

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** What is wrong with the model's price of `placements`, or null when it is their costParts. */
export async function priceCheck(problem: Problem, kind: Kind, name: string, placements: readonly Placement[]): Promise<string | null> {
  const { model } = modelOf(problem, kind);
  const { lp } = model;
  const itemOf = new Map(problem.items.map((it, i) => [`${problem.records[it.record]?.data.id}|${it.method}`, i]));
  const assessorOf = new Map(problem.assessors.map((a, i) => [a.data.id, i]));
  const dayOf = new Map(problem.days.map((d, i) => [d, i]));
  const state = new ScheduleState(problem);
  const chosen = new Set<number>();
  for (const p of placements) {
    const [item, assessor, day, start] = [itemOf.get(`${p.recordId}|${p.method}`), assessorOf.get(p.assessorId), dayOf.get(p.date), minutesOf(p.start)];
    const k = lp.columns.findIndex((c: Column) => c.item === item && c.assessor === assessor && c.day === day && (kind === 'day' || c.start === start));
    if (k < 0 || item === undefined || assessor === undefined || day === undefined)
      return `${name}: ${p.recordId}/${p.method} on ${p.date} ${p.start} is no column of the model`;
    chosen.add(k);
    state.place(item, { assessor, day, start });
  }
  for (const k of chosen) lp.row(ones([k]), '>=', 1);
  lp.row(ones(lp.columns.flatMap((_, k) => (chosen.has(k) ? [] : [k]))), '<=', 0);
  const solved = solveLp(await highs(), lp, 60);
  const cost = outcomeOf(problem, state, 0).cost;
  if (!solved.optimal) return `${name}: the model with its schedule fixed is ${solved.status}`;
  return Math.abs(solved.objective - cost) > 1e-6 * Math.max(1, cost)
    ? `COST MISMATCH: ${name}'s schedule costs ${cost}, the model prices it ${solved.objective}`
    : null;
}
