// The EPAO's own settings, where no seed sets a value and the EPAO decides.
import type { AppealWindow } from '../domain/appeals/window.ts';
import { type WorkingHours, workingHoursProblem } from '../domain/booking/working-time.ts';

/**
 * The appeal window. No seed sets a number of days: 001 §8 leaves appeals to the EPAO
 * ("managed by the EPAO whose decision is final"), and 000 and 004 name only a contact.
 */
export function appealWindow(env: Record<string, string | undefined> = process.env): AppealWindow {
  const workingDays = Number(env.APPEAL_WINDOW_WORKING_DAYS ?? 20);
  // A typo here would silently shut (NaN) or open the window: refuse it at the first use.
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > 260)
    throw new Error(`APPEAL_WINDOW_WORKING_DAYS must be a whole number of working days from 1 to 260, not "${env.APPEAL_WINDOW_WORKING_DAYS}"`);
  return {
    workingDays,
    source: 'EPAO setting APPEAL_WINDOW_WORKING_DAYS (no seed sets an appeal window; 001 §8 leaves appeals to the EPAO)',
  };
}

/**
 * The working hours bookings are expected within, London time. 004 Section 5 has
 * assessments "within the apprentice's usual working hours" but no seed gives hours, so
 * the EPAO sets them: WORKING_HOURS=08:00-18:00 by default.
 */
export function workingHours(env: Record<string, string | undefined> = process.env): WorkingHours {
  const text = env.WORKING_HOURS ?? '08:00-18:00';
  const [from = '', until = ''] = text.split('-').map((t) => t.trim());
  const problem = workingHoursProblem(from, until);
  // A typo would warn about every booking, or none: refuse it at the first use.
  if (problem) throw new Error(`WORKING_HOURS: ${problem}, not "${text}"`);
  return { from, until, source: `EPAO setting WORKING_HOURS (${from}-${until}; no seed sets working hours)` };
}
