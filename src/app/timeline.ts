// An EPA record's timeline: what has happened and what is coming, oldest first, read from
// the record's rows (gateway, bookings and their moves, work, assessments, moderation,
// results, appeals, re-sits, the certificate, withdrawal). A read use-case: it decides
// nothing, and shows each role only what that role may know: provisional grades and the
// IQA's moderation outcomes stay with the EPAO until a result is released, as in
// resultStatus (src/app/results.ts).

import type { Actor } from '../domain/access/access.ts';
import type { IsoDate } from '../domain/calendar/dates.ts';
import { utcToLondon } from '../domain/calendar/london-time.ts';
import { kindsSubmitted, workSubmittedOn } from '../domain/planning/submitted.ts';
import { type WorkDeadline, workDeadlines } from '../domain/planning/work-due.ts';
import { latestResultInForce, projectFailReleasedOn } from '../domain/reassessment/rework.ts';
import { type RecordRows, recordFacts, type SubmissionKind } from '../domain/reminders/due.ts';
import { type Resolved, resolve } from '../domain/standards/catalogue.ts';
import {
  appealsOfRecord,
  assessmentsOfRecord,
  bookingChanges,
  bookingsOfRecord,
  certificatesOfRecord,
  dfeItemsOfRecord,
  gatewayStepsOf,
  reattemptsOfRecord,
  resultsOfRecord,
  submissionsInOrder,
} from '../store/repositories/timeline.repository.ts';
import { withdrawalOf } from '../store/repositories/withdrawal.repository.ts';
import type { Grade } from '../store/schema.ts';
import { type AppContext, today } from './context.ts';
import { AppError, forbidden } from './errors.ts';
import { type EpaRecordView, getRecord } from './records.ts';

/** Every kind of event; within one day, in the order an EPA goes through them. */
const RANK = [
  'registered',
  'gateway-submitted',
  'gateway-rejected',
  'gateway-approved',
  'booked',
  'booking-moved',
  'booking-cancelled',
  'work-due',
  'work-submitted',
  'reattempt',
  'assessment',
  'assessment-held',
  'moderated',
  'result-released',
  'appeal-lodged',
  'appeal-decided',
  'certificate-requested',
  'certificate-issued',
  'certificate-sent',
  'sent-to-dfe',
  'epa-window-ends',
  'withdrawn',
] as const;

export type TimelineKind = (typeof RANK)[number];

export type TimelineEvent = {
  kind: TimelineKind;
  /** The UK calendar day it happened or will happen. */
  date: IsoDate;
  /** After today: still to come. */
  upcoming: boolean;
  method?: { id: string; name: string };
  /** An assessment's UK date and start time (bookings, moves, assessments to come). */
  when?: { date: IsoDate; time: string };
  place?: { venue: string | null; remote: boolean };
  /** booked, held or cancelled (a booking); released, suspended, cancelled or superseded (a result). */
  status?: string;
  reasons?: string[];
  work?: SubmissionKind;
  wordCount?: number | null;
  wordLimits?: { min: number | null; max: number | null } | null;
  /** A grade: the provisional or moderated one for the EPAO, the released one for everyone. */
  grade?: Grade | null;
  methodGrades?: { method: string; name: string; grade: Grade }[];
  capped?: boolean;
  attempt?: number;
  /** The IQA's decision (EPAO only), an appeal's outcome, or resit / re-take. */
  outcome?: string | null;
  /** A cancellation's charge (EPAO and provider only). */
  charge?: string | null;
  submitted?: boolean;
  because?: WorkDeadline['because'];
};

/** The rows of one record the timeline and the apprentice's page read. */
export type RecordHistory = Awaited<ReturnType<typeof loadHistory>>;

const londonDate = (instant: Date | string) => utcToLondon(instant).date;
const isStaff = (actor: Actor) => actor.role === 'epao-admin' || actor.role === 'iqa';

export function resolvedFor(ctx: AppContext, record: Pick<EpaRecordView, 'standard' | 'policy'>): Resolved {
  const r = resolve(ctx.catalogue, record.standard, record.policy);
  // A record only holds a standard and policy that resolved when it was registered.
  if (!r.ok) throw new AppError(409, r.problem.code, r.problem.message);
  return r.value;
}

/** Everything that has happened to a record, straight from its tables; callers check access first. */
export async function loadHistory(ctx: AppContext, recordId: string) {
  const [extra, gateway, bookings, submissions, assessments, results, appeals, reattempts, certificates, dfe] = await Promise.all([
    withdrawalOf(ctx.db, recordId),
    gatewayStepsOf(ctx.db, recordId),
    bookingsOfRecord(ctx.db, recordId),
    submissionsInOrder(ctx.db, recordId),
    assessmentsOfRecord(ctx.db, recordId),
    resultsOfRecord(ctx.db, recordId),
    appealsOfRecord(ctx.db, recordId),
    reattemptsOfRecord(ctx.db, recordId),
    certificatesOfRecord(ctx.db, recordId),
    dfeItemsOfRecord(ctx.db, recordId),
  ]);
  const changes = await bookingChanges(
    ctx.db,
    bookings.map((b) => b.id),
  );
  return { ...extra, gateway, bookings, submissions, assessments, results, appeals, reattempts, certificates, dfe, changes };
}

