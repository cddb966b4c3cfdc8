// The times for the day model: the MILP chooses each item's assessor and day, and here a
// complete search over the start grid (timeRefusal on a ScheduleState, so the same rules:
// declared hours, one at a time, the apprentice in one place, travel between venues) finds
// starts for each day's bookings. Pairs that can never share a day are rows from the start;
// a larger set found not to fit is cut off (its columns sum to at most its size less one)
// and the MILP solved again. The day model relaxes the problem only by those sets, so its
// optimum, once its days fit, is the problem's optimum.
import type { Problem } from '../../src/domain/scheduling/problem.ts';
import { timeRefusal } from '../../src/domain/scheduling/rules.ts';
import { ScheduleState } from '../../src/domain/scheduling/state.ts';
import { type Column, type Lp, ones, x } from './milp-lp.ts';

/** A search that runs this long is a model too big for the bench, not a question to wait on. */
const NODE_BUDGET = 5_000_000;

/** Starts for every column's item on its day, each allowed given those before it; they stay placed when this succeeds. */
function placeAll(state: ScheduleState, members: readonly Column[], budget = { nodes: NODE_BUDGET }): boolean {
  const go = (k: number): boolean => {
    const c = members[k];
    if (!c) return true;
    for (const start of state.problem.starts) {
      if (--budget.nodes < 0) throw new Error('the day model could not settle the times of one day within its budget');
      const slot = { assessor: c.assessor, day: c.day, start };
      if (timeRefusal(state, c.item, slot)) continue;
      state.place(c.item, slot);
      if (go(k + 1)) return true;
      state.lift(c.item);
    }
    return false;
  };
  return go(0);
}

/** Whether the columns fit together; the scratch state is left as it was. */
function fits(scratch: ScheduleState, members: readonly Column[]): boolean {
  const ok = placeAll(scratch, members);
  if (ok) for (const c of members) scratch.lift(c.item);
  return ok;
}

/** Triples of one assessor's day are only tried where there are this few: beyond, the rounds find what does not fit. */
const MAX_TRIPLES = 20_000;

/**
 * One assessor's day as a knapsack on the start grid, where the day is one window with no
 * fixed booking: each item takes its length rounded up to the grid, but the last need only
 * end by the window's end. Returns whether a set of its columns breaks the row, or null.
 */
function gridKnapsack(lp: Lp, ks: readonly number[]): ((set: readonly number[]) => boolean) | null {
  const { problem, columns, state } = lp;
  const { assessor, day } = columns[ks[0] as number] as Column;
  const hours = problem.assessors[assessor]?.hours[day];
  const window = hours ? (hours.length === 1 ? hours[0] : undefined) : { from: Number.NEGATIVE_INFINITY, until: Number.POSITIVE_INFINITY };
  const first = window && problem.starts.find((s) => s >= window.from);
  if (!window || first === undefined || state.dayOf(assessor, day).length > 0) return null;
  const room = Math.min(window.until, problem.workUntil) - first;
  const step = problem.instance.stepMinutes;
  const minutes = (k: number) => problem.items[(columns[k] as Column).item]?.minutes ?? 0;
  const units = (k: number) => Math.ceil(minutes(k) / step);
  const most = Math.max(...ks.map((k) => Math.floor((room - minutes(k)) / step) + units(k)));
  if (ks.reduce((sum, k) => sum + units(k), 0) <= most) return null;
  lp.row(
    ks.map((k) => [units(k), x(k)]),
    '<=',
    most,
  );
  return (set) => set.reduce((sum, k) => sum + units(k), 0) > most;
}

/** Three of one assessor's items that do not fit in a day though every two do (where the cap allows three and the knapsack lets them by). */
function tripleRows(lp: Lp, ks: readonly number[], clash: ReadonlySet<string>, fitsTogether: (ks: number[]) => boolean): number {
  const { problem, columns, state } = lp;
  const { assessor, day } = columns[ks[0] as number] as Column;
  const cap = problem.assessors[assessor]?.data.maxPerDay ?? Number.POSITIVE_INFINITY;
  const n = ks.length;
  if (cap - state.dayOf(assessor, day).length < 3 || (n * (n - 1) * (n - 2)) / 6 > MAX_TRIPLES) return 0;
  const cut = gridKnapsack(lp, ks);
  const apart = (a: number, b: number) => !clash.has(`${a},${b}`);
  let rows = cut ? 1 : 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      for (let k = j + 1; k < n; k++) {
        const [a, b, c] = [ks[i] as number, ks[j] as number, ks[k] as number];
        if (!apart(a, b) || !apart(a, c) || !apart(b, c) || cut?.([a, b, c]) || fitsTogether([a, b, c])) continue;
        rows++;
        lp.row(ones([a, b, c]), '<=', 2);
      }
  return rows;
}

