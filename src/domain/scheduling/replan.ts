// Re-planning after a cancellation or an assessor's leave: the smallest change that repairs
// the schedule. Every booking the admin freed starts where it is; those the rules no longer
// allow (an assessor now on leave) and the methods waiting are placed again, and the search
// may move other freed bookings only when what it gains outweighs the EPAO's price of a moved
// booking. A booking inside its notice period never moves (movable.ts).
import type { HolidayCalendar } from '../calendar/working-days.ts';
import type { Catalogue } from '../standards/catalogue.ts';
import { completionFloor, figures } from './figures.ts';
import type { SchedulingInstance } from './model.ts';
import { compile } from './problem.ts';
import { seeded } from './random.ts';
import { PlanCache, refusal } from './rules.ts';
import { construct, constructionOrder, improve } from './search.ts';
import { breadthFor, proposalOf, type SolveOptions, type SolveResult } from './solve.ts';
import { ScheduleState } from './state.ts';
import { placementOf } from './verify.ts';

export function replan(instance: SchedulingInstance, catalogue: Catalogue, holidays: HolidayCalendar, options: SolveOptions = {}): SolveResult {
  const started = Date.now();
  const compiled = compile(instance, catalogue, holidays, { replanning: true });
  if (!compiled.ok) return compiled;
  const problem = compiled.value;
  const state = new ScheduleState(problem);
  const cache = new PlanCache();
  // Each freed booking where it is, in date order, while the rules still allow it there.
  const incumbents = problem.items
    .map((it, i) => ({ i, at: it.incumbent }))
    .filter((x) => x.at !== undefined)
    .sort((a, b) => (a.at?.day ?? 0) - (b.at?.day ?? 0) || (a.at?.start ?? 0) - (b.at?.start ?? 0));
  for (const { i, at } of incumbents) if (at && !refusal(state, i, at, cache)) state.place(i, { assessor: at.assessor, day: at.day, start: at.start });
  const before = figures(state, true);
  const floor = completionFloor(state, cache);
  const random = seeded(instance.seed);
  const breadth = breadthFor(problem);
  construct(state, constructionOrder(state), cache, random, breadth);
  // A short search that never takes a worse schedule: a move must pay for itself.
  const moves = options.constructOnly ? 0 : (options.moves ?? 300);
  const iterations = improve(state, cache, random, breadth, { moves, deadline: started + (options.timeLimitMs ?? 900), startTemperature: 0 }, 2);
  const proposal = proposalOf(problem, state, cache, { before, floor, iterations, started });
  const moved = problem.items.flatMap((it, i) => {
    const at = state.at[i];
    const was = it.incumbent;
    if (!was || !at || (was.assessor === at.assessor && was.day === at.day && was.start === at.start)) return [];
    return [{ ...placementOf(problem, i, at), bookingId: was.bookingId }];
  });
  // New placements are the waiting methods; a freed booking that stays is not proposed again.
  const placements = problem.items.flatMap((it, i) => {
    const at = state.at[i];
    return at && !it.incumbent ? [placementOf(problem, i, at)] : [];
  });
  return { ok: true, proposal: { ...proposal, placements, moved } };
}
