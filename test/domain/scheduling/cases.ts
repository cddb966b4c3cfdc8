// Small generated scheduling instances made harder at random, for the property tests:
// bench/schedule/generate.ts at a size of 8 to 20 assessments, 2 to 4 assessors and 5 to 10
// working days, then assessors given leave, caps, part-time hours and declared
// relationships, bookings already made for others, and one record's method already booked.
import fc from 'fast-check';
import { generate, type Size } from '../../../bench/schedule/generate.ts';
import { addDays } from '../../../src/domain/calendar/dates.ts';
import { isWorkingDay } from '../../../src/domain/calendar/working-days.ts';
import { SchedulingInstance } from '../../../src/domain/scheduling/model.ts';
import { data, holidays } from './build.ts';

const sizeArb = fc.record({
  name: fc.constant('T'),
  assessments: fc.integer({ min: 8, max: 20 }),
  assessors: fc.integer({ min: 2, max: 4 }),
  workingDays: fc.integer({ min: 5, max: 10 }),
});

/** What is changed of one assessor: leave, caps, a declared relationship with some record's apprentice, employer or provider. */
const tweakArb = fc.record({
  leave: fc.option(fc.record({ start: fc.integer({ min: 0, max: 14 }), length: fc.integer({ min: 0, max: 4 }) }), { nil: null }),
  maxPerDay: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  maxPerWeek: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
  related: fc.option(fc.record({ record: fc.nat(), with: fc.constantFrom('apprentice', 'employer', 'provider') }), { nil: null }),
  hours: fc.option(fc.record({ weekday: fc.integer({ min: 1, max: 5 }), starts: fc.constantFrom('09:00', '10:30', '13:00') }), { nil: null }),
});

/** A booking already made for someone outside the instance, on a working day in the horizon. */
const fixedArb = fc.record({
  assessor: fc.nat(),
  day: fc.nat(),
  slot: fc.integer({ min: 0, max: 13 }),
  minutes: fc.integer({ min: 30, max: 120 }),
  remote: fc.boolean(),
});

export const caseArb = fc.record({
  seed: fc.integer({ min: 0, max: 100_000 }),
  size: sizeArb,
  tweaks: fc.array(tweakArb, { maxLength: 4 }),
  fixed: fc.array(fixedArb, { maxLength: 3 }),
  /** One record's first method already booked (it becomes an existing booking of the record). */
  bookedRecord: fc.option(fc.nat(), { nil: null }),
});
export type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function horizonDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(d, holidays)) days.push(d);
  return days;
}

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function tweakAssessors(inst: SchedulingInstance, c: Case) {
  c.tweaks.forEach((t, i) => {
    const a = inst.assessors[i];
    if (!a) return;
    if (t.leave) a.leave = [{ fromDate: addDays(inst.from, t.leave.start), toDate: addDays(inst.from, t.leave.start + t.leave.length), reason: null }];
    a.maxPerDay = t.maxPerDay;
    a.maxPerWeek = t.maxPerWeek;
    const r = t.related ? inst.records[t.related.record % inst.records.length] : undefined;
    if (t.related && r) {
      const w = t.related.with;
      const organisationId = w === 'employer' ? r.employerId : w === 'provider' ? r.providerId : null;
      a.relationships = [{ apprenticeId: w === 'apprentice' ? r.apprenticeId : null, organisationId, nature: 'declared in a test' }];
    }
    if (t.hours) a.weeklyHours = [{ weekday: t.hours.weekday, starts: t.hours.starts, ends: '17:00' }];
  });
}

/** The generated instance, made harder: tweaked assessors, bookings already made, one record's method already booked. */
export function buildCase(c: Case): SchedulingInstance {
  const inst = structuredClone(generate(c.size as Size, c.seed, data, holidays));
  tweakAssessors(inst, c);
  const days = horizonDays(inst.from, inst.to);
  const bookings: SchedulingInstance['bookings'] = c.fixed.map((f, i) => ({
    id: `F${i}`,
    recordId: `OTHER${i}`,
    method: 'observation',
    assessorId: (inst.assessors[f.assessor % inst.assessors.length] as { id: string }).id,
    date: days[f.day % days.length] as string,
    start: clock(9 * 60 + 30 * f.slot),
    minutes: f.minutes,
    bookedOn: inst.today,
    venue: f.remote ? null : `venue of F${i}`,
    region: null,
    movable: false,
  }));
  const record = c.bookedRecord === null ? undefined : inst.records[c.bookedRecord % inst.records.length];
  const first = record?.methods[0];
  if (record && first && record.methods.length > 1) {
    record.methods = record.methods.slice(1);
    const assessorId = (inst.assessors[0] as { id: string }).id;
    const venue = first.remote ? null : record.venue;
    const at = { date: days[0] as string, start: '09:00', minutes: first.minutes, bookedOn: inst.today, venue, region: record.region };
    bookings.push({ id: 'BOOKED', recordId: record.id, method: first.method, assessorId, ...at, movable: false });
  }
  return SchedulingInstance.parse({ ...inst, bookings });
}
