// Why an assessment could not be placed, in the words an admin acts on: no assessor may
// take it at all, no day in the schedule meets its plan, or those who may are not free.
import type { Finding } from '../outcome.ts';
import type { Unplaced } from './model.ts';
import { assessorDayRefusal, type PlanCache, recordDayRefusal, timeRefusal } from './rules.ts';
import type { ScheduleState } from './state.ts';

export function whyUnplaced(state: ScheduleState, item: number, cache: PlanCache): Unplaced {
  const p = state.problem;
  const it = p.items[item];
  const record = it ? p.records[it.record] : undefined;
  if (!it || !record) return { recordId: '', method: '', code: 'UNKNOWN', reason: 'no such assessment' };
  const base = { recordId: record.data.id, method: it.method };
  const standard = record.data.standard;
  const eligible = p.eligible[it.record] ?? [];
  const window = `${p.days[0] ?? p.instance.from} to ${p.days.at(-1) ?? p.instance.to}`;
  if (eligible.length === 0) {
    const reasons = tally(p.assessors.map((_, a) => p.ineligible[it.record]?.get(a)).filter((f): f is Finding => f !== undefined));
    return { ...base, code: 'NO_ELIGIBLE_ASSESSOR', reason: `no assessor is approved for ${standard} and independent of this apprentice${reasons}` };
  }
  if (p.days.length === 0) return { ...base, code: 'NO_WORKING_DAY', reason: `there is no working day from ${p.instance.from} to ${p.instance.to}` };
  // The days the apprentice's plan allows; with none, the plan is the reason.
  const open: number[] = [];
  let planSays: Finding | null = null;
  for (let day = 0; day < p.days.length; day++) {
    const refused = recordDayRefusal(state, item, day, cache);
    if (refused) planSays ??= refused;
    else open.push(day);
  }
  if (open.length === 0 && planSays) {
    if (planSays.code === 'APPRENTICE_UNAVAILABLE')
      return { ...base, code: planSays.code, reason: `the apprentice or their employer cannot do any day from ${window} the plan allows` };
    return { ...base, code: planSays.code, reason: `no day from ${window} meets the plan: ${planSays.message}` };
  }
  const found: Finding[] = [];
  for (const day of open)
    for (const a of eligible) {
      const refused = assessorDayRefusal(state, item, a, day) ?? firstTimeRefusal(state, item, a, day);
      if (refused) found.push(refused);
    }
  const span =
    open.length === 1
      ? `on ${p.days[open[0] as number]}`
      : `on any of the ${open.length} days from ${p.days[open[0] as number]} to ${p.days[open.at(-1) as number]} the plan allows`;
  return { ...base, code: 'NO_FREE_ASSESSOR', reason: `no independent assessor approved for ${standard} is free ${span}${tally(found)}` };
}

/** The refusal at the start that came closest: the last one tried, as the day fills from the morning. */
function firstTimeRefusal(state: ScheduleState, item: number, assessor: number, day: number): Finding | null {
  let last: Finding | null = null;
  for (const start of state.problem.starts) {
    last = timeRefusal(state, item, { assessor, day, start });
    if (!last) return null;
  }
  return last;
}

function tally(findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
  return ` (${top.map(([code, n]) => `${code} ${n}`).join(', ')})`;
}
