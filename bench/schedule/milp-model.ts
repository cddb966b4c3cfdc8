// The scheduling problem as an exact MILP, written in CPLEX LP format for HiGHS, in one of
// two forms. Time-indexed: a binary for each (item, assessor, day, start) the oracle allows
// on an empty schedule (recordDayRefusal, assessorDayRefusal, timeRefusal: fixed bookings
// included), with one assessment at a time per assessor and per apprentice (cliques at each
// start on the grid: two intervals starting on the grid overlap exactly when both hold the
// later start) and travel between venues as dayRefusal has it. Day: a binary for each
// (item, assessor, day) with some start allowed, the times left to milp-day.ts, which adds
// the pairs that cannot share a day and, while solving, cuts off the sets that cannot.
// Both: one place per item, the caps per day and week counting fixed bookings, the plan's
// verdicts on pairs of a record's days, and costParts (cost.ts) as the objective.
import { fairShare, itemCost } from '../../src/domain/scheduling/cost.ts';
import type { Problem } from '../../src/domain/scheduling/problem.ts';
import { assessorDayRefusal, PlanCache, recordDayRefusal, timeRefusal } from '../../src/domain/scheduling/rules.ts';
import { ScheduleState } from '../../src/domain/scheduling/state.ts';
import { type Column, Lp, ones, push, x } from './milp-lp.ts';
import { objectiveRows } from './milp-objective.ts';

export type Kind = 'time' | 'day';

/** Every slot the oracle allows each item alone (with the fixed bookings), priced by itemCost there; for the day model, the first start of each day. */
export function columnsOf(problem: Problem, state: ScheduleState, kind: Kind): Column[] {
  const cache = new PlanCache();
  const columns: Column[] = [];
  problem.items.forEach((it, item) => {
    for (let day = 0; day < problem.days.length; day++) {
      if (recordDayRefusal(state, item, day, cache)) continue;
      for (const assessor of problem.eligible[it.record] ?? []) {
        if (assessorDayRefusal(state, item, assessor, day, false)) continue;
        for (const start of problem.starts) {
          const slot = { assessor, day, start };
          if (timeRefusal(state, item, slot)) continue;
          state.place(item, slot);
          const own = itemCost(state, item);
          state.lift(item);
          // Every term itemCost has (travel, preferred, a move from a booking's old slot), as costParts sums them.
          columns.push({ item, assessor, day, start, cost: Object.values(own).reduce((a, b) => a + b, 0) });
          if (kind === 'day') break;
        }
      }
    }
  });
  return columns;
}

/** Per assessor and day: one assessment at a time, and time to travel between venues. */
function diaryRows(lp: Lp) {
  const { problem, columns } = lp;
  const gap = problem.instance.travelMinutes;
  for (const ks of lp.byAssessorDay.values()) {
    const until = (k: number) => (columns[k] as Column).start + (problem.items[(columns[k] as Column).item]?.minutes ?? 0);
    for (const t of problem.starts) {
      const covering = ks.filter((k) => (columns[k] as Column).start <= t && t < until(k));
      if (new Set(covering.map((k) => (columns[k] as Column).item)).size > 1) lp.row(ones(covering), '<=', 1);
      if (gap <= 0) continue;
      // A face-to-face visit that starts at t clashes with one elsewhere that started at or before t and ends less than `gap` before it.
      const startingHere = ks.filter((k) => (columns[k] as Column).start === t && problem.items[(columns[k] as Column).item]?.venue != null);
      const byItem = new Map<number, number[]>();
      for (const k of ks) if ((columns[k] as Column).start <= t && t < until(k) + gap) push(byItem, (columns[k] as Column).item, k);
      for (const [item, reaching] of byItem) {
        const venue = problem.items[item]?.venue ?? null;
        if (venue === null) continue;
        const elsewhere = startingHere.filter((k) => {
          const other = problem.items[(columns[k] as Column).item];
          return (columns[k] as Column).item !== item && other?.venue !== venue;
        });
        if (elsewhere.length > 0) lp.row([...ones(reaching), ...ones(elsewhere)], '<=', 1);
      }
    }
  }
}

