// The soft aims, weighted by the EPAO: the days from gateway approval to an apprentice's last
// assessment (the headline), the recommended order of methods (orderWarning), one assessor
// for an apprentice where possible, a fair share for each assessor, travel outside an
// assessor's home region, the apprentice's preferred dates, and above all every assessment
// placed. Each part is a sum of small terms so a search can price a move by the few it changes.
import { orderWarning } from '../planning/order.ts';
import { inHomeRegion } from './regions.ts';
import type { ScheduleState } from './state.ts';

export type CostParts = {
  unplaced: number;
  completion: number;
  order: number;
  continuity: number;
  balance: number;
  travel: number;
  preferred: number;
  moved: number;
};

/** The record's terms: completion, order and continuity, weighted. */
export function recordCost(state: ScheduleState, r: number): { completion: number; order: number; continuity: number } {
  const p = state.problem;
  const record = p.records[r];
  if (!record) return { completion: 0, order: 0, continuity: 0 };
  const w = p.instance.weights;
  let last = -1;
  const assessors = new Set<number>(record.fixedAssessors);
  const dates = new Map<string, string>();
  record.fixed.forEach((f, i) => {
    last = Math.max(last, record.fixedDays[i] as number);
    dates.set(f.method, f.date);
  });
  for (const j of record.items) {
    const at = state.at[j];
    if (!at) continue;
    last = Math.max(last, p.dayNumbers[at.day] as number);
    assessors.add(at.assessor);
    dates.set((p.items[j] as { method: string }).method, p.days[at.day] as string);
  }
  const completion = last < 0 ? 0 : (last - record.gatewayDay) * w.completionDay;
  const reversed = dates.size > 1 ? ((orderWarning(record.order, dates)?.pairs as unknown[] | undefined)?.length ?? 0) : 0;
  return { completion, order: reversed * w.order, continuity: Math.max(0, assessors.size - 1) * w.continuity };
}

/** The item's own terms where it is now: travel out of region, a date the apprentice did not prefer. */
export function itemCost(state: ScheduleState, item: number): { travel: number; preferred: number; moved: number } {
  const p = state.problem;
  const at = state.at[item];
  const it = p.items[item];
  if (!at || !it) return { travel: 0, preferred: 0, moved: 0 };
  const home = p.assessors[at.assessor]?.data.homeRegion ?? null;
  const record = p.records[it.record];
  const travel = it.region !== null && home !== null && !inHomeRegion(home, it.region) ? p.instance.weights.travel : 0;
  const preferred = record && record.preferred.size > 0 && !record.preferred.has(p.days[at.day] as string) ? p.instance.weights.preferred : 0;
  const was = it.incumbent;
  const moved = was && (was.assessor !== at.assessor || was.day !== at.day || was.start !== at.start) ? p.instance.weights.moved : 0;
  return { travel, preferred, moved };
}

/** A fair share: every assessment in the horizon spread evenly over the assessors. */
export function fairShare(state: ScheduleState): number {
  const p = state.problem;
  return Math.ceil((p.items.length + p.fixedOnDays) / Math.max(1, p.assessors.length));
}

export function balanceCost(state: ScheduleState, a: number, share: number): number {
  return Math.max(0, (state.load[a] as number) - share) * state.problem.instance.weights.balance;
}

export function costParts(state: ScheduleState): CostParts {
  const p = state.problem;
  const parts: CostParts = { unplaced: 0, completion: 0, order: 0, continuity: 0, balance: 0, travel: 0, preferred: 0, moved: 0 };
  parts.unplaced = (p.items.length - state.placedCount) * p.instance.weights.unplaced;
  p.records.forEach((_, r) => {
    const c = recordCost(state, r);
    parts.completion += c.completion;
    parts.order += c.order;
    parts.continuity += c.continuity;
  });
  p.items.forEach((_, i) => {
    const c = itemCost(state, i);
    parts.travel += c.travel;
    parts.preferred += c.preferred;
    parts.moved += c.moved;
  });
  const share = fairShare(state);
  p.assessors.forEach((_, a) => {
    parts.balance += balanceCost(state, a, share);
  });
  return parts;
}

export const totalOf = (parts: CostParts) => Object.values(parts).reduce((a, b) => a + b, 0);
