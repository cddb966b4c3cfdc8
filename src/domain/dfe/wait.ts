// When a certificate may be requested from DfE: not while the result can still be appealed,
// since DfE prints what it is sent. The result's appeal window must pass first (the EPAO's
// APPEAL_WINDOW_WORKING_DAYS); a distinction cannot be appealed upward, so it waits a few
// calendar days only (DFE_TOP_GRADE_WAIT_DAYS, 7 by default). The API itself has no such
// check: this is the EPAO's setting, as the vendors' (shared/interop/dfe-assessor-external-api.md,
// Not confirmed). The EPAO may release one early, with a reason.
import { addDays, type IsoDate } from '../calendar/dates.ts';
import { addWorkingDays, type HolidayCalendar } from '../calendar/working-days.ts';

export type CertificateWait = { appealWindowWorkingDays: number; topGradeCalendarDays: number; source: string };

/** The first day the certificate of a result released on `releasedOn` may be sent. */
export function certificateNotBefore(releasedOn: IsoDate, overall: 'pass' | 'distinction', wait: CertificateWait, holidays: HolidayCalendar): IsoDate {
  if (overall === 'distinction') return addDays(releasedOn, wait.topGradeCalendarDays);
  return addDays(addWorkingDays(releasedOn, wait.appealWindowWorkingDays, holidays), 1);
}
