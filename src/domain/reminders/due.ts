// Reminders and overdue alerts: which are due today, from plain facts about records.
// The deadlines themselves come from the documents: the EPA window and the project's
// 2 months (001_1e92b44f98d10fcb.txt §5), the submissions' lead days before a method
// (001 §5), the EPAO's results deadline (NQual: 10 working days,
// 002_75563123dfdaaed6.txt, EPA Timescale) and moderation before results are confirmed
// (001 §8). How far ahead to remind, and when moderation counts as slow, are Capstone's
// own choices: no seed sets them. Each reminder carries a dedupe key (code, record, what
// it is about, due date) so it is sent once, and again only if its due date moves.
import { addDays, earliest, type IsoDate } from '../calendar/dates.ts';
import { addWorkingDays, type HolidayCalendar, workingDaysBetween } from '../calendar/working-days.ts';
import { epaWindow, submissionDeadlines } from '../planning/window.ts';
import type { Resolved } from '../standards/catalogue.ts';

/** Capstone's choice: remind about a submission from 5 working days before it is due. */
export const SUBMISSION_REMINDER_WORKING_DAYS = 5;
/** Capstone's choice: warn from 10 working days before the EPA window ends with methods not held. */
export const WINDOW_REMINDER_WORKING_DAYS = 10;
/** Capstone's choice: remind from 3 working days before the policy's results deadline. */
export const RESULTS_REMINDER_WORKING_DAYS = 3;
/** Capstone's choice: alert when an assessment has waited for moderation more than 5 working days. */
export const MODERATION_ALERT_WORKING_DAYS = 5;

const MODERATION_SOURCE =
  'Capstone: an alert after 5 working days pending (no seed sets a moderation time); results wait for moderation: 001_1e92b44f98d10fcb.txt, §8 ("Decisions must not be confirmed until after moderation")';

export type ReminderCode =
  | 'SUBMISSION_DUE'
  | 'SUBMISSION_OVERDUE'
  | 'EPA_WINDOW_ENDING'
  | 'EPA_WINDOW_PASSED'
  | 'RESULTS_DUE'
  | 'RESULTS_OVERDUE'
  | 'MODERATION_DUE';

/** Past their deadline (moderation: past Capstone's alert threshold); the others are due soon. */
export const OVERDUE: ReadonlySet<ReminderCode> = new Set(['SUBMISSION_OVERDUE', 'EPA_WINDOW_PASSED', 'RESULTS_OVERDUE', 'MODERATION_DUE']);

export type Audience = 'epao' | 'provider' | 'apprentice' | 'iqa';

export type Reminder = {
  code: ReminderCode;
  message: string;
  /** The document that sets the deadline (or, for moderation, Capstone's own threshold). */
  source: string;
  recordId: string;
  /** What it is about within the record: a submission kind, 'epa-window', 'result' or an assessment id. */
  item: string;
  /** Who the record is, for a subject line: "Ada Lovelace (ST0071@1.2)". */
  about: string;
  dueOn: IsoDate;
  audience: Audience[];
  /** Stable: the same reminder always has the same key, so it is sent once. */
  key: string;
};

export type Dated = { date: IsoDate; source: string };
export type SubmissionKind = 'project-report' | 'portfolio' | 'showcase';

/** A submission a booked method needs in `leadDays` calendar days before its date. */
export type BookedSubmission = { kind: SubmissionKind; leadDays: number; source: string; submitted: boolean };

export type RecordFacts = {
  recordId: string;
  about: string;
  gatewayApprovedOn: IsoDate;
  /** The EPA window's last day, where the window has started. */
  epaEnd: Dated | null;
  /** Methods of the standard with no assessment held yet. */
  methodsNotHeld: string[];
  /** The project report's deadline after gateway, where the standard sets one. */
  projectReport: { due: Dated; submitted: boolean; reworkOfFailReleasedOn?: IsoDate } | null;
  /** Bookings not yet held or cancelled. */
  bookings: { bookingId: string; method: string; date: IsoDate; submissions: BookedSubmission[] }[];
  /** The last assessment's date, once every method has been assessed. */
  finalAssessmentOn: IsoDate | null;
  /** A result has been released for that final assessment. */
  resultReleased: boolean;
  /** The EPAO policy's results deadline, where it sets one. */
  resultsWithinWorkingDays: { value: number; source: string } | null;
};

export type ModerationFacts = { assessmentId: string; recordId: string; about: string; method: string; submittedOn: IsoDate };

export type ReminderFacts = { records: readonly RecordFacts[]; awaitingModeration: readonly ModerationFacts[] };

