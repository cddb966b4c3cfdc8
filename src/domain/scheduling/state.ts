// A schedule being built: where each item is, and each assessor's days and weeks, kept
// up to date as items are placed and lifted so the rules can be asked in constant time.
import type { Visit } from '../booking/travel.ts';
import type { Problem } from './problem.ts';
import { RoomIndex } from './room.ts';

export type Slot = { assessor: number; day: number; start: number };

export type DayVisit = Visit & { item: number | null; record: number | null };

const NONE: readonly DayVisit[] = [];

export class ScheduleState {
  readonly problem: Problem;
  readonly at: (Slot | null)[];
  /** Per assessor × day: the visits, fixed and placed. */
  readonly days: DayVisit[][];
  /** Per assessor × week: the count of assessments. */
  readonly weekCount: Int32Array;
  /** Per assessor: assessments in the horizon. */
  readonly load: Int32Array;
  /** Per record × day: the record's visits that day (the apprentice is in one place at a time). */
  readonly recordDays: Map<number, DayVisit[]>;
  placedCount = 0;
  /** Which days have any room for a standard (room.ts). */
  readonly room: RoomIndex;
  private readonly dayLength = (a: number, d: number) => this.dayOf(a, d).length;
  private readonly weekLength = (a: number, d: number) => this.weekLoad(a, d);

  constructor(problem: Problem) {
    this.problem = problem;
    const nDays = problem.days.length;
    this.at = problem.items.map(() => null);
    this.days = Array.from({ length: problem.assessors.length * nDays }, () => []);
    this.weekCount = new Int32Array(problem.assessors.length * problem.weeks);
    this.load = new Int32Array(problem.assessors.length);
    this.recordDays = new Map();
    for (const v of problem.fixedVisits) {
      const w = v.assessor * problem.weeks + v.week;
      this.weekCount[w] = (this.weekCount[w] as number) + 1;
      if (v.day === null) continue;
      this.load[v.assessor] = (this.load[v.assessor] as number) + 1;
      const visit: DayVisit = { from: v.from, until: v.until, venue: v.venue, item: null, record: v.record };
      this.days[v.assessor * nDays + v.day]?.push(visit);
      if (v.record !== null) this.recordDay(v.record, v.day).push(visit);
    }
    this.room = new RoomIndex(problem, this.dayLength, this.weekLength);
  }

  dayOf(assessor: number, day: number): DayVisit[] {
    return this.days[assessor * this.problem.days.length + day] as DayVisit[];
  }

  recordDay(record: number, day: number): DayVisit[] {
    const key = record * this.problem.days.length + day;
    let list = this.recordDays.get(key);
    if (!list) {
      list = [];
      this.recordDays.set(key, list);
    }
    return list;
  }

  /** The record's visits that day, without making room for them. */
  recordVisits(record: number, day: number): readonly DayVisit[] {
    return this.recordDays.get(record * this.problem.days.length + day) ?? NONE;
  }

  weekLoad(assessor: number, day: number): number {
    return this.weekCount[assessor * this.problem.weeks + (this.problem.week[day] as number)] as number;
  }

  private bump(assessor: number, day: number, by: number) {
    const w = assessor * this.problem.weeks + (this.problem.week[day] as number);
    this.weekCount[w] = (this.weekCount[w] as number) + by;
    this.load[assessor] = (this.load[assessor] as number) + by;
  }

  place(item: number, slot: Slot) {
    const it = this.problem.items[item];
    if (!it || this.at[item]) throw new Error(`item ${item} cannot be placed twice`);
    const visit: DayVisit = { from: slot.start, until: slot.start + it.minutes, venue: it.venue, item, record: it.record };
    this.dayOf(slot.assessor, slot.day).push(visit);
    this.recordDay(it.record, slot.day).push(visit);
    this.bump(slot.assessor, slot.day, 1);
    this.room.refresh(slot.assessor, slot.day, this.dayLength, this.weekLength);
    this.at[item] = slot;
    this.placedCount++;
  }

  lift(item: number): Slot | null {
    const slot = this.at[item];
    const it = this.problem.items[item];
    if (!slot || !it) return null;
    const day = this.dayOf(slot.assessor, slot.day);
    day.splice(
      day.findIndex((v) => v.item === item),
      1,
    );
    const rd = this.recordDay(it.record, slot.day);
    rd.splice(
      rd.findIndex((v) => v.item === item),
      1,
    );
    this.bump(slot.assessor, slot.day, -1);
    this.room.refresh(slot.assessor, slot.day, this.dayLength, this.weekLength);
    this.at[item] = null;
    this.placedCount--;
    return slot;
  }
}
