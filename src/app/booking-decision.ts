// Deciding a booking, new or moved, over the facts the repository gathered: the plan
// (src/domain/planning), the assessor rules (src/domain/booking), the record's lifecycle
// (src/domain/lifecycle). No I/O here: the same decision serves the booking and its dry run.
import { assessorFindings, availabilityWarning } from '../domain/booking/assessor-eligibility.ts';
import { capRefusal } from '../domain/booking/assessor-load.ts';
import { leaveRefusal, weeklyWindowsOn } from '../domain/booking/availability.ts';
import { venueFindings } from '../domain/booking/slot.ts';
import { dayRefusal } from '../domain/booking/travel.ts';
import { workingTimeWarnings } from '../domain/booking/working-time.ts';
import { earliest, type IsoDate } from '../domain/calendar/dates.ts';
import { londonToUtc, utcToLondon } from '../domain/calendar/london-time.ts';
import { transition } from '../domain/lifecycle/record-lifecycle.ts';
import type { Finding } from '../domain/outcome.ts';
import { awaitedWork } from '../domain/planning/booking-check.ts';
import { bookingPlanFindings } from '../domain/planning/booking-plan.ts';
import type { Booking, PlanCheckRequest } from '../domain/planning/input.ts';
import { type WorkKind, workSubmittedOn } from '../domain/planning/submitted.ts';
import { epaWindow } from '../domain/planning/window.ts';
import { latestResultInForce, projectFailReleasedOn } from '../domain/reassessment/rework.ts';
import { type Resolved, resolve } from '../domain/standards/catalogue.ts';
import type { Method } from '../domain/standards/schema.ts';
import type { AssessorFacts, RecordFacts } from '../store/repositories/booking-facts.repository.ts';
import type { RecordChanges } from '../store/repositories/bookings.repository.ts';
import type { AppContext } from './context.ts';
import { travelMinutes, workingHours } from './epao-settings.ts';
import { type AppError, badRequest, conflict, refused } from './errors.ts';

export type Proposal = {
  method: string;
  date: IsoDate;
  startsAt: Date;
  endsAt: Date;
  assessorId: string;
  bookedOn: IsoDate;
  /** Where it is held face to face; null when only remotely (no travel). */
  venue: string | null;
};

export function resolved(ctx: AppContext, record: { standard: string; policy: string | null }): Resolved {
  const r = resolve(ctx.catalogue, record.standard, record.policy);
  if (!r.ok) throw conflict(r.problem.code, `the record's standard or policy is not held: ${r.problem.message}`);
  return r.value;
}

export function methodFor(r: Resolved, method: string): Method {
  const found = r.index.methods.get(method);
  if (!found) throw badRequest('UNKNOWN_METHOD', `${r.index.standard.id} has no method "${method}" (methods: ${[...r.index.methods.keys()].join(', ')})`);
  return found;
}

/** Assessments are booked once the gateway is approved (the record's lifecycle); the date it was. */
export function assertBookable(record: RecordFacts): IsoDate {
  const next = transition(record.status, 'book-assessment');
  if (!next.ok) throw conflict(next.code, next.message, { recordStatus: record.status });
  if (!record.gatewayApprovedOn)
    throw conflict('NOT_GATEWAY_APPROVED', `the record is ${record.status}: assessments are booked once the gateway is approved`, {
      recordStatus: record.status,
    });
  return record.gatewayApprovedOn;
}

/** Venue or remote link (remote only where the method allows it). */
export function assertPlace(method: Method, place: { venue: string | null; remoteLink: string | null }) {
  const findings = venueFindings(method, place);
  const missing = findings.find((f) => f.code === 'VENUE_REQUIRED');
  if (missing) throw badRequest(missing.code, missing.message);
  const first = findings[0];
  if (first) throw refused(first.code, first.message, findings);
}

export function startInstant(date: IsoDate, startTime: string): Date {
  const start = londonToUtc(date, startTime);
  if (!start.ok) throw badRequest(start.problem.code, start.problem.message);
  return start.value;
}

