// The EPAO's own settings, where no seed sets a value and the EPAO decides.
import type { AppealWindow } from '../domain/appeals/window.ts';

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
