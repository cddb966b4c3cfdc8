// The figures a review compares before and after: days from gateway approval to each
// apprentice's last assessment (mean and worst, over those with every method dated), and
// each assessor's load.
import type { Figures } from './model.ts';
import { type PlanCache, recordDayRefusal } from './rules.ts';
import { ScheduleState } from './state.ts';

export function figures(state: ScheduleState, withPlacements: boolean): Figures {
  const p = state.problem;
  const spans: number[] = [];
  for (const record of p.records) {
    const placed = record.items.map((i) => (withPlacements ? state.at[i] : null));
    if (placed.some((s) => !s)) continue;
    const days = [...record.fixedDays, ...placed.map((s) => p.dayNumbers[s?.day ?? 0] as number)];
    if (days.length > 0) spans.push(Math.max(...days) - record.gatewayDay);
  }
  const loads = p.assessors.map((_, a) => {
    let n = 0;
    for (let d = 0; d < p.days.length; d++) for (const v of state.dayOf(a, d)) if (v.item === null || withPlacements) n++;
    return n;
  });
  const mean = (xs: number[]) => (xs.length === 0 ? null : Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 10) / 10);
  return {
    meanDaysToComplete: mean(spans),
    worstDaysToComplete: spans.length === 0 ? null : Math.max(...spans),
    placed: withPlacements ? state.placedCount : 0,
    unplaced: withPlacements ? p.items.length - state.placedCount : p.items.length,
    load: { min: loads.length ? Math.min(...loads) : 0, max: loads.length ? Math.max(...loads) : 0, mean: mean(loads) ?? 0 },
  };
}

/**
 * The completion term as it would be with unlimited assessor time: each apprentice's last
 * waiting method on the first day its plan, their days and some eligible assessor's diary
 * allow. A constant of the instance, and a lower bound of the completion and unplaced terms
 * together while no apprentice's share of it exceeds the price of one assessment left
 * unplaced (1000 by default: near three years' wait). The bench reports the cost above it,
 * the part a schedule decides.
 */
export function completionFloor(state: ScheduleState, cache: PlanCache): number {
  const p = state.problem;
  const empty = new ScheduleState(p);
  let floor = 0;
  p.records.forEach((record) => {
    let last = Math.max(record.gatewayDay, ...record.fixedDays);
    for (const item of record.items) {
      const eligible = p.eligible[p.items[item]?.record ?? 0] ?? [];
      for (let day = 0; day < p.days.length; day++) {
        if (recordDayRefusal(empty, item, day, cache)) continue;
        if (!eligible.some((a) => !p.assessors[a]?.away[day])) continue;
        last = Math.max(last, p.dayNumbers[day] as number);
        break;
      }
    }
    floor += (last - record.gatewayDay) * p.instance.weights.completionDay;
  });
  return floor;
}
