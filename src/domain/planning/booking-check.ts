// Whether a set of bookings respects the window, notice periods, submission leads and
// the EPAO policy's lead times (001 §5; the policies' documents, 000, 002, 004).
import { addDays, daysBetween, earliest, type IsoDate } from '../calendar/dates.ts';
import { addWorkingDays, type HolidayCalendar } from '../calendar/working-days.ts';
import { type Finding, ok, problem, type Result } from '../outcome.ts';
import { isRework, REWORKED_SUBMISSION } from '../reassessment/rework.ts';
import { orderInForce, type Resolved } from '../standards/catalogue.ts';
import type { Booking, PlanCheckRequest } from './input.ts';
import { orderWarning } from './order.ts';
import { epaWindow, submissionDeadlines } from './window.ts';

export type PlanCheckOutcome = { ok: boolean; violations: Finding[]; warnings: Finding[] };

/** Where each kind of submission's date is given on a booking, and the code for a late one. */
const SUBMISSION = {
  'project-report': { field: 'projectSubmittedOn', late: 'PROJECT_LATE', awaited: 'PROJECT_NOT_SUBMITTED', name: 'the project report' },
  portfolio: { field: 'portfolioSubmittedOn', late: 'PORTFOLIO_LATE', awaited: null, name: 'the portfolio' },
  showcase: { field: 'showcaseSubmittedOn', late: 'SHOWCASE_LATE', awaited: 'SHOWCASE_NOT_SUBMITTED', name: 'the showcase' },
} as const;

/** Does the policy need working days? Then the caller must pass a holiday calendar. */
export function needsWorkingDays(resolved: Resolved): boolean {
  return Boolean(resolved.policy?.bookingLeadWorkingDays || resolved.policy?.evidenceLeadWorkingDays);
}

export function checkPlan(resolved: Resolved, request: PlanCheckRequest, holidays: HolidayCalendar | null): Result<PlanCheckOutcome> {
  const refused = malformed(resolved, request, holidays);
  if (refused) return refused;
  const bookings = request.bookings;
  const first = earliest(bookings.map((b) => b.date)) as IsoDate;
  const violations: Finding[] = [
    ...windowFindings(resolved, request, first),
    ...noticeFindings(resolved, bookings),
    ...submissionFindings(resolved, request),
    ...policyFindings(resolved, request, first, holidays),
  ];
  const warnings: Finding[] = [];
  const order = orderWarning(orderInForce(resolved), new Map(bookings.map((b) => [b.method, b.date])));
  if (order) warnings.push(order);
  return ok({ ok: violations.length === 0, violations, warnings });
}

/** A request that cannot be checked: an unknown or repeated method, a booking dated before it was made, no calendar. */
function malformed(resolved: Resolved, request: PlanCheckRequest, holidays: HolidayCalendar | null): Result<never> | null {
  const { index } = resolved;
  const seen = new Set<string>();
  for (const booking of request.bookings) {
    if (!index.methods.has(booking.method))
      return problem('UNKNOWN_METHOD', `${index.standard.id} has no method "${booking.method}" (methods: ${[...index.methods.keys()].join(', ')})`);
    if (seen.has(booking.method)) return problem('DUPLICATE_BOOKING', `method "${booking.method}" is booked twice: one booking per method`);
    seen.add(booking.method);
    if (booking.bookedOn > booking.date)
      return problem('DATES_OUT_OF_ORDER', `the ${booking.method} booking was made on ${booking.bookedOn}, after its date ${booking.date}`);
  }
  if (needsWorkingDays(resolved) && !holidays) return problem('NO_CALENDAR', 'working-day rules need the bank holiday calendar');
  return null;
}

/** A finding about some methods; none when no method is concerned. */
function finding(code: string, message: string, source: string, methods: string[], details: Record<string, unknown> = {}): Finding[] {
  return methods.length > 0 ? [{ code, message, source, methods, ...details }] : [];
}