/** The rows behind a record, as plain values (dates are London calendar dates). */
export type RecordRows = {
  recordId: string;
  about: string;
  gatewayApprovedOn: IsoDate;
  bookings: readonly { id: string; method: string; date: IsoDate; status: 'booked' | 'held' | 'cancelled' }[];
  /** Kinds of work submitted for the record. */
  submitted: readonly SubmissionKind[];
  /** Submitted assessments: method, attempt and the day it was held. */
  assessments: readonly { method: string; attempt: number; heldOn: IsoDate }[];
  /** Results released (in any later state) and the final assessment each was for. */
  results: readonly { finalAssessmentOn: IsoDate }[];
  /** The day the project's fail was released, where the latest result failed it: the rework is due from then (001 §8). */
  projectFailReleasedOn?: IsoDate | null;
};

/** The dated facts of a record from its rows and its standard's and policy's data. */
export function recordFacts(resolved: Resolved, rows: RecordRows): RecordFacts {
  const { index, policy } = resolved;
  const held = new Set([...rows.assessments.map((a) => a.method), ...rows.bookings.filter((b) => b.status === 'held').map((b) => b.method)]);
  const heldDates = [...rows.assessments.map((a) => a.heldOn), ...rows.bookings.filter((b) => b.status === 'held').map((b) => b.date)];
  // ST0072's window starts at the first assessment (003); ST0071's at gateway approval (001 §5).
  const window = epaWindow(resolved, rows.gatewayApprovedOn, earliest(heldDates));
  const submitted = new Set(rows.submitted);
  const project = submissionDeadlines(resolved, rows.gatewayApprovedOn, rows.projectFailReleasedOn).get('project-report');

  const latest = new Map<string, { attempt: number; heldOn: IsoDate }>();
  for (const a of rows.assessments) {
    const current = latest.get(a.method);
    if (!current || a.attempt > current.attempt) latest.set(a.method, a);
  }
  const everyMethod = index.standard.methods.every((m) => latest.has(m.id));
  const finalAssessmentOn = everyMethod
    ? ([...latest.values()]
        .map((a) => a.heldOn)
        .sort()
        .at(-1) ?? null)
    : null;

  return {
    recordId: rows.recordId,
    about: rows.about,
    gatewayApprovedOn: rows.gatewayApprovedOn,
    epaEnd: window ? { date: window.end, source: index.standard.epaWindow.source } : null,
    methodsNotHeld: index.standard.methods.map((m) => m.id).filter((id) => !held.has(id)),
    projectReport: project
      ? {
          due: { date: project.due, source: project.source },
          submitted: submitted.has('project-report'),
          ...(project.rework ? { reworkOfFailReleasedOn: project.rework.failReleasedOn } : {}),
        }
      : null,
    bookings: rows.bookings
      .filter((b) => b.status === 'booked')
      .map((b) => ({
        bookingId: b.id,
        method: b.method,
        date: b.date,
        submissions: (index.methods.get(b.method)?.submissions ?? []).flatMap((s) =>
          s.leadDays ? [{ kind: s.id, leadDays: s.leadDays.value, source: s.leadDays.source, submitted: submitted.has(s.id) }] : [],
        ),
      })),
    finalAssessmentOn,
    resultReleased: finalAssessmentOn !== null && rows.results.some((r) => r.finalAssessmentOn >= finalAssessmentOn),
    resultsWithinWorkingDays: policy?.resultsWithinWorkingDays ?? null,
  };
}

const SUBMISSION_NAMES: Record<SubmissionKind, string> = { 'project-report': 'the project report', portfolio: 'the portfolio', showcase: 'the showcase' };

/** Today, the calendar, and "on or before `due`, and no more than `n` working days ahead of it". */
type Clock = { today: IsoDate; holidays: HolidayCalendar; within(due: IsoDate, n: number): boolean };
type Unkeyed = Omit<Reminder, 'key'>;

/**
 * "No more than n working days ahead": at most n working days fall after today up to `due`,
 * that is, `due` comes before the (n+1)th working day after today. That day is worked out
 * once for each n in a run, not by walking from today to every record's deadline.
 */
export function withinWorkingDays(today: IsoDate, holidays: HolidayCalendar): (due: IsoDate, n: number) => boolean {
  const limits = new Map<number, IsoDate>();
  return (due, n) => {
    if (due < today) return false;
    let limit = limits.get(n);
    if (limit === undefined) {
      limit = addWorkingDays(today, n + 1, holidays);
      limits.set(n, limit);
    }
    return due < limit;
  };
}

/** The reminders and overdue alerts due on `today`, ordered by due date. */
export function dueReminders(today: IsoDate, holidays: HolidayCalendar, facts: ReminderFacts): Reminder[] {
  const clock: Clock = { today, holidays, within: withinWorkingDays(today, holidays) };
  const unkeyed: Unkeyed[] = [];
  for (const record of facts.records) unkeyed.push(...submissionReminders(record, clock), ...windowReminders(record, clock), ...resultReminders(record, clock));
  unkeyed.push(...moderationReminders(facts.awaitingModeration, clock));
  const out = unkeyed.map((r) => ({ ...r, key: `${r.code}:${r.recordId}:${r.item}:${r.dueOn}` }));
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.code.localeCompare(b.code) || a.key.localeCompare(b.key));
}

