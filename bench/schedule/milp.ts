// The exact optimum of a small instance, for the bench to measure the solver's gap against:
// the MILP of milp-model.ts solved by HiGHS (WebAssembly, one thread). The day model (the
// default) is solved again with the days that did not fit cut off until every day fits
// (milp-day.ts); the time-indexed one (--milp time) once. The solution is put back as
// placements into a ScheduleState and priced by costParts, which must equal the MILP's
// objective, and checked by verify, which must find nothing. Either failing is a mismatch
// between the model and the rules or cost it mirrors, and is reported, never hidden.
import type { Highs } from 'highs';
import * as highsModule from 'highs';
import type { Problem } from '../../src/domain/scheduling/problem.ts';
import { ScheduleState } from '../../src/domain/scheduling/state.ts';
import { type Outcome, outcomeOf } from './greedy.ts';
import { dayRows, timesFor } from './milp-day.ts';
import { type Column, type Lp, ones } from './milp-lp.ts';
import { buildModel, type Kind, type Model } from './milp-model.ts';

export type Optimum = Outcome & {
  /** HiGHS's model status, e.g. "optimal" or "timeLimit". */
  status: string;
  optimal: boolean;
  /** Whether HiGHS's best is a schedule (the day model: its days all fitted), so `cost` is what it costs. */
  fitted: boolean;
  /** The MILP's objective, its best bound, and the relative gap between them HiGHS reports. */
  objective: number;
  bound: number;
  mipGap: number;
  model: { kind: Kind; columns: number; rows: number; planPairs: number; dayPairs: number; rounds: number };
  /** What does not agree: the cost of the placements against the objective, a verify() finding, a part of the model not mirrored. */
  problems: string[];
};

// The package's types describe its CommonJS build; Node imports its ES module, whose default is the loader itself.
type Loader = typeof highsModule.default.default;
const loader = ((highsModule.default as unknown as { default?: Loader }).default ?? highsModule.default) as Loader;
let loaded: Promise<Highs> | undefined;
/** Loaded once: the WebAssembly module takes a moment to compile. */
export const highs = (): Promise<Highs> => {
  loaded ??= loader();
  return loaded;
};

type Solved = { status: string; optimal: boolean; objective: number; bound: number; mipGap: number; chosen: number[] };

/** Where every objective coefficient is whole, so is every solution's cost: a bound within 1 of the best found proves it. */
const wholeCosts = (lp: Lp) => [...lp.objective, [lp.constant, 'one']].every(([c]) => Number.isInteger(c));

export function solveLp(solver: Highs, lp: Lp, timeLimitSeconds: number): Solved {
  const names = Object.fromEntries(Object.entries(solver.constants.modelStatus).map(([name, code]) => [code, name])) as Record<number, string>;
  return solver.withModel({ format: 'lp', data: lp.text() }, (m) => {
    m.options.set({ output_flag: false, time_limit: Math.max(1, timeLimitSeconds), ...(wholeCosts(lp) ? { mip_abs_gap: 0.999 } : {}) });
    m.run();
    const code = m.getModelStatus();
    const info = (name: string) => {
      try {
        return Number(m.info.get(name));
      } catch {
        return Number.NaN;
      }
    };
    const hasSolution = info('primal_solution_status') === 2;
    const chosen: number[] = [];
    if (hasSolution)
      m.getSolution().colValue.forEach((v, k) => {
        const name = v > 0.5 ? m.getColName(k) : '';
        if (name.startsWith('x')) chosen.push(Number(name.slice(1)));
      });
    return {
      status: names[code] ?? String(code),
      optimal: code === solver.constants.modelStatus.optimal,
      objective: hasSolution ? m.getObjectiveValue() : Number.NaN,
      bound: info('mip_dual_bound'),
      mipGap: info('mip_gap'),
      chosen,
    };
  });
}

/** Solve, find the times, cut off the days that do not fit, solve again: until every day fits or the time is up. */
function solveWithTimes(solver: Highs, problem: Problem, model: Model, kind: Kind, deadline: number) {
  const { lp } = model;
  for (let round = 1; ; round++) {
    const solved = solveLp(solver, lp, (deadline - performance.now()) / 1000);
    if (kind === 'time') {
      const state = new ScheduleState(problem);
      for (const k of solved.chosen) {
        const c = lp.columns[k] as Column;
        if (!state.at[c.item]) state.place(c.item, { assessor: c.assessor, day: c.day, start: c.start });
      }
      return { solved, state, rounds: round, cuts: 0 };
    }
    const { state, cuts } = timesFor(problem, lp.columns, solved.chosen);
    for (const cut of cuts) lp.row(ones(cut), '<=', cut.length - 1);
    if (cuts.length === 0 || !solved.optimal || performance.now() > deadline)
      return { solved: cuts.length === 0 ? solved : { ...solved, status: `${solved.status}, days not fitted` }, state, rounds: round, cuts: cuts.length };
  }
}

/** The model of either kind with the rows it starts with. */
export function modelOf(problem: Problem, kind: Kind): { model: Model; pairs: number } {
  const model = buildModel(problem, kind);
  return { model, pairs: kind === 'day' ? dayRows(model.lp) : 0 };
}

/** The optimum of the compiled problem (or HiGHS's best within the time limit), rebuilt and checked. */
export async function optimum(problem: Problem, options: { timeLimitSeconds?: number; kind?: Kind } = {}): Promise<Optimum> {
  const started = performance.now();
  const kind = options.kind ?? 'day';
  const solver = await highs();
  const { model, pairs } = modelOf(problem, kind);
  const { solved, state, rounds } = solveWithTimes(solver, problem, model, kind, started + (options.timeLimitSeconds ?? 120) * 1000);
  const problems = [...model.lp.warnings];
  const ms = performance.now() - started;
  const outcome = outcomeOf(problem, state, ms);
  // Out of time with a day still not fitted, HiGHS's best is not a schedule: only its bound counts.
  const fitted = !Number.isNaN(solved.objective) && outcome.placements.length === solved.chosen.length;
  if (Number.isNaN(solved.objective)) problems.push(`HiGHS found no solution (${solved.status})`);
  else if (!fitted && solved.optimal) problems.push(`the MILP's ${solved.chosen.length} placements did not all fit (${outcome.placements.length} placed)`);
  else if (fitted && Math.abs(outcome.cost - solved.objective) > 1e-6 * Math.max(1, Math.abs(solved.objective)))
    problems.push(`COST MISMATCH: costParts of the MILP's placements is ${outcome.cost}, the MILP's objective ${solved.objective}`);
  for (const v of outcome.violations) problems.push(`VERIFY: ${v}`);
  const { lp, planPairs } = model;
  return {
    ...outcome,
    status: solved.status,
    optimal: fitted && solved.optimal && solved.status === 'optimal',
    fitted,
    objective: solved.objective,
    bound: solved.bound,
    mipGap: solved.mipGap,
    model: { kind, columns: lp.columns.length, rows: lp.rows.length, planPairs, dayPairs: pairs, rounds },
    problems,
  };
}
