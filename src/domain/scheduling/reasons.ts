// Why a placement is where it is, in words a reviewer checks: how far it is from the first
// day the apprentice's plan allows, whether they meet one assessor, whether the assessor
// travels out of their home region, and a preferred date kept.

import { inHomeRegion } from './regions.ts';
import type { PlanCache } from './rules.ts';
import { recordDayRefusal } from './rules.ts';
import type { ScheduleState } from './state.ts';

export function placementReasons(state: ScheduleState, item: number, cache: PlanCache): string[] {
  const p = state.problem;
  const at = state.at[item];
  const it = p.items[item];
  const record = it ? p.records[it.record] : undefined;
  if (!at || !it || !record) return [];
  const reasons: string[] = [];
  let first = -1;
  for (let day = 0; day < p.days.length && first < 0; day++) if (!recordDayRefusal(state, item, day, cache)) first = day;
  if (first === at.day) reasons.push('the first day the plan allows (window, notice and lead times)');
  else if (first >= 0)
    reasons.push(
      `${at.day - first} working day${at.day - first === 1 ? '' : 's'} after the first the plan allows (${p.days[first]}): the assessors who may take it were full, away or booked on the days between, or this keeps the whole schedule shorter`,
    );
  const assessors = new Set<number>(record.fixedAssessors);
  for (const j of record.items) if (j !== item && state.at[j]) assessors.add(state.at[j]?.assessor as number);
  if (assessors.size > 0)
    reasons.push(
      assessors.has(at.assessor) ? "the same assessor as the apprentice's other assessments" : "a different assessor from the apprentice's other assessments",
    );
  const home = p.assessors[at.assessor]?.data.homeRegion ?? null;
  if (it.region !== null && home !== null) reasons.push(inHomeRegion(home, it.region) ? "in the assessor's home region" : "outside the assessor's home region");
  if (record.preferred.has(p.days[at.day] as string)) reasons.push('a date the apprentice preferred');
  return reasons;
}