/** The work due and submitted, from the record's rows and the standard data. */
export function deadlinesOf(resolved: Resolved, record: EpaRecordView, history: RecordHistory): WorkDeadline[] {
  if (!record.gatewayApprovedOn) return [];
  const failReleasedOn = projectFailReleasedOn(resolved, latestResultInForce(history.results));
  const submitted = kindsSubmitted(
    workSubmittedOn(
      history.submissions.flatMap((s) => (s.kind === 'portfolio' ? [] : [{ kind: s.kind, submittedOn: s.submittedOn }])),
      history.gateway.map((g) => g.submittedOn),
      failReleasedOn,
    ),
  );
  const byBooking = new Map(history.bookings.map((b) => [b.id, b]));
  const rows: RecordRows = {
    recordId: record.id,
    about: `${record.apprentice.givenNames} ${record.apprentice.familyName}`,
    gatewayApprovedOn: record.gatewayApprovedOn,
    bookings: history.bookings.map((b) => ({ id: b.id, method: b.method, date: londonDate(b.startsAt), status: b.status })),
    submitted,
    assessments: history.assessments.flatMap((a) => {
      const at = a.endedAt ?? byBooking.get(a.bookingId)?.startsAt;
      return a.status === 'submitted' && at ? [{ method: a.method, attempt: a.attempt, heldOn: londonDate(at) }] : [];
    }),
    results: history.results.map((r) => ({ finalAssessmentOn: r.finalAssessmentOn })),
    projectFailReleasedOn: failReleasedOn,
  };
  return workDeadlines(recordFacts(resolved, rows));
}
export async function recordTimeline(ctx: AppContext, actor: Actor, recordId: string): Promise<TimelineEvent[]> {
  if (actor.role === 'assessor') throw forbidden('an assessor sees the assessments booked with them, not the whole record');
  const record = await getRecord(ctx, actor, recordId);
  const resolved = resolvedFor(ctx, record);
  const history = await loadHistory(ctx, recordId);
  return timelineOf(ctx, actor, record, resolved, history);
}

type Add = (event: Omit<TimelineEvent, 'upcoming'>) => void;
/** What each part of the timeline needs: who is looking, the standard's methods, and where events go. */
type Telling = { actor: Actor; staff: boolean; methodOf: (id: string) => { id: string; name: string }; add: Add };

/** The events of a record already read (the apprentice's page reads it once for several views). */
export function timelineOf(ctx: AppContext, actor: Actor, record: EpaRecordView, resolved: Resolved, history: RecordHistory): TimelineEvent[] {
  const todayIs = today(ctx);
  const events: TimelineEvent[] = [];
  // An assessment booked for today is still to come until it is recorded.
  const add: Add = (event) => events.push({ ...event, upcoming: event.date > todayIs || (event.kind === 'assessment' && event.date === todayIs) });
  const telling: Telling = { actor, staff: isStaff(actor), methodOf: (id) => ({ id, name: resolved.index.methods.get(id)?.name ?? id }), add };

  add({ kind: 'registered', date: record.registeredOn });
  for (const g of history.gateway) {
    add({ kind: 'gateway-submitted', date: g.submittedOn });
    if (g.status === 'approved' && g.decidedAt) add({ kind: 'gateway-approved', date: londonDate(g.decidedAt) });
    if (g.status === 'rejected' && g.decidedAt) add({ kind: 'gateway-rejected', date: londonDate(g.decidedAt), reasons: (g.reasons as string[] | null) ?? [] });
  }
  addBookings(telling, history);
  addWork(telling, resolved, record, history);
  addOutcomes(telling, resolved, history);
  if (history.withdrawnOn) add({ kind: 'withdrawn', date: history.withdrawnOn, reasons: history.withdrawalReason ? [history.withdrawalReason] : [] });

  const rank = (kind: TimelineKind) => RANK.indexOf(kind);
  return events
    .map((event, i) => ({ event, i }))
    .sort((a, b) => a.event.date.localeCompare(b.event.date) || rank(a.event.kind) - rank(b.event.kind) || a.i - b.i)
    .map(({ event }) => event);
}