/** The EPA window, inclusive: every assessment on or after gateway approval and within it. */
function windowFindings(resolved: Resolved, request: PlanCheckRequest, first: IsoDate): Finding[] {
  const window = epaWindow(resolved, request.gatewayApproved, first);
  if (!window) return [];
  const outside = request.bookings.filter((b) => b.date < request.gatewayApproved || b.date < window.start || b.date > window.end);
  return finding(
    'OUTSIDE_EPA_WINDOW',
    `${names(outside)} outside the EPA window ${window.start} to ${window.end}`,
    resolved.index.standard.epaWindow.source,
    outside.map((b) => b.method),
    { epaStart: window.start, epaEnd: window.end },
  );
}

/** Notice of the method's date: date − bookedOn ≥ N calendar days. */
function noticeFindings(resolved: Resolved, bookings: readonly Booking[]): Finding[] {
  const { index } = resolved;
  const shortNotice = bookings.filter((b) => {
    const notice = index.methods.get(b.method)?.noticeDays;
    return notice !== undefined && daysBetween(b.bookedOn, b.date) < notice.value;
  });
  if (shortNotice.length === 0) return [];
  const notice = index.methods.get(shortNotice[0]?.method as string)?.noticeDays;
  return finding(
    'NOTICE_TOO_SHORT',
    `${names(shortNotice)} booked with less than ${notice?.value} days' notice`,
    notice?.source ?? '',
    shortNotice.map((b) => b.method),
    { requiredDays: notice?.value },
  );
}

/** Submissions: received ≥ N days before the method's date, and by their deadline after gateway. */
function submissionFindings(resolved: Resolved, request: PlanCheckRequest): Finding[] {
  const found: Finding[] = [];
  const byMethod = new Map(request.bookings.map((b) => [b.method, b]));
  const deadlines = submissionDeadlines(resolved, request.gatewayApproved, request.projectFailReleasedOn);
  for (const method of resolved.index.standard.methods) {
    const booking = byMethod.get(method.id);
    if (!booking) continue;
    for (const submission of method.submissions) {
      const how = SUBMISSION[submission.id];
      const submittedOn = booking[how.field];
      if (submittedOn === undefined) continue;
      // After the project's fail, only its rework counts: the first report is not sent again.
      if (submission.id === REWORKED_SUBMISSION && request.projectFailReleasedOn && !isRework(submittedOn, request.projectFailReleasedOn)) continue;
      if (submission.leadDays && daysBetween(submittedOn, booking.date) < submission.leadDays.value)
        found.push(
          ...finding(
            how.late,
            `${how.name} was submitted on ${submittedOn}, less than ${submission.leadDays.value} days before the ${method.id} on ${booking.date}`,
            submission.leadDays.source,
            [method.id],
            { submittedOn, requiredDays: submission.leadDays.value },
          ),
        );
      const late = afterDeadline(deadlines, submission.id, method.id, submittedOn);
      if (late) found.push(late);
    }
  }
  return found;
}

/** The EPAO policy's lead times: booking, registration and evidence. */
function policyFindings(resolved: Resolved, request: PlanCheckRequest, first: IsoDate, holidays: HolidayCalendar | null): Finding[] {
  const { policy } = resolved;
  const bookings = request.bookings;
  const found: Finding[] = [];
  // Booking lead time in working days (VTCT: 20), the booking day not counted.
  const lead = policy?.bookingLeadWorkingDays;
  if (lead && holidays) {
    const tooSoon = bookings.filter((b) => b.date < addWorkingDays(b.bookedOn, lead.value, holidays));
    found.push(
      ...finding(
        'BOOKING_LEAD_TIME',
        `${names(tooSoon)} booked less than ${lead.value} working days ahead`,
        lead.source,
        tooSoon.map((b) => b.method),
        { requiredWorkingDays: lead.value },
      ),
    );
  }
  // Registration ≥ N days before the (first) assessment (NQual: 90).
  const registration = policy?.registrationLeadDays;
  if (registration && request.registeredOn !== undefined && daysBetween(request.registeredOn, first) < registration.value)
    found.push(
      ...finding(
        'REGISTRATION_TOO_LATE',
        `registered on ${request.registeredOn}, less than ${registration.value} days before the first assessment on ${first}`,
        registration.source,
        methodsOn(bookings, first),
        { registeredOn: request.registeredOn, requiredDays: registration.value },
      ),
    );
  // Evidence uploaded ≥ N working days before the EPA (NQual: 10).
  const evidence = policy?.evidenceLeadWorkingDays;
  if (evidence && holidays && request.evidenceSubmittedOn !== undefined && first < addWorkingDays(request.evidenceSubmittedOn, evidence.value, holidays))
    found.push(
      ...finding(
        'EVIDENCE_LATE',
        `evidence uploaded on ${request.evidenceSubmittedOn}, less than ${evidence.value} working days before the first assessment on ${first}`,
        evidence.source,
        methodsOn(bookings, first),
        { evidenceSubmittedOn: request.evidenceSubmittedOn, requiredWorkingDays: evidence.value },
      ),
    );
  return found;
}

