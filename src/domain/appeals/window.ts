// Whether an appeal is in time. No seed sets a number of days (001 §8: appeals are managed
// by the EPAO "whose decision is final"; 000 and 004 name only a contact), so the window is
// the EPAO's own setting (APPEAL_WINDOW_WORKING_DAYS, src/app/epao-settings.ts), passed in.
import { addWorkingDays, type HolidayCalendar } from '../calendar/working-days.ts';
import type { Finding } from '../outcome.ts';

export type AppealWindow = { workingDays: number; source: string };

export function appealDeadline(releasedOn: string, window: AppealWindow, holidays: HolidayCalendar): string {
  return addWorkingDays(releasedOn, window.workingDays, holidays);
}

export function appealInTime(releasedOn: string, lodgedOn: string, window: AppealWindow, holidays: HolidayCalendar): Finding | null {
  const deadline = appealDeadline(releasedOn, window, holidays);
  if (lodgedOn <= deadline) return null;
  return {
    code: 'APPEAL_OUT_OF_TIME',
    message: `appeals are lodged within ${window.workingDays} working days of the result (by ${deadline})`,
    source: window.source,
    deadline,
  };
}
