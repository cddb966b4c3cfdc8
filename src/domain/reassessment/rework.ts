// A failed work-based project is reworked: "If the apprentice fails the work based project
// they will be asked to rework their project taking account of feedback from the independent
// assessor. Apprentices will have 1 month to rework their submission." (001 §8; the same in
// 000, Re-sits and Re-takes, and 004 Section 3, Reassessment requirements for each component.)
// The month runs from the day the fail was released: the result and the assessor's feedback
// reach the apprentice together (a fail is released only with its feedback), and that is when
// they are "asked to rework". The rework's deadline replaces the first report's (gateway
// approval + 2 months) for that attempt; work sent before the fail is not the rework.
import { addMonths, type IsoDate } from '../calendar/dates.ts';
import type { Resolved } from '../standards/catalogue.ts';
import type { GradeT } from '../standards/schema.ts';

/** The submission a failed project is reworked as. */
export const REWORKED_SUBMISSION = 'project-report';

/** The latest result in force for a record (released, or superseded by an appeal's), as the rework reads it. */
export type LatestResult = { releasedOn: IsoDate; methodGrades: Record<string, GradeT> };

/** A result as stored, for finding the one in force. */
export type ResultRow = LatestResult & { status: string; createdAt: Date | string };

/** The latest result in force from a record's results: released, or superseded by an appeal's; not cancelled or suspended. */
export function latestResultInForce(results: readonly ResultRow[]): LatestResult | null {
  const inForce = results.filter((r) => r.status === 'released' || r.status === 'superseded');
  const at = (r: ResultRow) => new Date(r.createdAt).getTime();
  const latest = inForce.reduce<ResultRow | null>(
    (best, r) => (!best || r.releasedOn > best.releasedOn || (r.releasedOn === best.releasedOn && at(r) > at(best)) ? r : best),
    null,
  );
  return latest ? { releasedOn: latest.releasedOn, methodGrades: latest.methodGrades } : null;
}

/** The rework period: the policy's where it sets one (VTCT, PAL), else the standard's. */
export function reworkMonths(resolved: Resolved): { value: number; source: string } | null {
  const period = resolved.policy?.reassessment?.projectReworkMonths ?? resolved.index.standard.reassessment.projectReworkMonths;
  return period ? { value: period.value, source: period.source } : null;
}

/** The method assessed on the reworked submission (ST0071: the project), if the standard has one. */
export function reworkedMethod(resolved: Resolved): string | null {
  return resolved.index.standard.methods.find((m) => m.submissions.some((s) => s.id === REWORKED_SUBMISSION))?.id ?? null;
}

/** The day the project's fail was released, when the latest result failed it; otherwise null (no rework is due). */
export function projectFailReleasedOn(resolved: Resolved, latest: LatestResult | null): IsoDate | null {
  const method = reworkedMethod(resolved);
  if (!latest || !method || !reworkMonths(resolved)) return null;
  return latest.methodGrades[method] === 'fail' ? latest.releasedOn : null;
}

export type ReworkDeadline = { due: IsoDate; source: string; failReleasedOn: IsoDate; months: number };

/** When the rework is due: the rework period after the fail's release, inclusive. */
export function reworkDeadline(resolved: Resolved, failReleasedOn: IsoDate): ReworkDeadline | null {
  const months = reworkMonths(resolved);
  if (!months) return null;
  return { due: addMonths(failReleasedOn, months.value), source: months.source, failReleasedOn, months: months.value };
}

/** Is a project report sent on `submittedOn` the rework of the fail released on `failReleasedOn`? Work sent before the fail is the first attempt's. */
export function isRework(submittedOn: IsoDate, failReleasedOn: IsoDate | null | undefined): boolean {
  return Boolean(failReleasedOn) && submittedOn >= (failReleasedOn as IsoDate);
}