/**
 * Work a booked method waits for that has not reached the EPAO yet, as warnings: the lead
 * rule (ST0071: the project report 14 days before the interview, 001 §5) says when it must
 * arrive. Not a violation, as it may still arrive in time; `checkPlan` leaves it out, since
 * its requests name only work already in (a missing date means "not yet"), so this is asked
 * when a booking is made, on `today`.
 */
export function awaitedWork(resolved: Resolved, booking: Booking, today: IsoDate): Finding[] {
  const method = resolved.index.methods.get(booking.method);
  const warnings: Finding[] = [];
  for (const submission of method?.submissions ?? []) {
    // The portfolio goes in with the gateway submission (004 Section 4), so a record approved
    // at gateway has it: only work uploaded after gateway is awaited.
    if (submission.id === 'portfolio') continue;
    const how = SUBMISSION[submission.id];
    if (booking[how.field] !== undefined || !submission.leadDays) continue;
    const days = submission.leadDays.value;
    const due = addDays(booking.date, -days);
    const late = today > due;
    warnings.push({
      code: how.awaited,
      message: `${how.name} is not in yet: it must be submitted at least ${days} days before the ${booking.method} on ${booking.date}, by ${due}${late ? ', which has passed: move the booking or it will be late' : ''}`,
      source: submission.leadDays.source,
      methods: [booking.method],
      due,
      requiredDays: days,
      rule: how.late,
    });
  }
  return warnings;
}

/** A submission made after its due date (ST0071: the project, 2 months after gateway approval; a rework, 1 month after the fail). */
export function afterDeadline(deadlines: ReturnType<typeof submissionDeadlines>, submission: string, method: string, submittedOn: IsoDate): Finding | null {
  const deadline = deadlines.get(submission);
  if (!deadline || submittedOn <= deadline.due || submission !== 'project-report') return null;
  const { rework } = deadline;
  if (rework)
    return {
      code: 'REWORK_AFTER_DEADLINE',
      message: `the reworked project report was submitted on ${submittedOn}, after it was due on ${rework.due} (${rework.months} month${rework.months === 1 ? '' : 's'} from the fail released on ${rework.failReleasedOn})`,
      source: rework.source,
      methods: [method],
      submittedOn,
      due: rework.due,
      failReleasedOn: rework.failReleasedOn,
    };
  return {
    code: 'PROJECT_AFTER_DEADLINE',
    message: `the project report was submitted on ${submittedOn}, after it was due on ${deadline.due}`,
    source: deadline.source,
    methods: [method],
    submittedOn,
    due: deadline.due,
  };
}

function names(bookings: readonly Booking[]): string {
  return bookings.map((b) => `the ${b.method} on ${b.date}`).join(', ');
}

function methodsOn(bookings: readonly Booking[], date: IsoDate): string[] {
  return bookings.filter((b) => b.date === date).map((b) => b.method);
}

const methodsOf = (finding: Finding): string[] => (Array.isArray(finding.methods) ? (finding.methods as string[]) : []);

/**
 * The violations a new or moved booking brings: those about its own method, and those the
 * plan did not have without it (an earlier ST0072 booking that pushes the others out of the
 * window). Problems already on other bookings do not block an unrelated booking.
 */
export function violationsOfBooking(method: string, withIt: readonly Finding[], withoutIt: readonly Finding[]): Finding[] {
  const before = new Set(withoutIt.flatMap((v) => methodsOf(v).map((m) => `${v.code}:${m}`)));
  return withIt.filter((v) => methodsOf(v).some((m) => m === method || !before.has(`${v.code}:${m}`)));
}
