// Placing one item at its best: the earliest days first, every assessor who may take the
// record, the first start the rules allow in each of their days, priced by what it adds to
// the cost. Days later than the best found plus a little slack are not tried: each day
// later costs a day's wait, so only balance, continuity, travel or a preference could pay for it.
import { balanceCost, fairShare, itemCost, recordCost } from './cost.ts';
import type { Random } from './random.ts';
import { assessorDayRefusal, type PlanCache, planContext, recordDayRefusal, timeRefusal } from './rules.ts';
import type { ScheduleState, Slot } from './state.ts';

export type Breadth = { slackDays: number; maxCandidates: number };

/** The cost terms one item's place touches: its record, itself, and an assessor's share. */
export function localCost(state: ScheduleState, item: number, assessor: number | null, share: number): number {
  const it = state.problem.items[item];
  if (!it) return 0;
  const r = recordCost(state, it.record);
  const own = itemCost(state, item);
  const unplaced = state.at[item] ? 0 : state.problem.instance.weights.unplaced;
  return (
    r.completion + r.order + r.continuity + own.travel + own.preferred + own.moved + unplaced + (assessor === null ? 0 : balanceCost(state, assessor, share))
  );
}

/** The first start in the assessor's day the rules allow (the day itself already allowed for the record). */
export function firstStart(state: ScheduleState, item: number, assessor: number, day: number): Slot | null {
  if (assessorDayRefusal(state, item, assessor, day, false)) return null;
  for (const start of state.problem.starts) {
    const slot = { assessor, day, start };
    if (!timeRefusal(state, item, slot, false)) return slot;
  }
  return null;
}

/** The best slot for an item that is not placed, and what placing it there changes in the cost; null when none is allowed. */
/**
 * The assessors to try, best first: those the apprentice already meets (one assessor where
 * possible), then those based in the venue's region, then the rest, each group from a
 * random point so no assessor is always tried first.
 */
function candidates(state: ScheduleState, item: number, random: Random): number[] {
  const p = state.problem;
  const it = p.items[item];
  if (!it) return [];
  const record = p.records[it.record];
  const eligible = p.eligible[it.record] ?? [];
  const own = new Set<number>(record?.fixedAssessors.filter((a) => eligible.includes(a)));
  for (const j of record?.items ?? []) {
    const at = state.at[j];
    if (j !== item && at) own.add(at.assessor);
  }
  const near: number[] = [];
  const far: number[] = [];
  for (const a of eligible) if (!own.has(a)) (it.region !== null && p.assessors[a]?.data.homeRegion === it.region ? near : far).push(a);
  return [...own, ...rotated(near, random), ...rotated(far, random)];
}

function rotated(xs: number[], random: Random): number[] {
  const k = random.int(Math.max(1, xs.length));
  return [...xs.slice(k), ...xs.slice(0, k)];
}

/** The best slot for an item that is not placed, and what placing it there changes in the cost; null when none is allowed. */
export function bestInsertion(state: ScheduleState, item: number, cache: PlanCache, random: Random, breadth: Breadth): { slot: Slot; delta: number } | null {
  const p = state.problem;
  const order = candidates(state, item, random);
  if (order.length === 0) return null;
  const share = fairShare(state);
  let best: { slot: Slot; delta: number } | null = null;
  let lastDay = p.days.length - 1;
  // Only this item moves while it is tried, so its record's other dates hold for every day.
  const context = planContext(state, item);
  const standard = p.recordStandard[(p.items[item] as { record: number }).record] as number;
  for (let day = 0; day <= lastDay; day++) {
    if (!state.room.any(standard, day) || recordDayRefusal(state, item, day, cache, context)) continue;
    let tried = 0;
    for (const assessor of order) {
      const slot = firstStart(state, item, assessor, day);
      if (!slot) continue;
      const before = localCost(state, item, assessor, share);
      state.place(item, slot);
      const delta = localCost(state, item, assessor, share) - before;
      state.lift(item);
      if (!best || delta < best.delta) best = { slot, delta };
      if (++tried >= breadth.maxCandidates) break;
    }
    if (best && lastDay === p.days.length - 1) lastDay = Math.min(lastDay, day + breadth.slackDays);
  }
  return best;
}
