// How long a method's session is planned for and may last: its duration (where it applies
// to the apprentice's showcase format) and its timed parts, lengthened by the agreed extra
// time (a reasonable adjustment), with the tolerance above and below. One rule for the
// booking's slot and for checking the session as held.
// Source: the standard's data — 001 §5 ("1 hour +/- 10%", "60 minutes (+/- 10%)");
// 003 (observation up to 90 minutes; showcase presentation "approximately 45 minutes" plus
// an interview "up to 30 minutes"; a report showcase has the interview only).
import type { Method } from '../standards/schema.ts';

export type SessionTime = {
  /** The planned length: duration (where it applies) and parts, lengthened by extra time. */
  plannedMinutes: number;
  /** The longest it may run: the upper tolerance, lengthened the same way (the slot booked). */
  maxMinutes: number;
  /** The bounds a held session is checked against; null where the documents set none. */
  check: { min: number; max: number | null };
};

export function sessionTime(method: Method, extraTimePercent: number, showcaseFormat: 'report' | 'presentation' | null = null): SessionTime {
  const d = method.duration.value;
  const applies = d.onlyForFormat === undefined || showcaseFormat === null || d.onlyForFormat === showcaseFormat;
  const main = applies ? d.minutes : 0;
  const parts = method.parts.reduce((n, p) => n + p.minutes, 0);
  const extra = 1 + extraTimePercent / 100;
  const upper = 1 + d.tolerancePercent / 100;
  const lower = 1 - d.tolerancePercent / 100;
  const planned = (main + parts) * extra;
  const longest = (main + parts) * upper * extra;
  // A maximum has no lower bound; a recommended length is planned for but not a limit.
  const check = d.guidance && applies ? { min: 0, max: null } : { min: d.maximum || !applies ? 0 : main * lower * extra, max: longest };
  return { plannedMinutes: planned, maxMinutes: longest, check };
}
