// Construction, then local search by ruin and recreate: lift a few related items (one
// apprentice's methods, or an assessor's neighbouring days), put them back at their best in
// a random order, and keep the result when it costs no more than before (or, early on, a
// little more: a simulated-annealing temperature that cools to nothing). Deterministic for
// a seed: the only randomness is the seeded source, and the budget is counted in moves.
import { fairShare, itemCost, recordCost } from './cost.ts';
import { type Breadth, bestInsertion } from './insertion.ts';
import type { Random } from './random.ts';
import type { PlanCache } from './rules.ts';
import type { ScheduleState } from './state.ts';

/** The items with the fewest assessors and the earliest gateway first: they are the hardest to place late. */
export function constructionOrder(state: ScheduleState): number[] {
  const p = state.problem;
  return p.items
    .map((it, i) => ({ i, options: p.eligible[it.record]?.length ?? 0, gateway: p.records[it.record]?.gatewayDay ?? 0 }))
    .sort((a, b) => a.gateway - b.gateway || a.options - b.options || a.i - b.i)
    .map((x) => x.i);
}

export function construct(state: ScheduleState, order: readonly number[], cache: PlanCache, random: Random, breadth: Breadth) {
  for (const item of order) {
    if (state.at[item]) continue;
    const best = bestInsertion(state, item, cache, random, breadth);
    if (best) state.place(item, best.slot);
  }
}

/** The record and item terms a set of items touches (each record once): what a move of them can change, with the assessors' shares apart. */
function termsOf(state: ScheduleState, items: readonly number[]): number {
  const p = state.problem;
  const w = p.instance.weights;
  const records = new Set<number>();
  let total = 0;
  for (const i of items) {
    const it = p.items[i];
    if (!it) continue;
    records.add(it.record);
    const own = itemCost(state, i);
    total += own.travel + own.preferred + own.moved + (state.at[i] ? 0 : w.unplaced);
  }
  for (const r of records) {
    const c = recordCost(state, r);
    total += c.completion + c.order + c.continuity;
  }
  return total;
}

/** What the assessors' shares changed by since `loadBefore`. */
function balanceChange(state: ScheduleState, loadBefore: Int32Array, share: number): number {
  const weight = state.problem.instance.weights.balance;
  let change = 0;
  for (let a = 0; a < loadBefore.length; a++) {
    const was = loadBefore[a] as number;
    const now = state.load[a] as number;
    if (was !== now) change += (Math.max(0, now - share) - Math.max(0, was - share)) * weight;
  }
  return change;
}

/** Items related to `seed`: its record's other methods, and items near it in its assessor's diary. */
function related(state: ScheduleState, seed: number, size: number, random: Random): number[] {
  const p = state.problem;
  const it = p.items[seed];
  const chosen = new Set<number>([seed]);
  if (!it) return [...chosen];
  for (const j of p.records[it.record]?.items ?? []) if (chosen.size < size) chosen.add(j);
  const at = state.at[seed];
  for (let tries = 0; chosen.size < size && tries < size * 4; tries++) {
    if (at && random.next() < 0.6) {
      const day = Math.max(0, Math.min(p.days.length - 1, at.day + random.int(5) - 2));
      const visits = state.dayOf(at.assessor, day).filter((v) => v.item !== null);
      const v = visits[random.int(Math.max(1, visits.length))];
      if (v?.item !== null && v?.item !== undefined) chosen.add(v.item);
    } else chosen.add(random.int(p.items.length));
  }
  return [...chosen];
}

/** `patience`: the search ends once this many moves in a row found nothing better than its best (still the same for a seed). */
export type Budget = { moves: number; deadline: number; startTemperature: number; patience?: number };

export function improve(state: ScheduleState, cache: PlanCache, random: Random, breadth: Breadth, budget: Budget, ruinSize: number): number {
  const p = state.problem;
  if (p.items.length === 0) return 0;
  let moves = 0;
  // The cost's change since the search began, its lowest, and when it was reached.
  let drift = 0;
  let lowest = 0;
  let lowestAt = 0;
  for (; moves < budget.moves; moves++) {
    if ((moves & 63) === 0 && Date.now() > budget.deadline) break;
    if (budget.patience !== undefined && moves - lowestAt > budget.patience) break;
    const unplaced = p.items.length - state.placedCount;
    const seed = unplaced > 0 && random.next() < 0.5 ? pickUnplaced(state, random) : random.int(p.items.length);
    const items = related(state, seed, 1 + random.int(ruinSize), random);
    const was = items.map((i) => state.at[i]);
    const share = fairShare(state);
    const loadBefore = state.load.slice();
    const before = termsOf(state, items);
    for (const i of items) state.lift(i);
    const order = shuffled(items, random);
    for (const i of order) {
      const best = bestInsertion(state, i, cache, random, breadth);
      if (best) state.place(i, best.slot);
    }
    const after = termsOf(state, items) + balanceChange(state, loadBefore, share);
    const temperature = budget.startTemperature * (1 - moves / budget.moves);
    const worse = after - before;
    if (worse <= 0 || (temperature > 0 && random.next() < Math.exp(-worse / temperature))) {
      drift += worse;
      if (drift < lowest) {
        lowest = drift;
        lowestAt = moves;
      }
      continue;
    }
    for (const i of items) state.lift(i);
    items.forEach((i, k) => {
      const slot = was[k];
      if (slot) state.place(i, slot);
    });
  }
  return moves;
}

function pickUnplaced(state: ScheduleState, random: Random): number {
  const start = random.int(state.at.length);
  for (let k = 0; k < state.at.length; k++) {
    const i = (start + k) % state.at.length;
    if (!state.at[i]) return i;
  }
  return start;
}

function shuffled(items: readonly number[], random: Random): number[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
}