/** The method is free to book: not booked already, and assessed before only where a re-sit or re-take is arranged (001 §8). */
function assertMethodFree(record: RecordFacts, r: Resolved, method: string): { windowEnds: IsoDate | null } | undefined {
  const taken = record.others.find((o) => o.method === method && o.status === 'booked');
  if (taken)
    throw conflict('METHOD_ALREADY_BOOKED', `the ${method} is already booked for this apprentice: move or cancel that booking`, { bookingId: taken.id });
  const reattempt = record.openReattempts.find((a) => a.method === method);
  if (record.others.some((o) => o.method === method && o.status === 'held') && !reattempt)
    throw refused(
      'REATTEMPT_NOT_ARRANGED',
      `the ${method} has been assessed: it is booked again only once a re-sit or re-take is arranged, and a pass cannot be re-sat`,
      [
        {
          code: 'REATTEMPT_NOT_ARRANGED',
          message: `the ${method} has been assessed; a further attempt needs an arranged re-sit or re-take`,
          source: r.index.standard.reassessment.noRetakeToImprove.source,
        },
      ],
    );
  return reattempt;
}

/** The plan with this booking: its violations (this booking's own) and warnings. */
function planFindings(
  ctx: AppContext,
  record: RecordFacts,
  r: Resolved,
  proposal: Proposal,
  gatewayApproved: IsoDate,
  reattempt?: { windowEnds: IsoDate | null },
) {
  const failReleasedOn = projectFailReleasedOn(r, latestResultInForce(record.results));
  const { evidenceSubmittedOn, ...perBooking } = workSubmittedOn(
    record.work.map((w) => ({ kind: w.kind as WorkKind, submittedOn: w.submittedOn })),
    record.gatewaySubmittedOn,
    failReleasedOn,
  );
  const others: Booking[] = record.others.map((o) => ({ method: o.method, date: utcToLondon(o.startsAt).date, bookedOn: o.bookedOn, ...perBooking }));
  const base: Omit<PlanCheckRequest, 'bookings'> = {
    standard: record.standard,
    policy: record.policy,
    gatewayApproved,
    registeredOn: record.registeredOn,
    ...(evidenceSubmittedOn ? { evidenceSubmittedOn } : {}),
    ...(failReleasedOn ? { projectFailReleasedOn: failReleasedOn } : {}),
  };
  const proposed: Booking = { method: proposal.method, date: proposal.date, bookedOn: proposal.bookedOn, ...perBooking };
  const plan = bookingPlanFindings(r, { base, others, proposed, reattempt }, ctx.holidays);
  if (!plan.ok) throw badRequest(plan.problem.code, plan.problem.message);
  // This booking's own warnings: its time of day and week, and work it waits for that is not in yet.
  const own = [...workingTimeWarnings(proposal, workingHours(), ctx.holidays), ...awaitedWork(r, proposed, proposal.bookedOn)];
  return { violations: plan.value.violations, warnings: [...plan.value.warnings, ...own] };
}

/**
 * Checks a booking, new or moved, against the plan (every current booking plus this one),
 * the assessor's independence, currency and approval, and the assessor's diary. Throws
 * the refusal; returns the warnings.
 */
export function decideProposal(ctx: AppContext, record: RecordFacts, assessor: AssessorFacts | undefined, r: Resolved, proposal: Proposal): Finding[] {
  const gatewayApproved = assertBookable(record);
  const reattempt = assertMethodFree(record, r, proposal.method);
  // A re-sit or re-take of this method keeps to its own window, not the original EPA window.
  const plan = planFindings(ctx, record, r, proposal, gatewayApproved, reattempt);
  const { violations } = plan;
  if (!assessor) throw badRequest('UNKNOWN_ASSESSOR', `no assessor ${proposal.assessorId}`);
  const ineligible = assessorFindings(
    { standards: assessor.standards, standardisedOn: assessor.standardisedOn, relationships: assessor.relationships, suspendedOn: assessor.suspendedOn },
    {
      standard: record.standard,
      date: proposal.date,
      apprenticeId: record.apprenticeId,
      uln: record.uln,
      employerId: record.employerId,
      providerId: record.providerId,
    },
  );
  const away = leaveRefusal(proposal.date, assessor.leave);
  const refusals = [...violations, ...ineligible, ...(away ? [away] : []), ...dayFindings(assessor, proposal)];
  const first = refusals[0];
  if (first) throw refused(first.code, first.message, refusals, { warnings: plan.warnings });
  if (assessor.clash) throw assessorBusy(assessor.clash);
  const declared = assessor.availability.length > 0 || assessor.weeklyHours.length > 0;
  const outside = availabilityWarning([...assessor.availability, ...weeklyWindowsOn(proposal.date, assessor.weeklyHours)], proposal, declared);
  return outside ? [...plan.warnings, outside] : plan.warnings;
}

