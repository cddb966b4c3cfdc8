// An assessor's day: never two assessments at once, and between two face-to-face
// assessments at different venues, time to travel. No seed sets the travel time: it is
// this EPAO's setting. A remote assessment needs no travel; two at one venue (one
// workplace) need none between them.

import type { Finding } from '../outcome.ts';

/** One assessment in a day, in minutes from midnight (UK time); `venue` null when held remotely. */
export type Visit = { from: number; until: number; venue: string | null };

const SOURCE = "this EPAO's setting: the time an assessor is given to travel between face-to-face venues on one day";

export function overlapping(a: Visit, b: Visit): boolean {
  return a.from < b.until && b.from < a.until;
}

/** The gap `travelMinutes` two face-to-face visits at different venues need; 0 otherwise. */
export function travelBetween(a: Visit, b: Visit, travelMinutes: number): number {
  return a.venue !== null && b.venue !== null && a.venue !== b.venue ? travelMinutes : 0;
}

/** Why `visit` cannot join the assessor's day: it overlaps one, or leaves too little time to travel. */
export function dayRefusal(day: readonly Visit[], visit: Visit, travelMinutes: number): Finding | null {
  for (const other of day) {
    if (overlapping(other, visit))
      return {
        code: 'ASSESSOR_BUSY',
        message: 'the assessor already has an assessment that overlaps this time',
        source: "the assessor's diary: one assessment at a time",
      };
    const gap = travelBetween(other, visit, travelMinutes);
    if (gap > 0 && visit.from < other.until + gap && other.from < visit.until + gap)
      return {
        code: 'NO_TIME_TO_TRAVEL',
        message: `the assessor needs ${gap} minutes to travel between ${other.venue} and ${visit.venue}`,
        source: SOURCE,
        travelMinutes: gap,
      };
  }
  return null;
}