/** Each booking: made, moved, cancelled, and held (with its moderation) or still to come. */
function addBookings({ actor, staff, methodOf, add }: Telling, history: RecordHistory) {
  const assessmentOf = new Map(history.assessments.filter((a) => a.status === 'submitted').map((a) => [a.bookingId, a]));
  for (const b of history.bookings) {
    const method = methodOf(b.method);
    const place = { venue: b.venue, remote: b.remoteLink !== null };
    const log = history.changes.filter((c) => c.entityId === b.id);
    const made = log.find((c) => c.action === 'book')?.after as { bookedOn?: string; date?: string; startsAt?: string } | undefined;
    const moves = log.filter((c) => c.action === 'move').map((c) => c.after as { bookedOn?: string; date?: string; startsAt?: string });
    const first = made?.startsAt ? utcToLondon(made.startsAt) : utcToLondon(b.startsAt);
    add({ kind: 'booked', date: made?.bookedOn ?? b.bookedOn, method, when: first, place });
    for (const move of moves)
      if (move.startsAt) add({ kind: 'booking-moved', date: move.bookedOn ?? b.bookedOn, method, when: utcToLondon(move.startsAt), place });
    const when = utcToLondon(b.startsAt);
    if (b.status === 'cancelled') {
      add({
        kind: 'booking-cancelled',
        date: b.cancelledOn ?? when.date,
        method,
        when,
        reasons: b.cancellationReason ? [b.cancellationReason] : [],
        charge: staff || actor.role === 'provider' ? b.cancellationCharge : null,
      });
      continue;
    }
    const held = assessmentOf.get(b.id);
    if (held) {
      add({
        kind: 'assessment-held',
        date: londonDate(held.endedAt ?? b.startsAt),
        method,
        attempt: held.attempt,
        grade: staff ? held.provisionalGrade : null,
      });
      if (held.moderatedAt)
        add({
          kind: 'moderated',
          date: londonDate(held.moderatedAt),
          method,
          attempt: held.attempt,
          outcome: staff ? held.moderationStatus : null,
          grade: staff ? (held.moderatedGrade ?? held.provisionalGrade) : null,
        });
    } else add({ kind: 'assessment', date: when.date, method, when, place, status: b.status });
  }
}

/** Work sent, work still due, and the end of the EPA window. */
function addWork({ methodOf, add }: Telling, resolved: Resolved, record: EpaRecordView, history: RecordHistory) {
  for (const s of history.submissions) {
    const words = (s.outcome as { words?: { rule?: { min: number | null; max: number | null } } | null } | null)?.words;
    add({
      kind: 'work-submitted',
      date: s.submittedOn,
      work: s.kind,
      wordCount: s.wordCount,
      wordLimits: words?.rule ? { min: words.rule.min, max: words.rule.max } : null,
    });
  }
  // Work still to send: once sent, its submission is the event (and a held method's lead no longer counts).
  for (const d of deadlinesOf(resolved, record, history))
    if (!d.submitted)
      add({
        kind: 'work-due',
        date: d.due,
        work: d.kind,
        submitted: false,
        because: d.because,
        ...(d.because.rule === 'before-method' ? { method: methodOf(d.because.method) } : {}),
      });
  if (record.epaEnd && !['completed', 'withdrawn'].includes(record.status)) add({ kind: 'epa-window-ends', date: record.epaEnd });
}

/** Re-sits, results, appeals and the certificate. */
function addOutcomes({ methodOf, add }: Telling, resolved: Resolved, history: RecordHistory) {
  const methodOrder = resolved.index.standard.methods.map((m) => m.id);
  const inMethodOrder = (grades: Record<string, Grade>) =>
    methodOrder.flatMap((id) => (grades[id] ? [{ method: id, name: methodOf(id).name, grade: grades[id] }] : []));
  for (const r of history.reattempts) add({ kind: 'reattempt', date: r.plannedOn, method: methodOf(r.method), attempt: r.attempt, outcome: r.kind });
  for (const r of history.results)
    add({
      kind: 'result-released',
      date: r.releasedOn,
      grade: r.overall,
      status: r.status,
      capped: r.capped,
      methodGrades: inMethodOrder(r.methodGrades),
    });
  for (const a of history.appeals) {
    add({ kind: 'appeal-lodged', date: a.lodgedOn, reasons: [a.grounds] });
    if (a.decidedOn) {
      const reason = (a.decision as { reason?: string } | null)?.reason;
      const reassessed = (a.decision as { remedy?: string } | null)?.remedy === 'reassessment';
      add({ kind: 'appeal-decided', date: a.decidedOn, outcome: reassessed ? 'upheld-reassessment' : a.status, reasons: reason ? [reason] : [] });
    }
  }
  for (const c of history.certificates) {
    add({ kind: 'certificate-requested', date: c.requestedOn });
    if (c.issuedOn) add({ kind: 'certificate-issued', date: c.issuedOn });
    if (c.sentOn) add({ kind: 'certificate-sent', date: c.sentOn });
  }
  // What the DfE Assessor Service has: the EPA outcomes, the certificate and its print status.
  for (const d of history.dfe)
    if (d.sentAt) add({ kind: 'sent-to-dfe', date: londonDate(d.sentAt), outcome: d.kind, ...(d.dfeStatus ? { status: d.dfeStatus } : {}) });
}