/** An apprentice in one assessment at a time (time-indexed). */
function apprenticeRows(lp: Lp) {
  const { problem, columns } = lp;
  problem.records.forEach((record) => {
    for (let day = 0; day < problem.days.length; day++) {
      const ks = record.items.flatMap((i) => lp.onDay(i, day));
      if (new Set(ks.map((k) => (columns[k] as Column).item)).size < 2) continue;
      for (const t of problem.starts) {
        const covering = ks.filter((k) => {
          const c = columns[k] as Column;
          return c.start <= t && t < c.start + (problem.items[c.item]?.minutes ?? 0);
        });
        if (new Set(covering.map((k) => (columns[k] as Column).item)).size > 1) lp.row(ones(covering), '<=', 1);
      }
    }
  });
}

/** Each item once at most; the caps per day and week, less the fixed bookings. */
function capRows(lp: Lp) {
  const { problem, state } = lp;
  for (const ks of lp.byItem.values()) lp.row(ones(ks), '<=', 1);
  const nDays = problem.days.length;
  problem.assessors.forEach((assessor, a) => {
    const { maxPerDay, maxPerWeek } = assessor.data;
    const weeks = new Map<number, number[]>();
    for (let day = 0; day < nDays; day++) {
      const ks = lp.byAssessorDay.get(a * nDays + day) ?? [];
      if (maxPerDay !== null) lp.row(ones(ks), '<=', Math.max(0, maxPerDay - state.dayOf(a, day).length));
      for (const k of ks) push(weeks, problem.week[day] as number, k);
    }
    if (maxPerWeek === null) return;
    for (const [week, ks] of weeks) lp.row(ones(ks), '<=', Math.max(0, maxPerWeek - (state.weekCount[a * problem.weeks + week] as number)));
  });
}

/** The plan's verdict on two of a record's items on two days (the order a plan's lead or window can bind): a refused pair cannot both happen. */
function planPairRows(lp: Lp): number {
  const { problem, columns, state } = lp;
  const cache = new PlanCache();
  const nDays = problem.days.length;
  const at = (k: number) => ({ assessor: (columns[k] as Column).assessor, day: (columns[k] as Column).day, start: (columns[k] as Column).start });
  let pairs = 0;
  for (const record of problem.records)
    for (const i of record.items)
      for (const j of record.items) {
        if (j <= i) continue;
        for (let d1 = 0; d1 < nDays; d1++)
          for (let d2 = 0; d2 < nDays; d2++) {
            const [ki, kj] = [lp.onDay(i, d1), lp.onDay(j, d2)];
            if (ki.length === 0 || kj.length === 0) continue;
            state.place(j, at(kj[0] as number));
            const refusedI = recordDayRefusal(state, i, d1, cache);
            state.lift(j);
            state.place(i, at(ki[0] as number));
            const refusedJ = recordDayRefusal(state, j, d2, cache);
            state.lift(i);
            if (!refusedI && !refusedJ) continue;
            pairs++;
            lp.row([...ones(ki), ...ones(kj)], '<=', 1);
          }
      }
  return pairs;
}

export type Model = { lp: Lp; planPairs: number };

export function buildModel(problem: Problem, kind: Kind): Model {
  const state = new ScheduleState(problem);
  const lp = new Lp(problem, state, columnsOf(problem, state, kind));
  // A booking freed to move costs a move if its start changes: a cost the day model (one start per day) does not see.
  if (kind === 'day' && problem.items.some((it) => it.incumbent))
    lp.warnings.push('movable bookings: the day model does not price a change of start (use --milp time)');
  capRows(lp);
  if (kind === 'time') {
    apprenticeRows(lp);
    diaryRows(lp);
  }
  const planPairs = planPairRows(lp);
  const w = problem.instance.weights;
  lp.constant += problem.items.length * w.unplaced;
  lp.columns.forEach((c, k) => {
    lp.objective.push([c.cost - w.unplaced, x(k)]);
  });
  objectiveRows(lp, fairShare(state));
  return { lp, planPairs };
}
