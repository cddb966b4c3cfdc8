// Which days have any room for a standard: how many assessors approved for it are working
// that day (not away, hours declared) and under their caps. Kept up to date as items are
// placed and lifted, so a search skips a day where no one can take the standard without
// asking each assessor. A necessary condition only: the rules still decide every slot.
import { capReached } from '../booking/assessor-load.ts';
import type { Problem } from './problem.ts';

export class RoomIndex {
  private readonly problem: Problem;
  /** Per standard × day: assessors approved for it with room that day. */
  private readonly counts: Int32Array;
  /** Per assessor × day: whether they have room. */
  private readonly has: Uint8Array;

  constructor(problem: Problem, dayLength: (assessor: number, day: number) => number, weekLoad: (assessor: number, day: number) => number) {
    this.problem = problem;
    const days = problem.days.length;
    this.counts = new Int32Array(problem.standards.length * days);
    this.has = new Uint8Array(problem.assessors.length * days);
    for (let a = 0; a < problem.assessors.length; a++) for (let d = 0; d < days; d++) if (this.roomy(a, d, dayLength(a, d), weekLoad(a, d))) this.set(a, d, 1);
  }

  private roomy(a: number, d: number, onDay: number, inWeek: number): boolean {
    const who = this.problem.assessors[a];
    if (!who || who.away[d] || who.hours[d]?.length === 0) return false;
    return capReached({ perDay: who.data.maxPerDay, perWeek: who.data.maxPerWeek }, onDay, inWeek) === null;
  }

  private set(a: number, d: number, value: 0 | 1) {
    const days = this.problem.days.length;
    this.has[a * days + d] = value;
    for (const s of this.problem.assessorStandards[a] ?? []) this.counts[s * days + d] = (this.counts[s * days + d] as number) + (value ? 1 : -1);
  }

  /** After the assessor's day or week changed: their days of that week looked at again. */
  refresh(a: number, day: number, dayLength: (assessor: number, day: number) => number, weekLoad: (assessor: number, day: number) => number) {
    const days = this.problem.days.length;
    for (const d of this.problem.daysOfWeek[this.problem.week[day] as number] ?? []) {
      const now = this.roomy(a, d, dayLength(a, d), weekLoad(a, d)) ? 1 : 0;
      if (now !== this.has[a * days + d]) this.set(a, d, now);
    }
  }

  /** Whether any assessor approved for the standard may have room that day. */
  any(standard: number, day: number): boolean {
    return (this.counts[standard * this.problem.days.length + day] as number) > 0;
  }
}