const minutesOf = (instant: string | Date, date: IsoDate) => {
  const at = utcToLondon(instant);
  return at.date > date ? 24 * 60 : Number(at.time.slice(0, 2)) * 60 + Number(at.time.slice(3, 5));
};

/** The assessor's day with this booking in it: their caps, and time to travel between venues (clashes are the database's). */
function dayFindings(assessor: AssessorFacts, proposal: Proposal): Finding[] {
  const full = capRefusal({ perDay: assessor.maxPerDay, perWeek: assessor.maxPerWeek }, proposal.date, assessor.sameDay.length, assessor.sameWeek);
  const visits = assessor.sameDay.map((b) => ({ from: minutesOf(b.startsAt, proposal.date), until: minutesOf(b.endsAt, proposal.date), venue: b.venue }));
  const visit = { from: minutesOf(proposal.startsAt, proposal.date), until: minutesOf(proposal.endsAt, proposal.date), venue: proposal.venue };
  // An overlap is left to the clash check and the database's exclusion constraint (409 ASSESSOR_BUSY).
  const travel = dayRefusal(visits, visit, travelMinutes());
  return [...(full ? [full] : []), ...(travel && travel.code === 'NO_TIME_TO_TRAVEL' ? [travel] : [])];
}

export function assessorBusy(clash?: { startsAt: Date | string; endsAt: Date | string }): AppError {
  if (!clash) return conflict('ASSESSOR_BUSY', 'the assessor already has an assessment that overlaps this time');
  const from = utcToLondon(clash.startsAt);
  const until = utcToLondon(clash.endsAt);
  return conflict('ASSESSOR_BUSY', `the assessor already has an assessment on ${from.date} from ${from.time} to ${until.time} (UK time)`, {
    busy: { date: from.date, from: from.time, until: until.time },
  });
}

/** The database's verdict on a race two requests both passed the checks for. */
function raceLost(error: unknown): AppError | null {
  const e = error as { code?: string; constraint?: string; message?: string };
  const where = `${e?.constraint ?? ''} ${e?.message ?? ''}`;
  if (e?.code === '23P01' && where.includes('bookings_assessor_free')) return assessorBusy();
  if (e?.code === '23505' && where.includes('bookings_one_per_method'))
    return conflict('METHOD_ALREADY_BOOKED', 'this method is already booked for this apprentice: move or cancel that booking');
  return null;
}

export async function settled<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw raceLost(error) ?? error;
  }
}

/**
 * What a booking change does to its record: a booking (not a cancellation) puts it in EPA
 * (the lifecycle), and where the standard's window starts at the first assessment (ST0072,
 * 003 Readiness for end-point assessment) the window follows the earliest assessment.
 * `bookedDates`: the UK dates of the record's booked and held assessments after the change.
 */
export function recordChangesAfter(record: RecordFacts, r: Resolved, booked: boolean, bookedDates: readonly IsoDate[]): RecordChanges | null {
  const changes: RecordChanges = {};
  const next = transition(record.status, 'book-assessment');
  if (booked && next.ok && next.status !== record.status) changes.status = next.status;
  if (r.index.standard.epaWindow.value.startsAt === 'first-assessment' && record.gatewayApprovedOn) {
    // Assessments held count as much as those still to come: the window starts at the first.
    const first = earliest(bookedDates);
    const window = first ? epaWindow(r, record.gatewayApprovedOn, first) : null;
    if ((window?.start ?? null) !== record.epaStart || (window?.end ?? null) !== record.epaEnd) {
      changes.epaStart = window?.start ?? null;
      changes.epaEnd = window?.end ?? null;
    }
  }
  return Object.keys(changes).length === 0 ? null : changes;
}
