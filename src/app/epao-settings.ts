// The EPAO's own settings, where no seed sets a value and the EPAO decides.
import type { AppealTimings } from '../domain/appeals/steps.ts';
import type { AppealWindow } from '../domain/appeals/window.ts';
import { type WorkingHours, workingHoursProblem } from '../domain/booking/working-time.ts';
import type { StepTimings } from '../domain/casework/deadlines.ts';

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

const wholeDays = (env: Record<string, string | undefined>, name: string, fallback: number): number => {
  const days = Number(env[name] ?? fallback);
  // A typo would silently make every appeal late (NaN) or never late: refuse it at the first use.
  if (!Number.isInteger(days) || days < 1 || days > 260) throw new Error(`${name} must be a whole number of working days from 1 to 260, not "${env[name]}"`);
  return days;
};

/**
 * How long the EPAO gives itself to acknowledge an appeal and to decide it, in working days
 * from its lodging. Ofqual's General Condition I1 asks for a timely appeals process; no seed
 * sets the days, so the EPAO does: 5 to acknowledge and 20 to decide by default.
 */
export function appealTimings(env: Record<string, string | undefined> = process.env): AppealTimings {
  const acknowledgeWorkingDays = wholeDays(env, 'APPEAL_ACKNOWLEDGE_WORKING_DAYS', 5);
  const decideWorkingDays = wholeDays(env, 'APPEAL_DECISION_WORKING_DAYS', 20);
  if (decideWorkingDays < acknowledgeWorkingDays)
    throw new Error('APPEAL_DECISION_WORKING_DAYS must be at least APPEAL_ACKNOWLEDGE_WORKING_DAYS: an appeal is acknowledged before it is decided');
  return {
    acknowledgeWorkingDays,
    decideWorkingDays,
    source: `EPAO settings APPEAL_ACKNOWLEDGE_WORKING_DAYS (${acknowledgeWorkingDays}) and APPEAL_DECISION_WORKING_DAYS (${decideWorkingDays}); no seed sets them (Ofqual General Condition I1: a timely appeals process)`,
  };
}

/**
 * How long the EPAO gives itself to acknowledge a complaint and to respond to it, in working
 * days from its receipt. 004 Section 6 names a complaints policy without days; Ofqual's
 * conditions ask for a complaints procedure that is followed. Default 5 and 20.
 */
export function complaintTimings(env: Record<string, string | undefined> = process.env): StepTimings {
  const acknowledgeWorkingDays = wholeDays(env, 'COMPLAINT_ACKNOWLEDGE_WORKING_DAYS', 5);
  const answerWorkingDays = wholeDays(env, 'COMPLAINT_RESPONSE_WORKING_DAYS', 20);
  if (answerWorkingDays < acknowledgeWorkingDays)
    throw new Error('COMPLAINT_RESPONSE_WORKING_DAYS must be at least COMPLAINT_ACKNOWLEDGE_WORKING_DAYS: a complaint is acknowledged before it is answered');
  return {
    acknowledgeWorkingDays,
    answerWorkingDays,
    source: `EPAO settings COMPLAINT_ACKNOWLEDGE_WORKING_DAYS (${acknowledgeWorkingDays}) and COMPLAINT_RESPONSE_WORKING_DAYS (${answerWorkingDays}); no seed sets them (004 Section 6 names a complaints policy)`,
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

/** Where people reach this Capstone, for the links in its e-mails: PUBLIC_URL, or the local server. */
export function publicUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`;
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(url)) throw new Error(`PUBLIC_URL must be an http or https address, not "${url}"`);
  return url.replace(/\/+$/, '');
}

/**
 * The minutes an assessor is given to travel between two face-to-face venues on one day
 * (src/domain/booking/travel.ts). No seed sets it: TRAVEL_MINUTES, 60 by default.
 */
export function travelMinutes(env: Record<string, string | undefined> = process.env): number {
  const text = env.TRAVEL_MINUTES ?? '60';
  const minutes = Number(text);
  if (!/^\d{1,3}$/.test(text) || minutes > 480) throw new Error(`TRAVEL_MINUTES must be whole minutes from 0 to 480, not "${text}"`);
  return minutes;
}
