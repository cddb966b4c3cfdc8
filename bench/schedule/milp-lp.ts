// Writing a MILP in CPLEX LP format for HiGHS: rows and objective terms over the placement
// columns, with the columns indexed by item, by item and day, and by assessor and day.
import type { Problem } from '../../src/domain/scheduling/problem.ts';
import type { ScheduleState } from '../../src/domain/scheduling/state.ts';

/** One binary: the item with the assessor on the day, at `start` (time-indexed) or at a time found later (day model: `start` is its first allowed one). */
export type Column = { item: number; assessor: number; day: number; start: number; cost: number };
export type Term = [coefficient: number, name: string];

/** The rows and objective being written, with the columns' indexes the rows are built from. */
export class Lp {
  readonly rows: string[] = [];
  readonly objective: Term[] = [];
  readonly warnings: string[] = [];
  /** Binaries besides the columns: declared so that HiGHS branches on them too. */
  readonly binaries: string[] = [];
  constant = 0;
  readonly byItemDay = new Map<number, number[]>();
  readonly byAssessorDay = new Map<number, number[]>();
  readonly byItem = new Map<number, number[]>();
  readonly problem: Problem;
  readonly state: ScheduleState;
  readonly columns: Column[];
  constructor(problem: Problem, state: ScheduleState, columns: Column[]) {
    this.problem = problem;
    this.state = state;
    this.columns = columns;
    const nDays = problem.days.length;
    columns.forEach((c, k) => {
      push(this.byItemDay, c.item * nDays + c.day, k);
      push(this.byAssessorDay, c.assessor * nDays + c.day, k);
      push(this.byItem, c.item, k);
    });
  }

  row(terms: Term[], sense: '<=' | '>=', rhs: number) {
    const kept = terms.filter(([c]) => c !== 0);
    if (kept.length === 0) {
      if (sense === '<=' ? rhs < 0 : rhs > 0) this.warnings.push(`a row with no columns cannot hold: 0 ${sense} ${rhs}`);
      return;
    }
    this.rows.push(` r${this.rows.length}: ${linear(kept)} ${sense} ${rhs}`);
  }

  /** The columns of `item` on `day`: its "placed that day" indicator is their sum. */
  onDay(item: number, day: number): number[] {
    return this.byItemDay.get(item * this.problem.days.length + day) ?? [];
  }

  /** The model as CPLEX LP text; the objective's constant is a column fixed at 1. */
  text(): string {
    const objective = this.constant !== 0 ? [...this.objective, [this.constant, 'one'] as Term] : this.objective;
    return [
      'Minimize',
      ` obj: ${linear(objective.filter(([c]) => c !== 0))}`,
      'Subject To',
      ...this.rows,
      'Bounds',
      ...(this.constant !== 0 ? [' 1 <= one <= 1'] : []),
      'Binary',
      ...this.columns.map((_, k) => ` ${x(k)}`),
      ...this.binaries.map((name) => ` ${name}`),
      'End',
    ].join('\n');
  }
}

export const x = (k: number) => `x${k}`;
export const ones = (ks: readonly number[], coefficient = 1): Term[] => ks.map((k) => [coefficient, x(k)]);

export function push<K>(map: Map<K, number[]>, key: K, value: number) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function linear(terms: readonly Term[]): string {
  const parts = terms.map(([c, name], n) => `${c < 0 ? '-' : '+'} ${Math.abs(c)} ${name}${n % 12 === 11 ? '\n  ' : ''}`);
  return parts.join(' ');
}
