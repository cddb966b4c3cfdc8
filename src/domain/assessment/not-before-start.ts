// An assessment is judged on the session as held, so nothing of it is recorded (judgements,
// ID seen, times) and nothing submitted before its booked start.
// Source: 001_1e92b44f98d10fcb.txt §5 (the independent assessor grades the project and
// interview holistically, "as the apprentice's responses in the interview will be
// assessed"; the observation is graded on what the assessor observes);
// 004_f9b9047560044387.txt Section 2 (the assessment process: "Interview completed. …
// Assessment graded."). The seeds grade what happened in the session; that it cannot
// happen before the time booked for it is this platform's reading (docs/rules.md).
import { utcToLondon } from '../calendar/london-time.ts';
import type { Finding } from '../outcome.ts';

export const NOT_STARTED_SOURCE =
  '001 §5 (the assessor grades the session as held: "the apprentice\'s responses in the interview will be assessed"); 004 Section 2 ("Interview completed. … Assessment graded.")';

/**
 * Null once the booked start has come (`now` at or after it), else why the assessment
 * cannot be recorded yet. Both are instants as ISO strings (or Dates); the message gives
 * the start in London time, as it was booked.
 */
export function notBeforeStart(startsAt: Date | string, now: Date | string, what = 'assessment'): Finding | null {
  const start = new Date(startsAt).getTime();
  if (new Date(now).getTime() >= start) return null;
  const { date, time } = utcToLondon(new Date(start));
  return {
    code: 'ASSESSMENT_NOT_STARTED',
    message: `the ${what.charAt(0).toLowerCase()}${what.slice(1)} is booked to start at ${time} on ${date}: it can be judged and submitted only once it has started`,
    source: NOT_STARTED_SOURCE,
    startsAt: new Date(start).toISOString(),
  };
}
