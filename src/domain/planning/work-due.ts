// When each piece of the apprentice's work is due: the earliest of its deadline after
// gateway and its lead days before a booked method, as the reminders count them
// (src/domain/reminders/due.ts), but kept for every kind, submitted or not, so a page can
// show the apprentice what to send by when and what is already in.
// Source: 001_1e92b44f98d10fcb.txt §5 (the work-based project "completed within 2 months
// from the start of the end-point assessment period"; the written report submitted "2
// weeks prior to an interview date"; the portfolio "2 weeks prior to the professional
// discussion date"); §8 (a failed project reworked within 1 month, rework.ts). The values
// are the standard data's (src/standards/*.json).
import { addDays, type IsoDate } from '../calendar/dates.ts';
import type { RecordFacts, SubmissionKind } from '../reminders/due.ts';

/** Why a piece of work is due on its date. */
export type DueBecause =
  | { rule: 'after-gateway'; gatewayApprovedOn: IsoDate }
  | { rule: 'rework'; failReleasedOn: IsoDate }
  | { rule: 'before-method'; method: string; methodDate: IsoDate; leadDays: number };

export type WorkDeadline = { kind: SubmissionKind; due: IsoDate; source: string; because: DueBecause; submitted: boolean };

/** Each kind of work's earliest deadline, soonest first; a kind with no deadline (ST0072's showcase) is absent. */
export function workDeadlines(facts: Pick<RecordFacts, 'gatewayApprovedOn' | 'projectReport' | 'bookings'>): WorkDeadline[] {
  const byKind = new Map<SubmissionKind, WorkDeadline>();
  const consider = (deadline: WorkDeadline) => {
    const current = byKind.get(deadline.kind);
    if (!current || deadline.due < current.due) byKind.set(deadline.kind, deadline);
  };
  if (facts.projectReport)
    consider({
      kind: 'project-report',
      due: facts.projectReport.due.date,
      source: facts.projectReport.due.source,
      because: facts.projectReport.reworkOfFailReleasedOn
        ? { rule: 'rework', failReleasedOn: facts.projectReport.reworkOfFailReleasedOn }
        : { rule: 'after-gateway', gatewayApprovedOn: facts.gatewayApprovedOn },
      submitted: facts.projectReport.submitted,
    });
  for (const booking of facts.bookings)
    for (const s of booking.submissions)
      consider({
        kind: s.kind,
        due: addDays(booking.date, -s.leadDays),
        source: s.source,
        because: { rule: 'before-method', method: booking.method, methodDate: booking.date, leadDays: s.leadDays },
        submitted: s.submitted,
      });
  return [...byKind.values()].sort((a, b) => a.due.localeCompare(b.due) || a.kind.localeCompare(b.kind));
}
