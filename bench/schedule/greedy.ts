// The baseline: what an EPAO admin does by hand. Each assessment in the order it is listed
// (records in order, each record's methods in order) goes on the earliest day, with the
// first assessor in the list, at the earliest start the rules allow; nothing placed is ever
// moved. The rules are the solver's own oracle (recordDayRefusal, assessorDayRefusal,
// timeRefusal on a ScheduleState), so the two are judged alike; there is no search.
import type { HolidayCalendar } from '../../src/domain/calendar/working-days.ts';
import { type CostParts, costParts, totalOf } from '../../src/domain/scheduling/cost.ts';
import type { Placement, SchedulingInstance } from '../../src/domain/scheduling/model.ts';
import { compile, type Problem } from '../../src/domain/scheduling/problem.ts';
import { assessorDayRefusal, PlanCache, recordDayRefusal, timeRefusal } from '../../src/domain/scheduling/rules.ts';
import { ScheduleState, type Slot } from '../../src/domain/scheduling/state.ts';
import { placementOf, verify } from '../../src/domain/scheduling/verify.ts';
import type { Catalogue } from '../../src/domain/standards/catalogue.ts';

export type Outcome = {
  placements: Placement[];
  unplaced: number;
  parts: CostParts;
  cost: number;
  hardViolations: number;
  /** verify's findings, as "CODE recordId/method". */
  violations: string[];
  ms: number;
};

/** The earliest slot the rules allow for `item`: day first, then the assessor's place in the list, then the start. */
export function earliestSlot(state: ScheduleState, item: number, cache: PlanCache): Slot | null {
  const p = state.problem;
  const it = p.items[item];
  if (!it) return null;
  const eligible = p.eligible[it.record] ?? [];
  for (let day = 0; day < p.days.length; day++) {
    if (recordDayRefusal(state, item, day, cache)) continue;
    for (const assessor of eligible) {
      if (assessorDayRefusal(state, item, assessor, day, false)) continue;
      for (const start of p.starts) {
        const slot = { assessor, day, start };
        if (!timeRefusal(state, item, slot)) return slot;
      }
    }
  }
  return null;
}

/** The greedy schedule of a compiled problem, its cost by the solver's own measure, and its violations found again from nothing. */
export function greedyOn(problem: Problem): Outcome {
  const started = performance.now();
  const state = new ScheduleState(problem);
  const cache = new PlanCache();
  problem.records.forEach((record) => {
    for (const item of record.items) {
      const slot = earliestSlot(state, item, cache);
      if (slot) state.place(item, slot);
    }
  });
  const ms = performance.now() - started;
  return outcomeOf(problem, state, ms);
}

/** A finished state as the bench reports it: placements, cost parts and total, and verify's count. */
export function outcomeOf(problem: Problem, state: ScheduleState, ms: number): Outcome {
  const placements: Placement[] = [];
  problem.items.forEach((_, i) => {
    const slot = state.at[i];
    if (slot) placements.push(placementOf(problem, i, slot));
  });
  const parts = costParts(state);
  const violations = verify(problem, placements).map((v) => `${v.finding.code} ${v.recordId}/${v.method}`);
  return { placements, unplaced: problem.items.length - placements.length, parts, cost: totalOf(parts), hardViolations: violations.length, violations, ms };
}

/** The greedy baseline on an instance; its time includes compiling it, as the solver's does. */
export function greedy(instance: SchedulingInstance, catalogue: Catalogue, holidays: HolidayCalendar): Outcome {
  const started = performance.now();
  const compiled = compile(instance, catalogue, holidays);
  if (!compiled.ok) throw new Error(`the instance does not compile: ${compiled.code}: ${compiled.message}`);
  const outcome = greedyOn(compiled.value);
  return { ...outcome, ms: performance.now() - started };
}