/**
 * Items that cannot share a day, as rows from the start so the rounds rarely have any left to
 * find: two with one assessor, or one apprentice's with two assessors; three with one assessor.
 */
export function dayRows(lp: Lp): number {
  const { problem, columns } = lp;
  const scratch = new ScheduleState(problem);
  const clash = new Set<string>();
  const fitsTogether = (ks: number[]) =>
    fits(
      scratch,
      ks.map((k) => columns[k] as Column),
    );
  const pair = (k1: number, k2: number) => {
    if ((columns[k1] as Column).item === (columns[k2] as Column).item || fitsTogether([k1, k2])) return;
    clash.add(`${k1},${k2}`);
    lp.row(ones([k1, k2]), '<=', 1);
  };
  for (const ks of lp.byAssessorDay.values())
    ks.forEach((k1, n) => {
      for (const k2 of ks.slice(n + 1)) pair(k1, k2);
    });
  for (const record of problem.records)
    for (let day = 0; day < problem.days.length; day++) {
      const ks = record.items.flatMap((i) => lp.onDay(i, day));
      ks.forEach((k1, n) => {
        for (const k2 of ks.slice(n + 1)) if ((columns[k1] as Column).assessor !== (columns[k2] as Column).assessor) pair(k1, k2);
      });
    }
  let rows = clash.size;
  for (const ks of lp.byAssessorDay.values()) rows += tripleRows(lp, ks, clash, fitsTogether);
  return rows;
}

/** The chosen columns of one day in groups that share an assessor or an apprentice: only within a group can times clash. */
function groups(problem: Problem, chosen: readonly Column[]): Column[][] {
  const parent = chosen.map((_, n) => n);
  const root = (n: number): number => (parent[n] === n ? n : root(parent[n] as number));
  const join = (key: string, n: number, seen: Map<string, number>) => {
    const other = seen.get(key);
    if (other === undefined) seen.set(key, n);
    else parent[root(n)] = root(other);
  };
  const seen = new Map<string, number>();
  chosen.forEach((c, n) => {
    join(`a${c.assessor}`, n, seen);
    join(`r${problem.items[c.item]?.record}`, n, seen);
  });
  const byRoot = new Map<number, Column[]>();
  chosen.forEach((c, n) => {
    byRoot.set(root(n), [...(byRoot.get(root(n)) ?? []), c]);
  });
  return [...byRoot.values()].map((g) =>
    g.sort((a, b) => a.assessor - b.assessor || (problem.items[b.item]?.minutes ?? 0) - (problem.items[a.item]?.minutes ?? 0)),
  );
}

/** Fewer columns that still do not fit: each left out in turn, kept out when the rest still do not fit. */
function core(scratch: ScheduleState, members: readonly Column[]): Column[] {
  let kept = [...members];
  for (const c of members) {
    const without = kept.filter((m) => m !== c);
    if (!fits(scratch, without)) kept = without;
  }
  return kept;
}

/**
 * Times for the chosen columns: a state with every item placed when each day fits, else
 * the sets that do not (as column indexes), to be cut off.
 */
export function timesFor(problem: Problem, columns: readonly Column[], chosen: readonly number[]): { state: ScheduleState; cuts: number[][] } {
  const state = new ScheduleState(problem);
  const scratch = new ScheduleState(problem);
  const index = new Map(chosen.map((k) => [columns[k] as Column, k]));
  const cuts: number[][] = [];
  for (let day = 0; day < problem.days.length; day++) {
    const today = chosen.map((k) => columns[k] as Column).filter((c) => c.day === day);
    for (const group of groups(problem, today)) {
      if (placeAll(state, group)) continue;
      cuts.push(core(scratch, group).map((c) => index.get(c) as number));
    }
  }
  return { state, cuts };
}
