// When each piece of work reached the EPAO, from the work submitted and the gateway
// submissions. The project report and the showcase are submitted as work; a reworked one
// replaces the first, so the latest of each kind counts. The portfolio has no upload of
// its own: it goes to the EPAO with the gateway submission (004 Section 4: the portfolio,
// its mapping and the employer's validation are gateway evidence; 001 §5 asks for it
// "2 weeks prior to the professional discussion"), so it counts as submitted on the
// latest gateway submission's date. So do the NQual "evidence" lead's papers (002).
// One rule for the booking checks and the reminders, which must agree.
import { type IsoDate, latest } from '../calendar/dates.ts';
import { isRework } from '../reassessment/rework.ts';

export type WorkKind = 'project-report' | 'showcase';

export type WorkSubmittedOn = {
  projectSubmittedOn?: IsoDate;
  showcaseSubmittedOn?: IsoDate;
  portfolioSubmittedOn?: IsoDate;
  evidenceSubmittedOn?: IsoDate;
};

/** `projectFailReleasedOn`: after the project's fail, only its rework counts as the project report (001 §8, rework.ts). */
export function workSubmittedOn(
  work: readonly { kind: WorkKind; submittedOn: IsoDate }[],
  gatewaySubmissions: readonly IsoDate[],
  projectFailReleasedOn?: IsoDate | null,
): WorkSubmittedOn {
  const on: WorkSubmittedOn = {};
  const reports = work.filter((w) => w.kind === 'project-report' && (!projectFailReleasedOn || isRework(w.submittedOn, projectFailReleasedOn)));
  const project = latest(reports.map((w) => w.submittedOn));
  const showcase = latest(work.filter((w) => w.kind === 'showcase').map((w) => w.submittedOn));
  const gateway = latest(gatewaySubmissions);
  if (project) on.projectSubmittedOn = project;
  if (showcase) on.showcaseSubmittedOn = showcase;
  if (gateway) {
    on.portfolioSubmittedOn = gateway;
    on.evidenceSubmittedOn = gateway;
  }
  return on;
}

/** The kinds of work the EPAO has, by the rule above (the reminders' and pages' view of it). */
export function kindsSubmitted(on: WorkSubmittedOn): ('project-report' | 'showcase' | 'portfolio')[] {
  const kinds: ('project-report' | 'showcase' | 'portfolio')[] = [];
  if (on.projectSubmittedOn) kinds.push('project-report');
  if (on.showcaseSubmittedOn) kinds.push('showcase');
  if (on.portfolioSubmittedOn) kinds.push('portfolio');
  return kinds;
}
