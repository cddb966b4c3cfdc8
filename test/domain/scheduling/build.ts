// A tiny builder of scheduling instances for the scheduler's tests: one ST0071@1.2 record
// with an observation, one assessor approved for it, and a horizon of January 2027, each
// part overridable. Dates: today is Monday 4 January 2027, so the observation's 14 days'
// notice first allows Monday 18 January.

import type { z } from 'zod';
import { englandAndWalesBankHolidays } from '../../../src/domain/calendar/bank-holidays.ts';
import { type AssessorToPlace, type ExistingBooking, type Proposal, type RecordToPlace, SchedulingInstance } from '../../../src/domain/scheduling/model.ts';
import { type SolveOptions, schedule } from '../../../src/domain/scheduling/solve.ts';
import { catalogue } from '../../../src/standards/load.ts';

export const data = catalogue();
export const holidays = englandAndWalesBankHolidays();

export const TODAY = '2027-01-04';
/** 14 calendar days after TODAY: the first date the ST0071 observation's notice allows. */
export const FIRST_NOTICE_DAY = '2027-01-18';

// The shapes as written (defaults optional), as an instance's JSON gives them.
type RecordInput = Partial<z.input<typeof RecordToPlace>> & { id: string };
type AssessorInput = Partial<z.input<typeof AssessorToPlace>> & { id: string };
type BookingInput = Partial<z.input<typeof ExistingBooking>> & { id: string; recordId: string; assessorId: string; date: string };

/** A record on ST0071@1.2 (no policy) approved at gateway on TODAY, with the observation to book. */
export function record(over: RecordInput) {
  const id = over.id;
  return {
    standard: 'ST0071@1.2',
    policy: null,
    gatewayApproved: TODAY,
    registeredOn: '2026-01-05',
    apprenticeId: `apprentice-${id}`,
    employerId: `employer-${id}`,
    providerId: `provider-${id}`,
    venue: `workplace of ${id}`,
    region: 'London',
    methods: [{ method: 'observation', minutes: 60 }],
    ...over,
  };
}

/** An assessor approved for both seeded standards, current, with no hours declared (any working time). */
export function assessor(over: AssessorInput) {
  return {
    name: `Assessor ${over.id}`,
    standards: ['ST0071@1.2', 'ST0072@1.1'],
    standardisedOn: '2026-09-01',
    homeRegion: 'London',
    ...over,
  };
}

export function booking(over: BookingInput) {
  return { method: 'observation', start: '09:00', minutes: 60, bookedOn: '2026-12-01', ...over };
}

/** A whole instance, parsed (defaults filled in) as the CLI would. */
export function instance(over: Partial<Record<keyof SchedulingInstance, unknown>> = {}): SchedulingInstance {
  return SchedulingInstance.parse({
    today: TODAY,
    from: TODAY,
    to: '2027-01-29',
    records: [record({ id: 'R1' })],
    assessors: [assessor({ id: 'X1' })],
    ...over,
  });
}

/** Schedules the instance; throws when the instance is refused. */
export function solve(inst: SchedulingInstance, options: SolveOptions = { moves: 300 }): Proposal {
  const result = schedule(inst, data, holidays, options);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.proposal;
}
