// The EPA window and the plan's deadlines.
// Source: 001_1e92b44f98d10fcb.txt §5 (EPA completed within 3 months from the start of the
// EPA period; the work-based project completed within 2 months); 003_16fb56b024b0b0ad.txt,
// Readiness for end-point assessment (ST0072: a 3-month window from the first activity);
// 001 §8 (a failed project's rework within 1 month).
import { addMonths, type IsoDate } from '../calendar/dates.ts';
import { REWORKED_SUBMISSION, type ReworkDeadline, reworkDeadline } from '../reassessment/rework.ts';
import { orderInForce, type Resolved } from '../standards/catalogue.ts';

export type Plan = {
  epaStart: IsoDate | null;
  epaEnd: IsoDate | null;
  projectDue?: IsoDate;
  windowMonths?: number;
  recommendedOrder: string[];
};

/** The window, inclusive at both ends; `firstActivity` fixes it where it starts at the first assessment. */
export function epaWindow(resolved: Resolved, gatewayApproved: IsoDate, firstActivity?: IsoDate): { start: IsoDate; end: IsoDate } | null {
  const { months, startsAt } = resolved.index.standard.epaWindow.value;
  const start = startsAt === 'gateway-approval' ? gatewayApproved : firstActivity;
  if (start === undefined) return null;
  return { start, end: addMonths(start, months) };
}

export type SubmissionDeadline = { due: IsoDate; source: string; rework?: ReworkDeadline };

/**
 * Submissions due a fixed number of months after gateway approval, by submission id. After
 * the project's fail is released, the reworked report is due within the rework period
 * instead (src/domain/reassessment/rework.ts).
 */
export function submissionDeadlines(resolved: Resolved, gatewayApproved: IsoDate, projectFailReleasedOn?: IsoDate | null): Map<string, SubmissionDeadline> {
  const deadlines = new Map<string, SubmissionDeadline>();
  for (const method of resolved.index.standard.methods)
    for (const submission of method.submissions)
      if (submission.dueMonthsAfterGateway)
        deadlines.set(submission.id, {
          due: addMonths(gatewayApproved, submission.dueMonthsAfterGateway.value),
          source: submission.dueMonthsAfterGateway.source,
        });
  const rework = projectFailReleasedOn ? reworkDeadline(resolved, projectFailReleasedOn) : null;
  if (rework) deadlines.set(REWORKED_SUBMISSION, { due: rework.due, source: rework.source, rework });
  return deadlines;
}

export function planEpa(resolved: Resolved, gatewayApproved: IsoDate): Plan {
  const window = epaWindow(resolved, gatewayApproved);
  const recommendedOrder = [...orderInForce(resolved).sequence];
  if (!window) return { epaStart: null, epaEnd: null, windowMonths: resolved.index.standard.epaWindow.value.months, recommendedOrder };
  const plan: Plan = { epaStart: window.start, epaEnd: window.end, recommendedOrder };
  const project = submissionDeadlines(resolved, gatewayApproved).get('project-report');
  if (project) plan.projectDue = project.due;
  // Keep the documented key order: epaStart, epaEnd, projectDue, recommendedOrder.
  return { epaStart: plan.epaStart, epaEnd: plan.epaEnd, ...(plan.projectDue ? { projectDue: plan.projectDue } : {}), recommendedOrder };
}
