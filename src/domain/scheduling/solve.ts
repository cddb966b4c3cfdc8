// The scheduler: compile the instance, construct a schedule item by item at each one's best
// slot, then improve it by ruin and recreate for a budget of moves. The result is checked
// again from nothing (verify) before it is returned, so a proposal never holds a booking
// the rules refuse.
import type { HolidayCalendar } from '../calendar/working-days.ts';
import type { Catalogue } from '../standards/catalogue.ts';
import { costParts, totalOf } from './cost.ts';
import { whyUnplaced } from './explain.ts';
import { completionFloor, figures } from './figures.ts';
import type { Breadth } from './insertion.ts';
import type { Placement, Proposal, SchedulingInstance } from './model.ts';
import { compile, type Problem } from './problem.ts';
import { seeded } from './random.ts';
import { placementReasons } from './reasons.ts';
import { PlanCache } from './rules.ts';
import { construct, constructionOrder, improve } from './search.ts';
import { ScheduleState } from './state.ts';
import { placementOf, verify } from './verify.ts';

export type SolveOptions = {
  /** Moves of the local search; the default grows with the instance. */
  moves?: number;
  /** A safety stop: the search ends here even if moves remain (and is then no longer the same for a seed). */
  timeLimitMs?: number;
  /** Construction only: the earliest-first insertion without the search. */
  constructOnly?: boolean;
};

export type SolveResult = { ok: true; proposal: Proposal } | { ok: false; code: string; message: string };

export function breadthFor(problem: Problem): Breadth {
  const small = problem.items.length <= 200;
  return small ? { slackDays: problem.days.length, maxCandidates: Number.POSITIVE_INFINITY } : { slackDays: 3, maxCandidates: 16 };
}

/** Moves in a row without a better schedule after which the search ends early: a small schedule settles fast. */
export function patienceFor(problem: Problem): number {
  return Math.max(5_000, problem.items.length * 200);
}

/** A budget of moves measured to end within about 8 s on two cores at 5,000 assessments (docs/scheduling.md). */
export function defaultMoves(problem: Problem): number {
  const n = problem.items.length;
  // A few assessments need few moves: 2,000 each, at least 2,000, shared among the restarts.
  if (n <= 100) return Math.max(2_000, Math.min(60_000, n * 2_000));
  if (n <= 1_000) return 50_000;
  return 15_000;
}

/** Independent searches from different seeds, the cheapest kept: a small schedule has time for several. */
export function restartsFor(problem: Problem): number {
  return problem.items.length <= 100 ? 4 : 1;
}

export function schedule(instance: SchedulingInstance, catalogue: Catalogue, holidays: HolidayCalendar, options: SolveOptions = {}): SolveResult {
  const started = Date.now();
  const compiled = compile(instance, catalogue, holidays);
  if (!compiled.ok) return compiled;
  const problem = compiled.value;
  const cache = new PlanCache();
  const empty = new ScheduleState(problem);
  const before = figures(empty, false);
  // Asked of the empty schedule first: its plan checks are the construction's first questions too.
  const floor = completionFloor(empty, cache);
  const breadth = breadthFor(problem);
  const moves = options.constructOnly ? 0 : (options.moves ?? defaultMoves(problem));
  const deadline = started + (options.timeLimitMs ?? 9_000);
  const runs = options.constructOnly ? 1 : restartsFor(problem);
  let best: { state: ScheduleState; cost: number } | null = null;
  let iterations = 0;
  for (let run = 0; run < runs; run++) {
    const state = new ScheduleState(problem);
    const random = seeded(instance.seed + run * 7_919);
    construct(state, constructionOrder(state), cache, random, breadth);
    const budget = { moves: Math.ceil(moves / runs), deadline, startTemperature: instance.weights.completionDay * 0.5, patience: patienceFor(problem) };
    iterations += improve(state, cache, random, breadth, budget, 4);
    const cost = totalOf(costParts(state));
    if (!best || cost < best.cost) best = { state, cost };
  }
  return { ok: true, proposal: proposalOf(problem, (best as { state: ScheduleState }).state, cache, { before, floor, iterations, started }) };
}

export function proposalOf(
  problem: Problem,
  state: ScheduleState,
  cache: PlanCache,
  run: { before: Proposal['before']; floor: number; iterations: number; started: number },
): Proposal {
  const { before, iterations, started } = run;
  const placements: Placement[] = [];
  const unplaced: Proposal['unplaced'] = [];
  problem.items.forEach((_, i) => {
    const slot = state.at[i];
    if (slot) placements.push({ ...placementOf(problem, i, slot), reasons: placementReasons(state, i, cache) });
    else unplaced.push(whyUnplaced(state, i, cache));
  });
  const parts = costParts(state);
  return {
    placements,
    unplaced,
    moved: [],
    cost: totalOf(parts),
    costFloor: run.floor,
    costParts: parts,
    before,
    after: figures(state, true),
    hardViolations: verify(problem, placements).length,
    iterations,
    ms: Date.now() - started,
  };
}
