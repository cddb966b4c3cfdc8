// A seeded generator of scheduling instances shaped like an EPAO's waiting list: apprentices
// approved at gateway over the last weeks on ST0071 (1.1 under VTCT, 1.2 under NQual, PAL or
// none) and ST0072 (Highfield), each with the methods still to book, some with extra time,
// days they cannot do and dates they prefer; assessors approved for some versions, a few
// with declared relationships, part-time hours, leave, a standardisation that lapses, caps
// of 2 or 3 a day and 3 to 6 a week; and bookings already made for other apprentices.
import { plannedLength } from '../../src/domain/booking/slot.ts';
import { addDays } from '../../src/domain/calendar/dates.ts';
import { addWorkingDays, type HolidayCalendar } from '../../src/domain/calendar/working-days.ts';
import { type SchedulingInstance, SchedulingInstance as Schema } from '../../src/domain/scheduling/model.ts';
import { seeded } from '../../src/domain/scheduling/random.ts';
import type { Catalogue } from '../../src/domain/standards/catalogue.ts';

export type Size = { name: string; assessments: number; assessors: number; workingDays: number };

export const SIZES: Record<'S' | 'M' | 'L', Size> = {
  S: { name: 'S', assessments: 30, assessors: 5, workingDays: 10 },
  M: { name: 'M', assessments: 500, assessors: 50, workingDays: 60 },
  L: { name: 'L', assessments: 5000, assessors: 300, workingDays: 90 },
};

const VERSIONS = [
  { standard: 'ST0071@1.2', policies: ['NQUAL', 'PAL', null] },
  { standard: 'ST0071@1.1', policies: ['VTCT'] },
  { standard: 'ST0072@1.1', policies: ['HIGHFIELD'] },
] as const;
const REGIONS = ['North East', 'North West', 'Yorkshire', 'Midlands', 'London', 'South East', 'South West'];

/** The first day the schedule may use: far enough from `today` for every notice and lead time. */
const TODAY = '2027-01-04';

export function generate(size: Size, seed: number, catalogue: Catalogue, holidays: HolidayCalendar): SchedulingInstance {
  const random = seeded(seed * 7919 + size.assessments);
  const pick = <T>(xs: readonly T[]): T => xs[random.int(xs.length)] as T;
  const from = addWorkingDays(TODAY, 21, holidays);
  const to = addWorkingDays(from, size.workingDays - 1, holidays);
  const records: SchedulingInstance['records'] = [];
  let remaining = size.assessments;
  for (let r = 0; remaining > 0; r++) {
    const version = pick(VERSIONS);
    const index = catalogue.standards.get(version.standard);
    if (!index) throw new Error(`${version.standard} is not in the catalogue`);
    const all = index.standard.methods;
    const count = Math.min(remaining, 1 + random.int(all.length));
    const methods = all.slice(all.length - count);
    remaining -= methods.length;
    const extra = random.next() < 0.15 ? 25 : 0;
    // Some have waited weeks already: their EPA window closes inside the horizon.
    const gatewayApproved = addDays(from, -(5 + random.int(60)));
    const region = pick(REGIONS);
    const unavailable = random.next() < 0.3 ? [addDays(from, random.int(size.workingDays))] : [];
    records.push({
      id: `R${r}`,
      standard: version.standard,
      policy: pick(version.policies),
      gatewayApproved,
      registeredOn: addDays(gatewayApproved, -300),
      evidenceSubmittedOn: addDays(gatewayApproved, -3),
      portfolioSubmittedOn: addDays(gatewayApproved, -3),
      projectSubmittedOn: addDays(gatewayApproved, -1),
      showcaseSubmittedOn: addDays(gatewayApproved, -1),
      apprenticeId: `A${r}`,
      employerId: `E${r % Math.max(1, Math.floor(size.assessments / 3))}`,
      providerId: `P${r % 12}`,
      venue: `workplace of R${r}`,
      region,
      unavailable,
      preferred: random.next() < 0.2 ? [addDays(from, random.int(size.workingDays))] : [],
      planBookings: [],
      methods: methods.map((m) => ({ method: m.id, minutes: plannedLength(m, extra).maxMinutes, remote: m.venue.value.remoteAllowed && random.next() < 0.5 })),
    });
  }
  const assessors: SchedulingInstance['assessors'] = [];
  for (let a = 0; a < size.assessors; a++) {
    const standards = VERSIONS.filter(() => random.next() < 0.6).map((v) => v.standard);
    const lapses = random.next() < 0.1;
    assessors.push({
      id: `X${a}`,
      name: `Assessor ${a}`,
      standards: standards.length > 0 ? standards : [pick(VERSIONS).standard],
      standardisedOn: lapses ? addDays(from, -365 + random.int(size.workingDays)) : addDays(from, -30 - random.int(200)),
      suspendedOn: null,
      relationships: random.next() < 0.2 ? [{ apprenticeId: null, organisationId: `P${random.int(12)}`, nature: 'former tutor' }] : [],
      // Most assessors are freelance: two or three days a week.
      weeklyHours: random.next() < 0.7 ? workingWeek(random) : [],
      leave:
        random.next() < 0.3
          ? [{ fromDate: addDays(from, random.int(size.workingDays)), toDate: addDays(from, random.int(size.workingDays) + 3), reason: null }].filter(
              (l) => l.fromDate <= l.toDate,
            )
          : [],
      homeRegion: pick(REGIONS),
      maxPerDay: 2 + random.int(2),
      maxPerWeek: 3 + random.int(4),
    });
  }
  // Bookings already made for other apprentices: a tenth as many, fixed, taking assessors' time and caps.
  const bookings: SchedulingInstance['bookings'] = [];
  for (let k = 0; k < Math.floor(size.assessments / 10); k++)
    bookings.push({
      id: `B${k}`,
      recordId: `OTHER${k}`,
      method: 'observation',
      assessorId: `X${random.int(size.assessors)}`,
      date: addWorkingDays(from, random.int(size.workingDays), holidays),
      start: random.next() < 0.5 ? '09:00' : '14:00',
      minutes: 60 + 30 * random.int(2),
      bookedOn: addDays(TODAY, -10),
      venue: `elsewhere ${k}`,
      region: pick(REGIONS),
      movable: false,
    });
  return Schema.parse({ today: TODAY, from, to, stepMinutes: 30, travelMinutes: 60, records, assessors, bookings, seed });
}

function workingWeek(random: ReturnType<typeof seeded>): SchedulingInstance['assessors'][number]['weeklyHours'] {
  const days = [1, 2, 3, 4, 5].filter(() => random.next() < 0.55);
  return (days.length > 0 ? days : [1 + random.int(5)]).map((weekday) => ({ weekday, starts: '09:00', ends: random.next() < 0.5 ? '17:00' : '13:00' }));
}
