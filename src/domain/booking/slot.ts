// A booked assessment's time and place, and what cancelling it costs.
// Sources:
// - the method's duration, tolerance and timed parts: the standard's data (001 §5 for
//   ST0071: "60 minutes (+/- 10%)"; 003 for ST0072: observation up to 90 minutes, showcase
//   presentation about 45 minutes plus an interview of up to 30);
// - extra time: the reasonable adjustment agreed for the apprentice (000 Scheduling –
//   Reasonable Adjustments; 004 Reasonable adjustments/considerations/adaptations; 003
//   Reasonable adjustments and special considerations), held on the record as a percentage;
// - the venue: each method's `venue` (workplace, remote allowed) from the standard's data;
// - cancellation: the EPAO policy's rule (000_105fd02c04a4443e.txt, Scheduling –
//   Cancellation: "within 10 working days prior to the assessment taking place will incur
//   the full cost").

import { sessionTime } from '../assessment/time-allowed.ts';
import type { IsoDate } from '../calendar/dates.ts';
import { type HolidayCalendar, workingDaysBetween } from '../calendar/working-days.ts';
import type { Finding } from '../outcome.ts';
import type { Method, Policy } from '../standards/schema.ts';

export type PlannedLength = {
  /** The time planned: the method's duration and its parts, lengthened by the agreed extra time. */
  minutes: number;
  /** The most it may run: the upper tolerance, lengthened the same way. The slot is booked for this. */
  maxMinutes: number;
  /** The method's own minutes (duration and parts), before tolerance and extra time. */
  baseMinutes: number;
  tolerancePercent: number;
  extraTimePercent: number;
  parts: { id: string; name: string; minutes: number }[];
  source: string;
};

/** Rounds up to a whole minute, ignoring floating-point dust (66.00000000001 is 66). */
const wholeMinutes = (minutes: number) => Math.ceil(minutes - 1e-9);

/** The planned length of an assessment of `method` for an apprentice with `extraTimePercent` extra time agreed. */
export function plannedLength(method: Method, extraTimePercent: number, showcaseFormat: 'report' | 'presentation' | null = null): PlannedLength {
  const { tolerancePercent } = method.duration.value;
  const parts = method.parts.map((p) => ({ id: p.id, name: p.name, minutes: p.minutes }));
  const time = sessionTime(method, extraTimePercent, showcaseFormat);
  const baseMinutes = time.plannedMinutes / (1 + extraTimePercent / 100);
  const sources = [method.duration.source, ...method.parts.map((p) => p.source)];
  if (extraTimePercent > 0) sources.push(`reasonable adjustment agreed for the apprentice: ${extraTimePercent}% extra time`);
  return {
    minutes: wholeMinutes(time.plannedMinutes),
    maxMinutes: wholeMinutes(time.maxMinutes),
    baseMinutes,
    tolerancePercent,
    extraTimePercent,
    parts,
    source: [...new Set(sources)].join('; '),
  };
}

/** Where the assessment happens: a venue, a remote link, or both; remote only where the method allows it. */
export function venueFindings(method: Method, place: { venue?: string | null; remoteLink?: string | null }): Finding[] {
  const findings: Finding[] = [];
  if (!place.venue && !place.remoteLink)
    findings.push({
      code: 'VENUE_REQUIRED',
      message: `the ${method.name.toLowerCase()} needs a venue or a remote link`,
      source: method.venue.source,
    });
  if (place.remoteLink && !method.venue.value.remoteAllowed)
    findings.push({
      code: 'REMOTE_NOT_ALLOWED',
      message: `the ${method.name.toLowerCase()} cannot be held remotely: ${method.venue.value.description}`,
      source: method.venue.source,
      method: method.id,
    });
  return findings;
}

export type CancellationCharge = {
  charge: 'full-fee' | 'none';
  /** Working days after the cancellation day up to and including the assessment day. */
  workingDaysBefore: number;
  withinWorkingDays: number | null;
  source: string;
};

/**
 * What cancelling costs under the EPAO's policy. VTCT: cancelling with 10 or fewer working
 * days to go (the cancellation day not counted, the assessment day counted) costs the full
 * fee. Without a cancellation rule in the policy there is no charge.
 */
export function cancellationCharge(
  rule: Policy['cancellation'] | undefined,
  assessmentDate: IsoDate,
  cancelledOn: IsoDate,
  holidays: HolidayCalendar,
): CancellationCharge {
  const workingDaysBefore = workingDaysBetween(cancelledOn, assessmentDate, holidays);
  if (!rule) return { charge: 'none', workingDaysBefore, withinWorkingDays: null, source: 'the EPAO policy sets no cancellation charge' };
  const within = workingDaysBefore <= rule.value.withinWorkingDays;
  return {
    charge: within ? rule.value.charge : 'none',
    workingDaysBefore,
    withinWorkingDays: rule.value.withinWorkingDays,
    source: rule.source,
  };
}
