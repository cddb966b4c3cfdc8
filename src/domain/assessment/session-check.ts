// Whether a held assessment kept to its method's timing and conduct rules.
// Source: 001_1e92b44f98d10fcb.txt §5 (observation 1 hour ± 10%, questioning not over 15%
// of the total time allowed; interview and discussion 60 minutes ± 10%);
// 003_16fb56b024b0b0ad.txt (ST0072 limits are maxima: "up to"); 000 Scheduling – ID
// Requirements (the assessor certifies valid identification was seen).
import type { Finding } from '../outcome.ts';
import type { Method } from '../standards/schema.ts';
import { sessionTime } from './time-allowed.ts';

export type SessionFacts = {
  showcaseFormat?: 'report' | 'presentation' | null;
  /** Minutes from start to end of the assessment as held. */
  minutes: number;
  questioningMinutes: number | null;
  /** Agreed extra time, a percentage of the method's duration (reasonable adjustment). */
  extraTimePercent: number;
  identityChecked: boolean;
  idDocument: string | null;
};

/** The time allowed for questioning limits: the method's duration lengthened by the agreed extra time. */
export function timeAllowed(method: Method, extraTimePercent: number): number {
  return method.duration.value.minutes * (1 + extraTimePercent / 100);
}

/** The most questioning allowed, in minutes, where the method sets a limit (observation: 15% of the time allowed). */
export function questioningLimit(method: Method, extraTimePercent: number): number | null {
  const limit = method.questioning?.value;
  if (!limit) return null;
  if (limit.maxPercentOfDuration !== undefined) return (timeAllowed(method, extraTimePercent) * limit.maxPercentOfDuration) / 100;
  return limit.maxMinutes ?? null;
}

export function checkSession(method: Method, facts: SessionFacts, acceptedIds: readonly string[] | null, idSource: string | null): Finding[] {
  const findings: Finding[] = [];
  const { min, max } = sessionTime(method, facts.extraTimePercent, facts.showcaseFormat ?? null).check;
  if ((max !== null && facts.minutes > max + 1e-9) || facts.minutes < min - 1e-9)
    findings.push({
      code: 'DURATION_OUTSIDE_TOLERANCE',
      message: `the ${method.id} lasted ${facts.minutes} minutes; ${min === 0 ? `up to ${round(max ?? 0)}` : `${round(min)}–${round(max ?? 0)}`} minutes are allowed${facts.extraTimePercent ? ` with ${facts.extraTimePercent}% extra time` : ''}`,
      source: method.duration.source,
      minutes: facts.minutes,
      allowedMinutes: { min: round(min), max: max === null ? null : round(max) },
    });
  const limit = questioningLimit(method, facts.extraTimePercent);
  if (limit !== null && facts.questioningMinutes !== null && facts.questioningMinutes > limit + 1e-9)
    findings.push({
      code: 'QUESTIONING_OVER_LIMIT',
      message: `${facts.questioningMinutes} minutes of questioning; at most ${round(limit)} are allowed`,
      source: method.questioning?.source ?? '',
      questioningMinutes: facts.questioningMinutes,
      maxMinutes: round(limit),
    });
  if (!facts.identityChecked)
    findings.push({
      code: 'IDENTITY_NOT_CHECKED',
      message: "the apprentice's identity must be checked before the assessment",
      source: idSource ?? '000_105fd02c04a4443e.txt, Scheduling – ID Requirements',
    });
  else if (acceptedIds && facts.idDocument !== null && !acceptedIds.includes(facts.idDocument))
    findings.push({
      code: 'ID_DOCUMENT_NOT_ACCEPTED',
      message: `"${facts.idDocument}" is not an accepted proof of identity (${acceptedIds.join('; ')})`,
      source: idSource ?? '',
    });
  return findings;
}

const round = (n: number) => Math.round(n * 10) / 10;