/** Submissions: each kind outstanding is reminded about once, by its earliest deadline. */
function submissionReminders(record: RecordFacts, clock: Clock): Unkeyed[] {
  const { recordId, about } = record;
  const deadlines = new Map<SubmissionKind, { due: IsoDate; source: string; why: string }>();
  const consider = (kind: SubmissionKind, due: IsoDate, source: string, why: string) => {
    const current = deadlines.get(kind);
    if (!current || due < current.due) deadlines.set(kind, { due, source, why });
  };
  if (record.projectReport && !record.projectReport.submitted)
    consider(
      'project-report',
      record.projectReport.due.date,
      record.projectReport.due.source,
      record.projectReport.reworkOfFailReleasedOn
        ? `the rework of the failed project, after the result released on ${record.projectReport.reworkOfFailReleasedOn}`
        : `within the project period after gateway on ${record.gatewayApprovedOn}`,
    );
  for (const booking of record.bookings)
    for (const s of booking.submissions)
      if (!s.submitted) consider(s.kind, addDays(booking.date, -s.leadDays), s.source, `${s.leadDays} days before the ${booking.method} on ${booking.date}`);
  const out: Unkeyed[] = [];
  for (const [kind, d] of deadlines) {
    const what = SUBMISSION_NAMES[kind];
    const common = { source: d.source, recordId, item: kind, about, dueOn: d.due };
    if (clock.within(d.due, SUBMISSION_REMINDER_WORKING_DAYS))
      out.push({
        code: 'SUBMISSION_DUE',
        message: `${what} for ${about} is due by ${d.due} (${d.why}) and has not been submitted`,
        ...common,
        audience: ['apprentice', 'provider'],
      });
    else if (clock.today > d.due)
      out.push({
        code: 'SUBMISSION_OVERDUE',
        message: `${what} for ${about} was due by ${d.due} (${d.why}) and has not been submitted`,
        ...common,
        audience: ['apprentice', 'provider', 'epao'],
      });
  }
  return out;
}

/** The EPA window, while methods are still to be held. */
function windowReminders(record: RecordFacts, clock: Clock): Unkeyed[] {
  const { recordId, about } = record;
  if (!record.epaEnd || record.methodsNotHeld.length === 0) return [];
  const end = record.epaEnd.date;
  const methods = record.methodsNotHeld.join(', ');
  const common = { source: record.epaEnd.source, recordId, item: 'epa-window', about, dueOn: end, audience: ['epao', 'provider'] } as const;
  if (clock.within(end, WINDOW_REMINDER_WORKING_DAYS))
    return [
      { code: 'EPA_WINDOW_ENDING', message: `the EPA window for ${about} ends on ${end}; not yet held: ${methods}`, ...common, audience: [...common.audience] },
    ];
  if (clock.today > end)
    return [
      { code: 'EPA_WINDOW_PASSED', message: `the EPA window for ${about} ended on ${end}; not held: ${methods}`, ...common, audience: [...common.audience] },
    ];
  return [];
}

/** The result, where the EPAO's policy sets a deadline (NQual: 10 working days). */
function resultReminders(record: RecordFacts, clock: Clock): Unkeyed[] {
  const { recordId, about } = record;
  const rule = record.resultsWithinWorkingDays;
  if (!rule || !record.finalAssessmentOn || record.resultReleased) return [];
  const due = addWorkingDays(record.finalAssessmentOn, rule.value, clock.holidays);
  const base = `the result for ${about} (final assessment ${record.finalAssessmentOn}, ${rule.value} working days)`;
  const common = { source: rule.source, recordId, item: 'result', about, dueOn: due } as const;
  if (clock.within(due, RESULTS_REMINDER_WORKING_DAYS))
    return [{ code: 'RESULTS_DUE', message: `${base} is due by ${due} and has not been released`, ...common, audience: ['epao', 'iqa'] }];
  if (clock.today > due)
    return [{ code: 'RESULTS_OVERDUE', message: `${base} was due by ${due} and has not been released`, ...common, audience: ['epao', 'iqa'] }];
  return [];
}

/** Assessments waiting for moderation longer than the quality policy allows. */
function moderationReminders(awaiting: ReminderFacts['awaitingModeration'], clock: Clock): Unkeyed[] {
  return awaiting
    .filter((m) => workingDaysBetween(m.submittedOn, clock.today, clock.holidays) > MODERATION_ALERT_WORKING_DAYS)
    .map((m) => ({
      code: 'MODERATION_DUE',
      message: `the ${m.method} assessment for ${m.about}, submitted on ${m.submittedOn}, has waited for moderation more than ${MODERATION_ALERT_WORKING_DAYS} working days`,
      source: MODERATION_SOURCE,
      recordId: m.recordId,
      item: m.assessmentId,
      about: m.about,
      dueOn: addWorkingDays(m.submittedOn, MODERATION_ALERT_WORKING_DAYS, clock.holidays),
      audience: ['iqa', 'epao'],
    }));
}
