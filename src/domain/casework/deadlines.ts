// Casework that waits on the EPAO in two steps, each due a number of working days after the
// case arrived: first it is acknowledged, then it is answered (an appeal's decision, a
// complaint's response). Counted in working days, England and Wales bank holidays aside
// (src/domain/calendar/working-days.ts); how many is the EPAO's setting for each kind.
import { addDays } from '../calendar/dates.ts';
import { addWorkingDays, type HolidayCalendar } from '../calendar/working-days.ts';

export type StepTimings = { acknowledgeWorkingDays: number; answerWorkingDays: number; source: string };

export type StepDeadlines = { acknowledgeBy: string; answerBy: string; source: string };

export function stepDeadlines(receivedOn: string, timings: StepTimings, holidays: HolidayCalendar): StepDeadlines {
  return {
    acknowledgeBy: addWorkingDays(receivedOn, timings.acknowledgeWorkingDays, holidays),
    answerBy: addWorkingDays(receivedOn, timings.answerWorkingDays, holidays),
    source: timings.source,
  };
}

/** The step an open case waits for and whether it is late on `today`; null once it is answered. */
export function stepDue(
  state: { answered: boolean; acknowledgedOn: string | null },
  deadlines: StepDeadlines,
  today: string,
): { step: 'acknowledge' | 'answer'; by: string; late: boolean } | null {
  if (state.answered) return null;
  const step = state.acknowledgedOn === null ? 'acknowledge' : 'answer';
  const by = step === 'acknowledge' ? deadlines.acknowledgeBy : deadlines.answerBy;
  return { step, by, late: today > by };
}

/**
 * The last arrival date whose step, due `workingDays` after it, is late on `today`: an open
 * case that arrived on or before it is late, one after it is not. So a list finds the late
 * cases by their arrival date alone.
 */
export function lateIfReceivedBy(today: string, workingDays: number, holidays: HolidayCalendar): string {
  let day = addDays(today, -1);
  while (addWorkingDays(day, workingDays, holidays) >= today) day = addDays(day, -1);
  return day;
}

/** This EPAO's setting: an open case's next step is chased from 2 working days before it is due. */
export const CHASE_WORKING_DAYS = 2;

/** Whether the step an open case waits for is to be chased today: late, or due within the chase days. */
export function chaseDue(due: { by: string; late: boolean } | null, today: string, holidays: HolidayCalendar): boolean {
  if (!due) return false;
  return due.late || addWorkingDays(today, CHASE_WORKING_DAYS, holidays) >= due.by;
}
